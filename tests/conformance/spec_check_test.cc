// trace::spec_problem: each malformed spec is refused at its JSON pointer with what was
// expected; the golden specs all pass it (conformance_test.cc checks that on each).
#include "trace/spec_check.h"

#include <gtest/gtest.h>

namespace {

using nlohmann::json;

std::string problem(const char* text) {
  return bp::trace::spec_problem(json::parse(text)).value_or("no problem");
}

TEST(SpecCheck, AcceptsEachModeWithItsKeys) {
  EXPECT_EQ(problem(R"({"ops":[{"op":"write","size":3,"cb":false},{"op":"end","chunk":null}]})"), "no problem");
  EXPECT_EQ(problem(R"({"mode":"readable","readMode":"auto","autoCount":3,"ops":[{"op":"read","n":2}]})"),
            "no problem");
  EXPECT_EQ(problem(R"({"mode":"pipeline","stages":[{"type":"readable","items":2},{"type":"writable"}],
                        "inject":{"stage":1,"at":1,"how":"error"}})"),
            "no problem");
}

TEST(SpecCheck, UnknownOpsAndBadHighWaterMarksAreLeftToTheRun) {
  // The protocol prints unknown_op for the first, and Node throws for the second.
  EXPECT_EQ(problem(R"({"hwm":-1,"ops":[{"op":"frobnicate","whatever":1}]})"), "no problem");
}

TEST(SpecCheck, RefusesTheShapeAtItsPointer) {
  EXPECT_EQ(problem("[]"), "/: expected a spec (a JSON object)");
  EXPECT_EQ(problem(R"({"mode":"writabl"})"), "/mode: expected one of writable, readable, pipeline");
  EXPECT_EQ(problem(R"({"ops":{"op":"write"}})"), "/ops: expected an array of ops");
  EXPECT_EQ(problem(R"({"ops":[{"op":"write"},5]})"), "/ops/1: expected an op (a JSON object)");
  EXPECT_EQ(problem(R"({"ops":[{"size":1}]})"), "/ops/0/op: missing; it is required");
  EXPECT_EQ(problem(R"({"objectMode":"yes"})"), "/objectMode: expected true or false");
  EXPECT_EQ(problem(R"({"final":"later"})"), "/final: expected one of none, sync, hold, error");
  EXPECT_EQ(problem(R"({"mode":"readable","writeMode":"sync"})").substr(0, 25), "/writeMode: unknown key; ");
  EXPECT_EQ(problem(R"({"mode":"pipeline","stages":[{"type":"readable"}],"inject":{"stage":1}})"),
            "/inject/stage: expected a whole number from 0 to 0");
}

TEST(SpecCheck, RefusesSizesAndCountsOutOfRange) {
  EXPECT_EQ(problem(R"({"ops":[{"op":"write","size":-5}]})"), "/ops/0/size: expected a whole number from 0 to 67108864");
  EXPECT_EQ(problem(R"({"ops":[{"op":"write","size":100000000000}]})"),
            "/ops/0/size: expected a whole number from 0 to 67108864");
  EXPECT_EQ(problem(R"({"ops":[{"op":"write","size":1.5}]})"), "/ops/0/size: expected a whole number from 0 to 67108864");
  EXPECT_EQ(problem(R"({"mode":"readable","autoCount":100000000000})"),
            "/autoCount: expected a whole number from 0 to 1000000");
  EXPECT_EQ(problem(R"({"ops":[{"op":"tick","count":18446744073709551615}]})"),
            "/ops/0/count: expected a whole number from 0 to 1000000");
}

TEST(SpecCheck, EscapesTheKeyInThePointer) {
  EXPECT_EQ(problem(R"({"a/b~c":1})").substr(0, 10), "/a~1b~0c: ");
}

}  // namespace
