#include "trace/spec_check.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "reports/json_pointer.h"

namespace bp::trace {

namespace {

using nlohmann::json;
using Words = std::initializer_list<std::string_view>;

constexpr std::int64_t kMaxBytes = std::int64_t{64} << 20;  // per chunk
constexpr std::int64_t kMaxCount = 1'000'000;              // items, pushes, ticks

std::string join(Words words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

// Checks the members of one object; the first problem wins.
class ObjectCheck {
 public:
  ObjectCheck(const json& object, std::string pointer) : object_(object), pointer_(std::move(pointer)) {}

  const std::optional<std::string>& problem() const { return problem_; }

  void only(Words keys) {
    for (const auto& [key, value] : object_.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        fail(key, "unknown key; expected one of " + join(keys));
      }
    }
  }

  void boolean(const char* key) {
    if (const json* v = find(key); v && !v->is_boolean()) fail(key, "expected true or false");
  }

  void word(const char* key, Words words) {
    if (const json* v = find(key);
        v && !(v->is_string() && std::find(words.begin(), words.end(), v->get<std::string>()) != words.end())) {
      fail(key, "expected one of " + join(words));
    }
  }

  void whole(const char* key, std::int64_t min, std::int64_t max) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_number_integer() || v->get<std::int64_t>() < min ||
        (v->is_number_unsigned() ? v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)
                                 : v->get<std::int64_t>() > max)) {
      fail(key, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
  }

  // A string, or null when `null_too`.
  void text(const char* key, bool null_too) {
    if (const json* v = find(key); v && !v->is_string() && !(null_too && v->is_null())) {
      fail(key, null_too ? "expected a string or null" : "expected a string");
    }
  }

  void required(const char* key) {
    if (!object_.contains(key)) fail(key, "missing; it is required");
  }

 private:
  const json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  void fail(std::string_view key, const std::string& what) {
    if (problem_) return;
    problem_ = reports::pointer_child(pointer_, key) + ": " + what;
  }

  const json& object_;
  std::string pointer_;
  std::optional<std::string> problem_;
};

std::optional<std::string> not_object(const json& value, const std::string& pointer, const char* what) {
  if (value.is_object()) return std::nullopt;
  return (pointer.empty() ? std::string("/") : pointer) + ": expected " + what + " (a JSON object)";
}

const Words kWriteModes = {"hold", "sync", "sync-error"};

// The keys an op may carry, by mode; an op's own name decides nothing here.
std::optional<std::string> op_problem(const json& op, const std::string& pointer, bool writable) {
  if (auto p = not_object(op, pointer, "an op")) return p;
  ObjectCheck c(op, pointer);
  c.required("op");
  c.text("op", false);
  c.whole("size", 0, kMaxBytes);
  c.whole("count", 0, kMaxCount);
  c.text("error", true);
  if (writable) {
    c.boolean("cb");
    c.text("chunk", true);
    c.word("mode", kWriteModes);
  } else {
    c.boolean("eof");
    c.whole("n", 0, kMaxBytes);
  }
  return c.problem();
}

std::optional<std::string> ops_problem(const json& spec, bool writable) {
  const auto it = spec.find("ops");
  if (it == spec.end()) return std::nullopt;
  if (!it->is_array()) return std::string("/ops: expected an array of ops");
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (auto p = op_problem((*it)[i], "/ops/" + std::to_string(i), writable)) return p;
  }
  return std::nullopt;
}

std::optional<std::string> pipeline_problem(const json& spec) {
  ObjectCheck c(spec, "");
  c.only({"mode", "api", "hwm", "stages", "inject", "maxTicks"});
  c.word("api", {"callback", "promise"});
  c.whole("maxTicks", 0, kMaxCount);
  if (c.problem()) return c.problem();
  std::size_t stages = 0;
  if (const auto it = spec.find("stages"); it != spec.end()) {
    if (!it->is_array()) return std::string("/stages: expected an array of stages");
    stages = it->size();
    for (std::size_t i = 0; i < stages; ++i) {
      const std::string pointer = "/stages/" + std::to_string(i);
      if (auto p = not_object((*it)[i], pointer, "a stage")) return p;
      ObjectCheck s((*it)[i], pointer);
      s.only({"type", "items"});
      s.required("type");
      s.word("type", {"readable", "transform", "passthrough", "writable", "asyncgen", "asyncfn"});
      s.whole("items", 0, kMaxCount);
      if (s.problem()) return s.problem();
    }
  }
  if (const auto it = spec.find("inject"); it != spec.end()) {
    if (auto p = not_object(*it, "/inject", "an injection")) return p;
    ObjectCheck j(*it, "/inject");
    j.only({"stage", "at", "how"});
    j.whole("stage", 0, stages == 0 ? 0 : static_cast<std::int64_t>(stages) - 1);
    j.whole("at", 0, kMaxCount);
    j.word("how", {"error", "destroy", "destroy-no-error", "throw"});
    if (j.problem()) return j.problem();
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> spec_problem(const json& spec) {
  if (auto p = not_object(spec, "", "a spec")) return p;
  ObjectCheck c(spec, "");
  c.word("mode", {"writable", "readable", "pipeline"});
  if (c.problem()) return c.problem();
  const std::string mode = spec.value("mode", "writable");
  if (mode == "pipeline") return pipeline_problem(spec);
  const bool writable = mode == "writable";
  if (writable) {
    c.only({"mode", "hwm", "objectMode", "decodeStrings", "autoDestroy", "emitClose", "writev", "final",
            "destroyImpl", "writeMode", "ops"});
    c.boolean("decodeStrings");
    c.boolean("writev");
    c.word("final", {"none", "sync", "hold", "error"});
    c.word("destroyImpl", {"sync", "hold"});
    c.word("writeMode", kWriteModes);
  } else {
    c.only({"mode", "hwm", "objectMode", "autoDestroy", "emitClose", "readMode", "autoCount", "autoSize", "ops"});
    c.word("readMode", {"manual", "auto"});
    c.whole("autoCount", 0, kMaxCount);
    c.whole("autoSize", 0, kMaxBytes);
  }
  c.boolean("objectMode");
  c.boolean("autoDestroy");
  c.boolean("emitClose");
  if (c.problem()) return c.problem();
  return ops_problem(spec, writable);
}

}  // namespace bp::trace
