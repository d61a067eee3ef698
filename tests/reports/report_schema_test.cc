// schemas/report.schema.json and schemas/summary.schema.json describe exactly what the writers
// write: every required property is written, nothing the schemas lack is, and a document with
// every field set uses every property the schemas describe.
#include "reports/report_schema.h"

#include <gtest/gtest.h>

#include "reports/report_json.h"
#include "reports/summary_json.h"
#include "tests/reports/report_fixtures.h"
#include "tests/reports/schema_check.h"

namespace bp::reports {
namespace {

using nlohmann::json;
using testing::read_text;
using testing::schema_problems;
using testing::source_dir;

std::string schema_text(const std::string& name) {
  return read_text(source_dir() / "schemas" / (name + ".schema.json"));
}

json report_schema_json() { return json::parse(schema_text("report")); }
json summary_schema_json() { return json::parse(schema_text("summary")); }

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST(ReportSchema, CompiledInSchemasAreTheFiles) {
  EXPECT_EQ(report_schema(), schema_text("report"));
  EXPECT_EQ(summary_schema(), schema_text("summary"));
}

TEST(ReportSchema, SchemasAreDraft2020_12AndDescribeEveryProperty) {
  for (const json& schema : {report_schema_json(), summary_schema_json()}) {
    EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
    EXPECT_TRUE(schema.contains("description"));
    EXPECT_EQ(joined(testing::undescribed_properties(schema)), "") << schema.at("$id");
  }
}

TEST(ReportSchema, ReportWithEveryFieldSetConformsAndUsesTheWholeSchema) {
  const json document = json::parse(to_json(testing::full_report()).dump());
  EXPECT_EQ(joined(schema_problems(document, report_schema_json(), true)), "");
}

TEST(ReportSchema, ReportWithOptionalFieldsUnsetConforms) {
  Report report = testing::passing_report();
  const json document = json::parse(to_json(report).dump());
  EXPECT_EQ(joined(schema_problems(document, report_schema_json())), "");
}

TEST(ReportSchema, NonFiniteNumbersConform) {
  Report report = testing::full_report();
  report.heap.growth_over_bound = std::numeric_limits<double>::infinity();
  report.wall_ms = std::numeric_limits<double>::quiet_NaN();
  const json document = json::parse(to_json(report).dump());
  EXPECT_EQ(joined(schema_problems(document, report_schema_json())), "");
}

TEST(ReportSchema, SummaryWithEveryFieldSetConformsAndUsesTheWholeSchema) {
  const json document = json::parse(to_json(testing::full_summary()).dump());
  EXPECT_EQ(joined(schema_problems(document, summary_schema_json(), true)), "");
}

TEST(ReportSchema, EverySchemaRequiredPropertyIsOneTheReaderRequires) {
  // Removing a property the schema requires makes the reader refuse the document, and the
  // reader accepts the document without each property the schema leaves optional.
  const json schema = report_schema_json();
  const json full = to_json(testing::full_report());
  for (const auto& [key, property] : schema.at("properties").items()) {
    json document = full;
    document.erase(key);
    const bool required = std::find(schema.at("required").begin(), schema.at("required").end(),
                                    json(key)) != schema.at("required").end();
    EXPECT_EQ(report_from_json(document).value.has_value(), !required) << key;
  }
}

TEST(SchemaChecker, FindsMissingAndExtraPropertiesAndWrongTypes) {
  json document = to_json(testing::full_report());
  document.erase("verdict");
  document["heap"]["extra"] = 1;
  document["stages"][0]["peak_buffered"] = "a lot";
  document["clock"] = "sundial";
  const std::vector<std::string> problems = schema_problems(document, report_schema_json());
  EXPECT_EQ(joined(problems),
            "(document): missing required property verdict\n"
            "/clock: expected one of [\"virtual\",\"real\"], found \"sundial\"\n"
            "/heap: property extra is not in the schema\n"
            "/stages/0/peak_buffered: expected type \"integer\", found \"a lot\"\n");
}

TEST(SchemaChecker, RefusesKeywordsItDoesNotUnderstand) {
  const json schema = {{"type", "object"}, {"oneOf", json::array()}};
  EXPECT_EQ(joined(schema_problems(json::object(), schema)),
            "(document): unsupported schema keyword oneOf\n");
}

}  // namespace
}  // namespace bp::reports
