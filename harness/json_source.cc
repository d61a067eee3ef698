#include "harness/json_source.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <unordered_map>
#include <utility>

#include "harness/line_index.h"
#include "harness/suggest.h"
#include "reports/utf8.h"

namespace bp::harness {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kValueKinds = "an object, array, string, number, true, false or null";

std::string hex_byte(unsigned char byte) {
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "0x%02X", byte);
  return buffer.data();
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A recursive-descent reader. Each parse_* function returns false after recording the first
// syntax error; duplicate keys are recorded and parsing goes on.
class Reader {
 public:
  Reader(std::string_view text, std::size_t start, const LineIndex& lines)
      : text_(text), pos_(start), lines_(lines) {}

  bool parse_document(nlohmann::json& out) {
    skip_whitespace();
    if (at_end()) return fail(pos_, "the file is empty; expected a JSON value");
    if (!parse_value(out, "", 0, true)) return false;
    skip_whitespace();
    if (!at_end()) {
      return fail(pos_, "unexpected " + describe(pos_) +
                            " after the end of the JSON value; a file holds exactly one value");
    }
    return true;
  }

  struct Problem {
    std::size_t offset;
    std::string pointer;
    std::string message;
    std::string suggestion;
  };
  const std::optional<Problem>& syntax_error() const { return syntax_error_; }
  const std::vector<Problem>& duplicates() const { return duplicates_; }
  std::unordered_map<std::string, JsonDocument::Place> take_places() { return std::move(places_); }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_whitespace() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }

  bool fail(std::size_t offset, std::string message, std::string suggestion = {}) {
    if (!syntax_error_) syntax_error_ = Problem{offset, {}, std::move(message), std::move(suggestion)};
    return false;
  }

  std::string where(std::size_t offset) const {
    const TextPosition at = lines_.position(offset);
    return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
  }

  // How the byte at `offset` reads in a message: "'}'", "the end of the file", "byte 0xFF".
  std::string describe(std::size_t offset) const {
    if (offset >= text_.size()) return "the end of the file";
    const auto byte = static_cast<unsigned char>(text_[offset]);
    if (byte == 0) return "NUL byte (is this a binary file?)";
    if (byte < 0x20 || byte == 0x7F) return "control character " + hex_byte(byte);
    const std::size_t length = reports::utf8_length(text_, offset);
    if (length == 0) return "invalid UTF-8 byte " + hex_byte(byte) + " (is this a binary file?)";
    return "'" + std::string(text_.substr(offset, length)) + "'";
  }

