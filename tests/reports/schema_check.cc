#include "tests/reports/schema_check.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace bp::reports::testing {

namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> kKnownKeywords = {"$schema",
                                                           "$id",
                                                           "title",
                                                           "description",
                                                           "default",
                                                           "$defs",
                                                           "$ref",
                                                           "type",
                                                           "const",
                                                           "enum",
                                                           "required",
                                                           "properties",
                                                           "additionalProperties",
                                                           "items",
                                                           "minimum",
                                                           "maximum"};

class Checker {
 public:
  Checker(const json& root, bool every) : root_(root), every_(every) {}

  void check(const json& instance, const json& schema, const std::string& at) {
    for (const auto& [keyword, value] : schema.items()) {
      if (!kKnownKeywords.contains(keyword)) problem(at, "unsupported schema keyword " + keyword);
    }
    if (schema.contains("$ref")) {
      const json* target = resolve(schema.at("$ref").get<std::string>(), at);
      if (target != nullptr) check(instance, *target, at);
    }
    if (schema.contains("type") && !has_type(instance, schema.at("type"))) {
      problem(at, "expected type " + schema.at("type").dump() + ", found " + instance.dump());
      return;
    }
    if (schema.contains("const") && instance != schema.at("const")) {
      problem(at, "expected " + schema.at("const").dump() + ", found " + instance.dump());
    }
    if (schema.contains("enum")) {
      const json& words = schema.at("enum");
      if (std::find(words.begin(), words.end(), instance) == words.end()) {
        problem(at, "expected one of " + words.dump() + ", found " + instance.dump());
      }
    }
    if (instance.is_number() && schema.contains("minimum") &&
        instance.get<double>() < schema.at("minimum").get<double>()) {
      problem(at, "below the minimum: " + instance.dump());
    }
    if (instance.is_number() && schema.contains("maximum") &&
        instance.get<double>() > schema.at("maximum").get<double>()) {
      problem(at, "above the maximum: " + instance.dump());
    }
    if (instance.is_object()) check_object(instance, schema, at);
    if (instance.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < instance.size(); ++i) {
        check(instance[i], schema.at("items"), at + "/" + std::to_string(i));
      }
    }
  }

  std::vector<std::string> problems;

 private:
  void check_object(const json& instance, const json& schema, const std::string& at) {
    const json properties = schema.value("properties", json::object());
    for (const json& key : schema.value("required", json::array())) {
      if (!instance.contains(key.get<std::string>())) {
        problem(at, "missing required property " + key.get<std::string>());
      }
    }
    for (const auto& [key, value] : instance.items()) {
      if (properties.contains(key)) {
        check(value, properties.at(key), at + "/" + key);
      } else if (schema.value("additionalProperties", true) == false) {
        problem(at, "property " + key + " is not in the schema");
      }
    }
    if (every_) {
      for (const auto& [key, value] : properties.items()) {
        if (!instance.contains(key)) problem(at, "schema property " + key + " was not written");
      }
    }
  }

  static bool has_type(const json& instance, const json& type) {
    if (type.is_array()) {
      return std::any_of(type.begin(), type.end(),
                         [&](const json& one) { return has_type(instance, one); });
    }
    const std::string name = type.get<std::string>();
    if (name == "object") return instance.is_object();
    if (name == "array") return instance.is_array();
    if (name == "string") return instance.is_string();
    if (name == "boolean") return instance.is_boolean();
    if (name == "null") return instance.is_null();
    if (name == "number") return instance.is_number();
    if (name == "integer") return instance.is_number_integer();
    return false;
  }

  const json* resolve(const std::string& ref, const std::string& at) {
    constexpr std::string_view kPrefix = "#/$defs/";
    if (!ref.starts_with(kPrefix)) {
      problem(at, "unsupported $ref " + ref);
      return nullptr;
    }
    const std::string name = ref.substr(kPrefix.size());
    if (!root_.contains("$defs") || !root_.at("$defs").contains(name)) {
      problem(at, "dangling $ref " + ref);
      return nullptr;
    }
    return &root_.at("$defs").at(name);
  }

  void problem(const std::string& at, const std::string& what) {
    problems.push_back((at.empty() ? "(document)" : at) + ": " + what);
  }

  const json& root_;
  bool every_;
};

void find_undescribed(const json& root, const json& schema, const std::string& at,
                      std::vector<std::string>& out) {
  if (!schema.is_object()) return;
  if (schema.contains("properties")) {
    for (const auto& [key, property] : schema.at("properties").items()) {
      bool described = property.contains("description");
      if (!described && property.contains("$ref")) {
        const std::string name = property.at("$ref").get<std::string>().substr(8);
        described =
            root.at("$defs").contains(name) && root.at("$defs").at(name).contains("description");
      }
      if (!described) out.push_back(at + "/properties/" + key);
      find_undescribed(root, property, at + "/properties/" + key, out);
    }
  }
  if (schema.contains("items")) find_undescribed(root, schema.at("items"), at + "/items", out);
  if (schema.contains("$defs")) {
    for (const auto& [key, def] : schema.at("$defs").items()) {
      find_undescribed(root, def, at + "/$defs/" + key, out);
    }
  }
}

}  // namespace

std::vector<std::string> schema_problems(const json& instance, const json& schema,
                                         bool require_every_property) {
  Checker checker(schema, require_every_property);
  checker.check(instance, schema, "");
  return checker.problems;
}

std::vector<std::string> undescribed_properties(const json& schema) {
  std::vector<std::string> out;
  find_undescribed(schema, schema, "", out);
  return out;
}

}  // namespace bp::reports::testing
