#include "harness/stage_registry.h"

#include <set>

namespace bp::harness {

StageRegistry& StageRegistry::global() {
  static StageRegistry registry;
  return registry;
}

bool StageRegistry::add(const std::string& name, StageType type) {
  static const std::set<std::string> builtin = {"passthrough", "expand", "shrink", "cost",
                                                "batch", "gzip", "gunzip", "retain"};
  if (builtin.count(name) || !type.make) return false;
  types_[name] = std::move(type);
  return true;
}

const StageType* StageRegistry::find(const std::string& name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<std::string> StageRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, type] : types_) out.push_back(name);
  return out;
}

}  // namespace bp::harness
