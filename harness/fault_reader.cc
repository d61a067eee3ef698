#include <string>
#include <string_view>
#include <unordered_map>

#include "harness/scenario_keys.h"
#include "harness/scenario_names.h"
#include "harness/scenario_sections.h"

namespace bp::harness {
namespace {

// Which part of the pipeline `value` names: "source", "sink", a stage's name, or a stage index.
void read_target(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                 const std::vector<Stage>& stages,
                 const std::unordered_map<std::string_view, std::size_t>& by_name, Fault& fault) {
  if (value.is_number_unsigned() && value.get<std::uint64_t>() < stages.size()) {
    fault.target = FaultTarget::stage;
    fault.stage = value.get<std::size_t>();
    return;
  }
  if (value.is_number()) {
    const std::string range = stages.empty() ? "the scenario has no stages"
                                             : "the scenario has " + std::to_string(stages.size()) +
                                                   " stage" + (stages.size() == 1 ? "" : "s") +
                                                   ", numbered 0 to " + std::to_string(stages.size() - 1);
    reader.value_error(pointer, "stage index " + describe(value) + " is out of range: " + range);
    return;
  }
  const std::optional<std::string> name = reader.text(value, pointer);
  if (!name) return;
  if (*name == "source" || *name == "sink") {
    fault.target = *name == "source" ? FaultTarget::source : FaultTarget::sink;
    return;
  }
  if (const auto found = by_name.find(*name); found != by_name.end()) {
    fault.target = FaultTarget::stage;
    fault.stage = found->second;
    return;
  }
  std::vector<std::string_view> names{"source", "sink"};
  for (const Stage& stage : stages) names.push_back(stage.name);
  reader.unknown_word(pointer, "stage", *name, names);
}

}  // namespace

std::vector<Fault> read_faults(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                               const std::vector<Stage>& stages) {
  std::vector<Fault> faults;
  if (!value.is_array()) {
    reader.value_error(pointer,
                       "expected an array of faults such as [{\"stage\": \"gzip1\", \"at\": \"16MiB\", "
                       "\"kind\": \"error\"}], got " +
                           describe(value));
    return faults;
  }
  if (value.size() > kMaxFaults) {
    reader.value_error(pointer, "a scenario has at most " + std::to_string(kMaxFaults) + " faults, not " +
                                    std::to_string(value.size()));
    return faults;
  }
  // Names can be resolved only when every stage was read without a problem.
  const bool stages_known = reader.clean("/stages");
  std::unordered_map<std::string_view, std::size_t> by_name;
  for (std::size_t i = 0; i < stages.size(); ++i) by_name.emplace(stages[i].name, i);
  for (std::size_t i = 0; i < value.size(); ++i) {
    Fault fault;
    const auto object =
        reader.object(value[i], pointer_child(pointer, i), "fault " + std::to_string(i), keys::kFault);
    if (!object) continue;
    const bool has_stage =
        reader.require(*object, "stage", "a stage name, a stage index, \"source\" or \"sink\"");
    reader.require(*object, "at", "a size of input, such as \"16MiB\"");
    reader.require(*object, "kind", "one of " + joined(names_in<FaultKind>(kFaultKindNames)));
    if (has_stage && stages_known) {
      read_target(reader, *reader.member(*object, "stage"), pointer_child(object->pointer, "stage"), stages,
                  by_name, fault);
    }
    reader.read_into(*object, "at", fault.at, &FieldReader::size);
    if (const nlohmann::json* kind = reader.member(*object, "kind")) {
      const std::string kind_pointer = pointer_child(object->pointer, "kind");
      if (const auto parsed = reader.choice<FaultKind>(*kind, kind_pointer, "fault kind", kFaultKindNames)) {
        fault.kind = *parsed;
      }
    }
    faults.push_back(fault);
  }
  return faults;
}

}  // namespace bp::harness
