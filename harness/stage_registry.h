// StageRegistry: the stage kinds a scenario may name — the built-in ones and any a user
// registers from C++ by name.
//
// A factory builds one stage (a Duplex, usually a Transform) for a scenario; `size_ratio` tells
// the bound how its output chunks compare with its input chunks (2.0: twice as large), so the
// theoretical bound stays honest for user stages too. Register before loading scenarios:
//
//   bp::harness::StageRegistry::global().add("ndjson-parse", {make_parser, 1.0});
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/scenario.h"
#include "streams/duplex.h"

namespace bp::harness {

struct StageContext {
  Loop& loop;
  const Stage& config;
  StreamOptions options;    // high-water marks and object mode resolved from the scenario
  std::size_t input_chunk;  // the size of the chunks this stage receives, in bytes
};

struct StageType {
  std::function<std::unique_ptr<Duplex>(const StageContext&)> make;
  double size_ratio = 1.0;
};

class StageRegistry {
 public:
  static StageRegistry& global();

  // Adds or replaces a custom kind. Names of built-in kinds are refused (returns false).
  bool add(const std::string& name, StageType type);
  const StageType* find(const std::string& name) const;
  std::vector<std::string> names() const;  // custom kinds, sorted

 private:
  std::map<std::string, StageType> types_;
};

}  // namespace bp::harness
