// "Did you mean …?" for misspelt keys, enum values and names.
//
// suggest() compares a word against the candidates with the optimal-string-alignment variant of
// the Damerau–Levenshtein distance (insertions, deletions, substitutions and transpositions of
// neighbours each cost 1), ignoring ASCII case, so "Pipeline", "pipelin" and "pipleine" all find
// "pipeline". It returns the nearest candidate when that is close enough to be a plausible typo:
// at most one edit for words of up to five characters, else at most a third of the longer word's
// length, capped at three; ties go to the earlier candidate. A word that is one of the candidates
// needs no suggestion: nullopt.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bp::harness {

// The edit distance described above, over ASCII case-folded bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The nearest plausible candidate for `word`, or nullopt.
std::optional<std::string> suggest(std::string_view word, std::span<const std::string_view> candidates);

// Alternatives as a message lists them: "a, b, c".
std::string joined(std::span<const std::string_view> words);

}  // namespace bp::harness
