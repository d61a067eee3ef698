// Fuzz target: the trace runner over random op sequences on the reference streams. The input's
// bytes choose a spec (a writable, a readable, or a pipeline of 2 to 6 stages with an injected
// fault, in the format of tests/conformance), trace/ runs it, and every line of the trace is
// checked against invariants that Node's semantics guarantee for any sequence:
//   - a write callback runs at most once; 'finish' comes after the callback of every write
//     made before end() (a write after end() is refused, and Node calls it back on a later
//     tick, after a 'finish' already queued: the callback then comes after 'finish');
//   - 'drain' only after a write() that returned false, or an end(chunk) (and not twice for one);
//   - buffered lengths never go negative (never above what was written or pushed);
//   - 'finish', 'end', 'close' at most once;
//   - a pipeline calls back exactly once, and after an error every stream is destroyed.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/fuzz/fuzz_check.h"
#include "trace/trace.h"

namespace {

using bp::fuzz::fuzz_require;
using nlohmann::json;

// Reads small choices from the fuzzer's bytes; zeros once they run out.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  unsigned pick(unsigned n) { return n == 0 ? 0 : (pos_ < size_ ? data_[pos_++] : 0u) % n; }
  bool flag() { return pick(2) == 1; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

const char* one_of(Bytes& in, std::initializer_list<const char*> words) {
  return *(words.begin() + in.pick(static_cast<unsigned>(words.size())));
}

void add_stream_options(Bytes& in, json& spec) {
  if (in.flag()) spec["hwm"] = in.pick(40);
  spec["objectMode"] = in.flag();
  spec["autoDestroy"] = in.pick(4) != 0;
  spec["emitClose"] = in.pick(4) != 0;
}

json writable_spec(Bytes& in) {
  json spec = {{"mode", "writable"}};
  add_stream_options(in, spec);
  spec["writev"] = in.flag();
  spec["final"] = one_of(in, {"none", "sync", "hold", "error"});
  spec["destroyImpl"] = one_of(in, {"sync", "hold"});
  spec["writeMode"] = one_of(in, {"hold", "sync", "sync-error"});
  json ops = json::array();
  while (!in.empty() && ops.size() < 64) {
    switch (in.pick(11)) {
      case 0: case 1: ops.push_back({{"op", "write"}, {"size", in.pick(24)}, {"cb", in.pick(4) != 0}}); break;
      case 2: ops.push_back({{"op", "complete"}}); break;
      case 3: ops.push_back({{"op", "complete"}, {"error", "complete error"}}); break;
      case 4: ops.push_back({{"op", one_of(in, {"complete_final", "complete_destroy"})}}); break;
      case 5: ops.push_back({{"op", "set_write_mode"}, {"mode", one_of(in, {"hold", "sync", "sync-error"})}}); break;
      case 6: ops.push_back({{"op", one_of(in, {"cork", "uncork", "state"})}}); break;
      case 7: {
        json end = {{"op", "end"}, {"cb", in.flag()}};
        if (in.flag()) end["size"] = in.pick(24);
        ops.push_back(end);
        break;
      }
      case 8: ops.push_back(in.flag() ? json{{"op", "destroy"}, {"error", "destroy error"}} : json{{"op", "destroy"}}); break;
      default: ops.push_back({{"op", "tick"}, {"count", 1 + in.pick(3)}}); break;
    }
  }
  spec["ops"] = ops;
  return spec;
}

json readable_spec(Bytes& in) {
  json spec = {{"mode", "readable"}};
  add_stream_options(in, spec);
  spec["readMode"] = one_of(in, {"manual", "auto"});
  spec["autoCount"] = in.pick(20);
  spec["autoSize"] = 1 + in.pick(24);
  json ops = json::array();
  while (!in.empty() && ops.size() < 64) {
    switch (in.pick(9)) {
      case 0: case 1: ops.push_back({{"op", "push"}, {"size", 1 + in.pick(24)}}); break;
      case 2: ops.push_back({{"op", "push"}, {"eof", true}}); break;
      case 3: ops.push_back(in.flag() ? json{{"op", "read"}, {"n", in.pick(40)}} : json{{"op", "read"}}); break;
      case 4: ops.push_back({{"op", one_of(in, {"on_data", "on_readable"})}}); break;
      case 5: ops.push_back({{"op", one_of(in, {"pause", "resume", "state"})}}); break;
      case 6: ops.push_back(in.flag() ? json{{"op", "destroy"}, {"error", "destroy error"}} : json{{"op", "destroy"}}); break;
      default: ops.push_back({{"op", "tick"}, {"count", 1 + in.pick(3)}}); break;
    }
  }
  spec["ops"] = ops;
  return spec;
}

json pipeline_spec(Bytes& in) {
  json spec = {{"mode", "pipeline"}, {"api", one_of(in, {"callback", "promise"})}, {"maxTicks", 2000}};
  if (in.flag()) spec["hwm"] = in.pick(8);
  const unsigned count = 2 + in.pick(5);
  json stages = json::array();
  stages.push_back({{"type", "readable"}, {"items", in.pick(12)}});
  for (unsigned i = 1; i + 1 < count; ++i) stages.push_back({{"type", one_of(in, {"transform", "passthrough", "asyncgen"})}});
  stages.push_back({{"type", one_of(in, {"writable", "writable", "asyncfn"})}});
  spec["stages"] = stages;
  if (in.pick(4) != 0) {
    const unsigned stage = in.pick(count);
    const std::string type = stages[stage]["type"];
    const bool function = type == "asyncgen" || type == "asyncfn";
    spec["inject"] = {{"stage", stage}, {"at", in.pick(14)},
                      {"how", function ? "throw" : one_of(in, {"error", "destroy", "destroy-no-error"})}};
  }
  return spec;
}

// The most a buffer can ever hold: every byte (or object) the spec writes or pushes.
std::uint64_t most_buffered(const json& spec) {
  const bool objects = spec.value("objectMode", false);
  std::uint64_t total = objects ? spec.value("autoCount", 0u) : spec.value("autoCount", 0u) * spec.value("autoSize", 1u);
  for (const json& op : spec.value("ops", json::array())) {
    const std::string name = op["op"];
    if (name == "write" || name == "push" || (name == "end" && op.contains("size"))) {
      total += objects ? 1 : op.value("size", 1u);
    }
  }
  return total;
}

// The invariants above, fed one trace line at a time.
class Checker {
 public:
  explicit Checker(const json& spec) : ops_(spec.value("ops", json::array())), most_buffered_(most_buffered(spec)) {}

  void line(const json& l) {
    const std::string ev = l.value("ev", "");
    if (ev == "write_ret") {
      if (!l["ret"].get<bool>()) owes_drain_ = true;
      // A write without a callback ("cb": false) has none to wait for.
      const bool has_cb = ops_.at(l["op"].get<std::size_t>()).value("cb", false);
      if (!ended_ && has_cb) pending_.insert(l["id"].get<std::int64_t>());
      check_length(l["writableLength"]);
    } else if (ev == "write_cb") {
      const auto id = l["id"].get<std::int64_t>();
      fuzz_require(called_.insert(id).second, "a write callback runs at most once");
      pending_.erase(id);
    } else if (ev == "drain") {
      fuzz_require(owes_drain_, "'drain' only after a write() that returned false");
      owes_drain_ = false;
    } else if (ev == "finish" || ev == "end" || ev == "close") {
      const std::string who = ev + (l.contains("stage") ? l["stage"].dump() : "");
      fuzz_require(seen_.insert(who).second, "'finish', 'end' and 'close' at most once per stream");
      if (ev == "finish" && !l.contains("stage")) fuzz_require(pending_.empty(), "'finish' after every write callback");
    } else if (ev == "push_ret" || ev == "auto_push_ret" || ev == "read_ret" || ev == "data" ||
               ev == "_read" || ev == "readable") {
      check_length(l["readableLength"]);
    } else if (ev == "end_ret") {
      ended_ = true;
      // end(chunk) writes the chunk first, and that write's answer is not in the trace: it may
      // have been false, and then a 'drain' follows as after any write (Node does so).
      if (ops_.at(l["op"].get<std::size_t>()).contains("size")) owes_drain_ = true;
      check_length(l["writableLength"]);
    } else if (ev == "pipeline_cb") {
      ++pipeline_calls_;
      pipeline_failed_ = l["error"] != "undefined";
    } else if (ev == "summary") {
      fuzz_require(l["callback_calls"] == 1 && pipeline_calls_ == 1, "a pipeline calls back exactly once");
      if (pipeline_failed_) {
        for (const json& stage : l["stages"]) {
          if (stage.contains("destroyed")) fuzz_require(stage["destroyed"] == true, "after an error every stream is destroyed");
        }
      }
    }
  }

 private:
  // Lengths are unsigned in the streams: one gone negative would show as a huge number.
  void check_length(const json& length) {
    fuzz_require(length.is_number_unsigned(), "a length is a number >= 0");
    fuzz_require(length.get<std::uint64_t>() <= most_buffered_, "a length never exceeds what was written or pushed");
  }

  json ops_;
  std::uint64_t most_buffered_;
  bool owes_drain_ = false;
  bool ended_ = false;
  std::set<std::int64_t> pending_;  // writes made before end(), not yet called back
  std::set<std::int64_t> called_;
  std::set<std::string> seen_;
  int pipeline_calls_ = 0;
  bool pipeline_failed_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  json spec;
  switch (in.pick(3)) {
    case 0: spec = writable_spec(in); break;
    case 1: spec = readable_spec(in); break;
    default: spec = pipeline_spec(in); break;
  }
  Checker checker(spec);
  for (const json& line : bp::trace::run_spec(spec)) checker.line(line);
  return 0;
}
