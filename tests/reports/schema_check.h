// A small structural JSON Schema checker for the tests, so that the writers' output can be held
// against schemas/*.schema.json without a validator library.
//
// It understands the keywords the bpharness schemas use: type, const, enum, required,
// properties, additionalProperties (false), items, minimum, maximum, and local "$ref"s to
// "#/$defs/NAME"; the annotations $schema, $id, title, description and default are ignored.
// Any other keyword in the schema is reported as a problem, so that the checker cannot pass
// a schema it does not understand.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bp::reports::testing {

// Each problem as "POINTER: what". With `require_every_property`, a property that the schema
// describes and the instance lacks is a problem too, required or not: a document with every
// field set must use the whole schema.
std::vector<std::string> schema_problems(const nlohmann::json& instance,
                                         const nlohmann::json& schema,
                                         bool require_every_property = false);

// The schema pointers of properties that have no "description", neither their own nor on the
// $defs entry they refer to.
std::vector<std::string> undescribed_properties(const nlohmann::json& schema);

}  // namespace bp::reports::testing