  // A message for a byte that cannot start what was expected, naming the usual mistakes.
  bool unexpected(std::string_view expected) {
    if (!at_end() && peek() == '/' && pos_ + 1 < text_.size() &&
        (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
      return fail(pos_, "comments are not allowed in JSON");
    }
    if (!at_end() && peek() == '\'') {
      return fail(pos_,
                  "strings use double quotes (\"), not single quotes; expected " + std::string(expected));
    }
    return fail(pos_, "unexpected " + describe(pos_) + "; expected " + std::string(expected));
  }

  bool parse_value(nlohmann::json& out, const std::string& pointer, int depth, bool record) {
    if (record) places_[pointer].value = lines_.position(pos_);
    if (at_end()) return fail(pos_, "unexpected end of the file; expected a value");
    const char c = peek();
    if (c == '{' || c == '[') {
      if (depth >= kMaxJsonDepth) {
        return fail(pos_, "nesting is deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      }
      return c == '{' ? parse_object(out, pointer, depth + 1, record)
                      : parse_array(out, pointer, depth + 1, record);
    }
    if (c == '"') {
      std::string text;
      if (!parse_string(text)) return false;
      out = std::move(text);
      return true;
    }
    if (c == '-' || is_digit(c)) return parse_number(out);
    if (is_word_char(c)) return parse_word(out);
    return unexpected("a value (" + std::string(kValueKinds) + ")");
  }

  bool parse_object(nlohmann::json& out, const std::string& pointer, int depth, bool record) {
    const std::size_t open = pos_++;
    out = nlohmann::json::object();
    std::unordered_map<std::string, std::size_t> seen;  // key → offset of its first occurrence
    skip_whitespace();
    if (!at_end() && peek() == '}') {
      ++pos_;
      return true;
    }
    std::optional<std::size_t> comma;
    while (true) {
      if (at_end())
        return fail(pos_,
                    "unexpected end of the file; the object opened at " + where(open) + " is not closed");
      if (peek() == '}' && comma) return fail(*comma, "trailing comma before '}'; remove it");
      if (is_word_char(peek())) {
        std::size_t end = pos_;
        while (end < text_.size() && is_word_char(text_[end])) ++end;
        return fail(pos_, "object keys must be strings in double quotes: write \"" +
                              std::string(text_.substr(pos_, end - pos_)) + "\"");
      }
      if (peek() != '"')
        return unexpected(comma ? "a key in double quotes" : "a key in double quotes or '}'");
      const std::size_t key_offset = pos_;
      std::string key;
      if (!parse_string(key)) return false;
      const std::string child = pointer_child(pointer, key);
      const auto [first, inserted] = seen.emplace(key, key_offset);
      if (!inserted) {
        duplicates_.push_back({key_offset,
                               child,
                               "duplicate key \"" + key + "\"; it is first given at " + where(first->second),
                               {}});
      }
      const bool record_member = record && inserted;
      if (record_member) places_[child].key = lines_.position(key_offset);
      skip_whitespace();
      if (at_end() || peek() != ':') return unexpected("':' after the key \"" + key + "\"");
      ++pos_;
      skip_whitespace();
      nlohmann::json discarded;
      if (!parse_value(inserted ? out[key] : discarded, child, depth, record_member)) return false;
      skip_whitespace();
      if (at_end())
        return fail(pos_,
                    "unexpected end of the file; the object opened at " + where(open) + " is not closed");
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      if (peek() != ',') {
        return unexpected("',' or '}' after the value of \"" + key + "\"" +
                          (peek() == '"' ? " (is a comma missing?)" : ""));
      }
      comma = pos_++;
      skip_whitespace();
    }
  }

  bool parse_array(nlohmann::json& out, const std::string& pointer, int depth, bool record) {
    const std::size_t open = pos_++;
    out = nlohmann::json::array();
    skip_whitespace();
    if (!at_end() && peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      const std::size_t index = out.size();
      out.push_back(nullptr);
      if (!parse_value(out.back(), pointer_child(pointer, index), depth, record)) return false;
      skip_whitespace();
      if (at_end())
        return fail(pos_,
                    "unexpected end of the file; the array opened at " + where(open) + " is not closed");
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      if (peek() != ',') return unexpected("',' or ']' after element " + std::to_string(index));
      const std::size_t comma = pos_++;
      skip_whitespace();
      if (!at_end() && peek() == ']') return fail(comma, "trailing comma before ']'; remove it");
    }
  }

  bool parse_hex4(std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      if (at_end()) return fail(pos_, "unexpected end of the file in a \\u escape");
      const char c = peek();
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return fail(pos_, "expected four hexadecimal digits after \\u, got " + describe(pos_));
      }
      out = out * 16 + digit;
    }
    return true;
  }

  // After the backslash: one escape, appended to `out` as UTF-8.
  bool parse_escape(std::string& out) {
    const std::size_t start = pos_ - 1;
    if (at_end()) return fail(start, "unterminated string");
    const char c = text_[pos_++];
    constexpr std::string_view kEscaped = "\"\\/bfnrt";
    constexpr std::string_view kMeaning = "\"\\/\b\f\n\r\t";
    if (const std::size_t found = kEscaped.find(c); found != std::string_view::npos) {
      out.push_back(kMeaning[found]);
      return true;
    }
    if (c != 'u') {
      return fail(start, "invalid escape: " + describe(start + 1) + " after '\\'; valid escapes are " +
                             "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
    }
    std::uint32_t unit = 0;
    if (!parse_hex4(unit)) return false;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail(start, "unpaired low surrogate in a \\u escape");
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      std::uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u")
        return fail(start, "a high surrogate \\u escape must be followed by a low one");
      pos_ += 2;
      if (!parse_hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF)
        return fail(start, "a high surrogate \\u escape must be followed by a low one");
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    reports::append_utf8(out, unit);
    return true;
  }

  bool parse_string(std::string& out) {
    const std::size_t open = pos_++;
    while (true) {
      if (at_end()) return fail(open, "unterminated string: no closing '\"' before the end of the file");
      const auto byte = static_cast<unsigned char>(peek());
      if (byte == '"') {
        ++pos_;
        return true;
      }
      if (byte == '\\') {
        ++pos_;
        if (!parse_escape(out)) return false;
      } else if (byte == '\n' || byte == '\r') {
        return fail(open, "unterminated string: a string cannot span lines (write a line break as \\n)");
      } else if (byte < 0x20) {
        return fail(pos_, "control character " + hex_byte(byte) + " in a string must be escaped");
      } else {
        const std::size_t length = reports::utf8_length(text_, pos_);
        if (length == 0) return fail(pos_, "invalid UTF-8 byte " + hex_byte(byte) + " in a string");
        out.append(text_.substr(pos_, length));
        pos_ += length;
      }
    }
  }

  bool parse_number(nlohmann::json& out) {
    const std::size_t start = pos_;
    const bool negative = peek() == '-';
    if (negative) ++pos_;
    auto digits = [&] {
      while (!at_end() && is_digit(peek())) ++pos_;
    };
    if (at_end() || !is_digit(peek())) return fail(pos_, "expected a digit after '-', got " + describe(pos_));
    if (peek() == '0' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])) {
      return fail(start, "numbers cannot have leading zeros");
    }
    digits();
    bool integer = true;
    if (!at_end() && peek() == '.') {
      ++pos_;
      integer = false;
      if (at_end() || !is_digit(peek()))
        return fail(pos_, "expected a digit after '.', got " + describe(pos_));
      digits();
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      integer = false;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (at_end() || !is_digit(peek()))
        return fail(pos_, "expected a digit in the exponent, got " + describe(pos_));
      digits();
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (integer && negative) {
      std::int64_t value = 0;
      if (std::from_chars(first, last, value).ec == std::errc()) {
        // "-0" is zero, not a negative number: keep it unsigned, as "0" is.
        if (value == 0) {
          out = std::uint64_t{0};
        } else {
          out = value;
        }
        return true;
      }
    } else if (integer) {
      std::uint64_t value = 0;
      if (std::from_chars(first, last, value).ec == std::errc()) {
        out = value;
        return true;
      }
    }
    double value = 0;
    if (std::from_chars(first, last, value).ec != std::errc()) {
      const std::string_view written = text_.substr(start, pos_ - start);
      constexpr std::size_t kShown = 24;
      return fail(start, "number " + std::string(written.substr(0, kShown)) + (written.size() > kShown ? "…" : "") +
                             " is out of range (numbers must be below 1.8e308 in magnitude)");
    }
    out = value;
    return true;
  }

  bool parse_word(nlohmann::json& out) {
    const std::size_t start = pos_;
    while (!at_end() && is_word_char(peek())) ++pos_;
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word == "true") {
      out = true;
    } else if (word == "false") {
      out = false;
    } else if (word == "null") {
      out = nullptr;
    } else {
      static constexpr std::array<std::string_view, 3> kLiterals{"true", "false", "null"};
      return fail(
          start,
          "unexpected '" + std::string(word) + "'; expected a value (" + std::string(kValueKinds) + ")",
          suggest(word, kLiterals).value_or(""));
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_;
  const LineIndex& lines_;
  std::optional<Problem> syntax_error_;
  std::vector<Problem> duplicates_;
  std::unordered_map<std::string, JsonDocument::Place> places_;
};

}  // namespace

const JsonDocument::Place* JsonDocument::nearest(std::string_view pointer) const {
  std::string key(pointer);
  while (true) {
    if (const auto found = places_.find(key); found != places_.end()) return &found->second;
    if (key.empty()) return nullptr;
    const std::size_t slash = key.rfind('/');
    key.erase(slash == std::string::npos ? 0 : slash);
  }
}

TextPosition JsonDocument::value_position(std::string_view pointer) const {
  const Place* place = nearest(pointer);
  return place ? place->value : TextPosition{};
}

TextPosition JsonDocument::key_position(std::string_view pointer) const {
  const auto found = places_.find(std::string(pointer));
  if (found != places_.end() && found->second.key.line > 0) return found->second.key;
  return value_position(pointer);
}

JsonRead read_json(std::string_view text, std::string_view file) {
  JsonRead result;
  const auto diagnostic = [&](TextPosition at, std::string pointer, std::string message,
                              std::string suggestion) {
    result.diagnostics.push_back({std::string(file), at.line, at.column, std::move(pointer),
                                  std::move(message), std::move(suggestion)});
  };
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    diagnostic({1, 1}, "", "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
               "");
    return result;
  }
  const std::size_t start = text.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  const LineIndex lines(text, start);
  Reader reader(text, start, lines);
  nlohmann::json value;
  if (!reader.parse_document(value)) {
    const auto& error = *reader.syntax_error();
    diagnostic(lines.position(error.offset), "", error.message, error.suggestion);
    return result;
  }
  for (const auto& duplicate : reader.duplicates()) {
    diagnostic(lines.position(duplicate.offset), duplicate.pointer, duplicate.message, "");
  }
  result.document.emplace(std::move(value), reader.take_places());
  return result;
}

}  // namespace bp::harness
