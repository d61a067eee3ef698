#include "harness/json_source.h"

#include <gtest/gtest.h>

#include <string>

namespace bp::harness {
namespace {

// The first diagnostic of reading `text`, as "line:col: message".
std::string first_error(std::string_view text) {
  const JsonRead read = read_json(text, "f.json");
  if (read.diagnostics.empty()) return "no error";
  const Diagnostic& d = read.diagnostics.front();
  return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

TEST(JsonSource, RecordsWhereEveryValueAndKeyStarts) {
  const std::string text =
      "{\n"
      "  \"name\": \"x\",\n"
      "  \"stages\": [\n"
      "    {\"kind\": \"gzip\"},\n"
      "    7\n"
      "  ]\n"
      "}\n";
  const JsonRead read = read_json(text, "f.json");
  ASSERT_TRUE(read.document) << read.diagnostics.front().to_string();
  const JsonDocument& doc = *read.document;
  EXPECT_EQ(doc.value_position(""), (TextPosition{1, 1}));
  EXPECT_EQ(doc.key_position("/name"), (TextPosition{2, 3}));
  EXPECT_EQ(doc.value_position("/name"), (TextPosition{2, 11}));
  EXPECT_EQ(doc.value_position("/stages"), (TextPosition{3, 13}));
  EXPECT_EQ(doc.value_position("/stages/0"), (TextPosition{4, 5}));
  EXPECT_EQ(doc.key_position("/stages/0/kind"), (TextPosition{4, 6}));
  EXPECT_EQ(doc.value_position("/stages/0/kind"), (TextPosition{4, 14}));
  EXPECT_EQ(doc.value_position("/stages/1"), (TextPosition{5, 5}));
  EXPECT_EQ(doc.key_position("/stages/1"), (TextPosition{5, 5}));  // not a member: its value
  EXPECT_EQ(doc.value().at("stages").at(0).at("kind"), "gzip");
}

TEST(JsonSource, MissingPointerFallsBackToNearestAncestor) {
  const JsonRead read = read_json("{\"a\": {\"b\": 1}}", "f.json");
  ASSERT_TRUE(read.document);
  EXPECT_EQ(read.document->value_position("/a/missing/deeper"), (TextPosition{1, 7}));
  EXPECT_EQ(read.document->value_position("/nothing"), (TextPosition{1, 1}));
  EXPECT_TRUE(read.document->has("/a/b"));
  EXPECT_FALSE(read.document->has("/a/c"));
}

TEST(JsonSource, EscapesPointerTokens) {
  const JsonRead read = read_json("{\"a/b\": {\"c~d\": 1}}", "f.json");
  ASSERT_TRUE(read.document);
  EXPECT_EQ(read.document->value_position("/a~1b/c~0d"), (TextPosition{1, 17}));
  EXPECT_EQ(pointer_child("/x", "a/b~"), "/x/a~1b~0");
  EXPECT_EQ(pointer_child("", std::size_t{3}), "/3");
}

TEST(JsonSource, CountsColumnsInCharactersNotBytes) {
  const JsonRead read = read_json("{\"é\": \"ü\", \"k\": 1}", "f.json");
  ASSERT_TRUE(read.document);
  EXPECT_EQ(read.document->key_position("/k"), (TextPosition{1, 12}));
}

TEST(JsonSource, CountsCarriageReturnLineEndingsAsOneLineBreak) {
  const JsonRead read = read_json("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}", "f.json");
  ASSERT_TRUE(read.document);
  EXPECT_EQ(read.document->key_position("/b"), (TextPosition{3, 3}));
}

TEST(JsonSource, SkipsAUtf8ByteOrderMark) {
  const JsonRead read = read_json("\xEF\xBB\xBF{\"a\": 1}", "f.json");
  ASSERT_TRUE(read.document);
  EXPECT_EQ(read.document->key_position("/a"), (TextPosition{1, 2}));
}

TEST(JsonSource, RefusesUtf16) {
  EXPECT_EQ(first_error(std::string("\xFF\xFE{\0", 4)),
            "1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
}

TEST(JsonSource, RefusesAnEmptyFile) {
  EXPECT_EQ(first_error(""), "1:1: the file is empty; expected a JSON value");
  EXPECT_EQ(first_error("  \n\n "), "3:2: the file is empty; expected a JSON value");
}

TEST(JsonSource, RefusesBinaryJunk) {
  EXPECT_EQ(
      first_error(std::string("\x7F"
                              "ELF\x02\x01",
                              6)),
      "1:1: unexpected control character 0x7F; expected a value (an object, array, string, number, true, "
      "false or null)");
  EXPECT_EQ(
      first_error(std::string("\0\0\0", 3)),
      "1:1: unexpected NUL byte (is this a binary file?); expected a value (an object, array, string, "
      "number, true, false or null)");
  EXPECT_EQ(first_error("\x89PNG"),
            "1:1: unexpected invalid UTF-8 byte 0x89 (is this a binary file?); expected a value (an object, "
            "array, string, number, true, false or null)");
}

TEST(JsonSource, RefusesInvalidUtf8InStrings) {
  EXPECT_EQ(first_error("{\"a\": \"x\xFFy\"}"), "1:9: invalid UTF-8 byte 0xFF in a string");
  EXPECT_EQ(first_error("{\"a\": \"\xC0\xAF\"}"), "1:8: invalid UTF-8 byte 0xC0 in a string");  // overlong
  EXPECT_EQ(first_error("{\"a\": \"\xED\xA0\x80\"}"),
            "1:8: invalid UTF-8 byte 0xED in a string");                                        // surrogate
  EXPECT_EQ(first_error("{\"a\": \"\xE2\x82\"}"), "1:8: invalid UTF-8 byte 0xE2 in a string");  // truncated
}

TEST(JsonSource, ReportsSyntaxErrorsWithWhatWasExpected) {
  EXPECT_EQ(first_error("{\"a\": 1,}"), "1:8: trailing comma before '}'; remove it");
  EXPECT_EQ(first_error("[1, 2,\n]"), "1:6: trailing comma before ']'; remove it");
  EXPECT_EQ(first_error("{\"a\": 1\n \"b\": 2}"),
            "2:2: unexpected '\"'; expected ',' or '}' after the value of \"a\" (is a comma missing?)");
  EXPECT_EQ(first_error("{\"a\" 1}"), "1:6: unexpected '1'; expected ':' after the key \"a\"");
  EXPECT_EQ(first_error("{a: 1}"), "1:2: object keys must be strings in double quotes: write \"a\"");
  EXPECT_EQ(first_error("{'a': 1}"),
            "1:2: strings use double quotes (\"), not single quotes; expected a key in double quotes or '}'");
  EXPECT_EQ(first_error("// note\n{}"), "1:1: comments are not allowed in JSON");
  EXPECT_EQ(first_error("{\"a\": 1 /* x */}"), "1:9: comments are not allowed in JSON");
  EXPECT_EQ(first_error("{\"a\": }"),
            "1:7: unexpected '}'; expected a value (an object, array, string, number, true, false or null)");
  EXPECT_EQ(first_error("[1 2]"), "1:4: unexpected '2'; expected ',' or ']' after element 0");
  EXPECT_EQ(first_error("{} {}"),
            "1:4: unexpected '{' after the end of the JSON value; a file holds exactly one value");
}

TEST(JsonSource, NamesWhereAnUnclosedContainerOpened) {
  EXPECT_EQ(first_error("{\n  \"a\": [1,\n  2"),
            "3:4: unexpected end of the file; the array opened at line 2, column 8 is not closed");
  EXPECT_EQ(first_error("{\"a\": 1"),
            "1:8: unexpected end of the file; the object opened at line 1, column 1 is not closed");
}

TEST(JsonSource, ReportsUnterminatedStringsWhereTheyStart) {
  EXPECT_EQ(first_error("{\"name\": \"abc,\n \"x\": 1}"),
            "1:10: unterminated string: a string cannot span lines (write a line break as \\n)");
  EXPECT_EQ(first_error("[\"abc"), "1:2: unterminated string: no closing '\"' before the end of the file");
  EXPECT_EQ(first_error("[\"a\tb\"]"), "1:4: control character 0x09 in a string must be escaped");
}

TEST(JsonSource, SuggestsTheLiteralForAMisspeltOne) {
  const JsonRead read = read_json("{\"a\": ture}", "f.json");
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(read.diagnostics[0].message,
            "unexpected 'ture'; expected a value (an object, array, string, number, true, false or null)");
  EXPECT_EQ(read.diagnostics[0].suggestion, "true");
  EXPECT_EQ(
      first_error("[NaN]"),
      "1:2: unexpected 'NaN'; expected a value (an object, array, string, number, true, false or null)");
}

TEST(JsonSource, DecodesEscapes) {
  const JsonRead read = read_json(R"(["\"\\\/\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00"])", "f.json");
  ASSERT_TRUE(read.document);
  EXPECT_EQ(read.document->value().at(0), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(read.document->value().at(1), "é€");
  EXPECT_EQ(read.document->value().at(2), "😀");
}

TEST(JsonSource, RefusesBadEscapes) {
  EXPECT_EQ(
      first_error(R"(["\q"])"),
      "1:3: invalid escape: 'q' after '\\'; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
  EXPECT_EQ(first_error(R"(["\u12G4"])"), "1:7: expected four hexadecimal digits after \\u, got 'G'");
  EXPECT_EQ(first_error(R"(["\ud800"])"), "1:3: a high surrogate \\u escape must be followed by a low one");
  EXPECT_EQ(first_error(R"(["\udc00"])"), "1:3: unpaired low surrogate in a \\u escape");
}

TEST(JsonSource, ReadsNumbersAsNlohmannDoes) {
  const JsonRead read =
      read_json("[0, -0, 7, -7, 1.5, 1e3, 18446744073709551615, 18446744073709551616, -1E-2]", "f");
  ASSERT_TRUE(read.document);
  const nlohmann::json& v = read.document->value();
  // -0 is zero: read as "0" is, so that a size of -0 is not refused as negative.
  EXPECT_TRUE(v[1].is_number_unsigned());
  EXPECT_TRUE(v[2].is_number_unsigned());
  EXPECT_TRUE(v[3].is_number_integer() && !v[3].is_number_unsigned());
  EXPECT_TRUE(v[4].is_number_float());
  EXPECT_EQ(v[6].get<std::uint64_t>(), 18446744073709551615u);
  EXPECT_TRUE(v[7].is_number_float());
  EXPECT_EQ(v, nlohmann::json::parse(
                   "[0, -0, 7, -7, 1.5, 1e3, 18446744073709551615, 18446744073709551616, -1E-2]"));
}

TEST(JsonSource, RefusesMalformedNumbers) {
  EXPECT_EQ(first_error("[01]"), "1:2: numbers cannot have leading zeros");
  EXPECT_EQ(first_error("[1.]"), "1:4: expected a digit after '.', got ']'");
  EXPECT_EQ(first_error("[-]"), "1:3: expected a digit after '-', got ']'");
  EXPECT_EQ(first_error("[1e]"), "1:4: expected a digit in the exponent, got ']'");
  EXPECT_EQ(first_error("[1e999]"), "1:2: number 1e999 is out of range (numbers must be below 1.8e308 in magnitude)");
  EXPECT_EQ(first_error("[" + std::string(400, '9') + "]"),
            "1:2: number " + std::string(24, '9') + "… is out of range (numbers must be below 1.8e308 in magnitude)");
}

TEST(JsonSource, AgreesWithNlohmannOnWhatIsValid) {
  const char* corpus[] = {
      "{}",
      "[]",
      "null",
      "true",
      "\"x\"",
      "  {\"a\" : [ 1 , {\"b\" : null} ] }  ",
      "[[[[]]]]",
      "-12.5e-3",
      "{\"a\":1,}",
      "[1,]",
      "{\"a\"}",
      "[",
      "]",
      "\"\\x\"",
      "01",
      "1.",
      ".5",
      "+1",
      "tru",
      "nul",
      "[1 2]",
      "{\"a\":1}x",
      "\"\xFF\"",
      "\"\t\"",
      "[\"\\u0000\"]",
      "{\"\":\"\"}",
      "1e5",
      "-0.0",
      "[true,false,null]",
  };
  for (const char* text : corpus) {
    const bool ours = read_json(text, "f").document.has_value();
    const bool theirs = nlohmann::json::accept(text);
    EXPECT_EQ(ours, theirs) << text;
    if (ours && theirs) {
      EXPECT_EQ(read_json(text, "f").document->value(), nlohmann::json::parse(text)) << text;
    }
  }
}

TEST(JsonSource, CapsNestingDepthWithoutOverflowingTheStack) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  EXPECT_TRUE(read_json(nested(kMaxJsonDepth), "f").document);
  EXPECT_EQ(first_error(nested(kMaxJsonDepth + 1)), "1:65: nesting is deeper than 64 levels");
  EXPECT_EQ(first_error(std::string(1'000'000, '[')), "1:65: nesting is deeper than 64 levels");
}

TEST(JsonSource, ReportsEveryDuplicateKeyAndKeepsTheFirst) {
  const JsonRead read = read_json("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}", "f.json");
  ASSERT_TRUE(read.document);
  ASSERT_EQ(read.diagnostics.size(), 2u);
  EXPECT_EQ(read.diagnostics[0].to_string(),
            "f.json:2:16: error: duplicate key \"c\"; it is first given at line 2, column 8 [at /b/c]");
  EXPECT_EQ(read.diagnostics[1].to_string(),
            "f.json:3:2: error: duplicate key \"a\"; it is first given at line 1, column 2 [at /a]");
  EXPECT_EQ(read.document->value().at("a"), 1);
  EXPECT_EQ(read.document->value().at("b").at("c"), 1);
  EXPECT_EQ(read.document->value_position("/a"), (TextPosition{1, 7}));
}

}  // namespace
}  // namespace bp::harness
