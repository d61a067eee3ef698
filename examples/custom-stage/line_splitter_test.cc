// LineSplitter against every way a stream can be cut into chunks: each split point of a small
// text must give the same lines, numbered the same, as the text read whole.
#include "line_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace ndjson {
namespace {

using Lines = std::vector<std::pair<std::string, std::uint64_t>>;

// Feeds `chunks` in order, then finishes; returns the lines seen.
Lines split(const std::vector<std::string>& chunks, std::string* error = nullptr) {
  LineSplitter splitter(64);
  Lines lines;
  const LineSplitter::OnLine collect = [&](std::string_view line, std::uint64_t number) {
    lines.emplace_back(std::string(line), number);
    return std::string();
  };
  std::string first_error;
  for (const auto& chunk : chunks) {
    first_error = splitter.feed(chunk, collect);
    if (!first_error.empty()) break;
  }
  if (first_error.empty()) first_error = splitter.finish(collect);
  if (error) *error = first_error;
  return lines;
}

TEST(LineSplitter, SplitsOneChunkIntoLines) {
  EXPECT_EQ(split({"{\"a\":1}\n{\"b\":2}\n"}), (Lines{{"{\"a\":1}", 1}, {"{\"b\":2}", 2}}));
}

TEST(LineSplitter, SameLinesWhereverTwoChunksAreCut) {
  const std::string text = "{\"a\":1}\n{\"bb\":22}\r\n\n{\"c\":3}\n";
  const Lines whole = {{"{\"a\":1}", 1}, {"{\"bb\":22}", 2}, {"", 3}, {"{\"c\":3}", 4}};
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    EXPECT_EQ(split({text.substr(0, cut), text.substr(cut)}), whole) << "cut at byte " << cut;
  }
}

TEST(LineSplitter, ALineSpanningManyChunksComesOutOnce) {
  std::vector<std::string> chunks;
  for (char c : std::string("{\"key\":\"value\"}\n{\"x\":0}\n")) chunks.emplace_back(1, c);
  EXPECT_EQ(split(chunks), (Lines{{"{\"key\":\"value\"}", 1}, {"{\"x\":0}", 2}}));
}

TEST(LineSplitter, TheLastLineWithoutNewlineComesAtFinish) {
  EXPECT_EQ(split({"{\"a\":1}\n{\"b\"", ":2}"}), (Lines{{"{\"a\":1}", 1}, {"{\"b\":2}", 2}}));
}

TEST(LineSplitter, HoldsOnlyTheUnfinishedLine) {
  LineSplitter splitter;
  const LineSplitter::OnLine ignore = [](std::string_view, std::uint64_t) { return std::string(); };
  EXPECT_EQ(splitter.feed("{\"a\":1}\n{\"b\":", ignore), "");
  EXPECT_EQ(splitter.pending(), 5u);
  EXPECT_EQ(splitter.feed("2}\n", ignore), "");
  EXPECT_EQ(splitter.pending(), 0u);
}

TEST(LineSplitter, RefusesALineLongerThanTheLimit) {
  std::string error;
  const Lines lines = split({"{\"a\":1}\n", std::string(40, 'x'), std::string(40, 'x')}, &error);
  EXPECT_EQ(lines, (Lines{{"{\"a\":1}", 1}}));
  EXPECT_EQ(error, "line 2 is longer than 64 bytes");
}

TEST(LineSplitter, StopsAtTheFirstErrorOfTheCallback) {
  LineSplitter splitter;
  int calls = 0;
  const LineSplitter::OnLine fail_second = [&](std::string_view, std::uint64_t number) {
    ++calls;
    return number == 2 ? std::string("bad line 2") : std::string();
  };
  EXPECT_EQ(splitter.feed("1\n2\n3\n", fail_second), "bad line 2");
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace ndjson
