// Mode "pipeline": object-mode stages joined by pipeline(), each counting the items it sees,
// with one fault injected at a chosen stage and count. Stream stages are stream subclasses;
// `asyncgen` and `asyncfn` stages are coroutines written as the oracle's JavaScript is.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "streams/async.h"
#include "streams/async_generator.h"
#include "streams/coroutine.h"
#include "streams/pipeline.h"
#include "streams/readable.h"
#include "streams/transform.h"
#include "streams/writable.h"
#include "trace/modes.h"
#include "trace/session.h"

namespace bp::trace {

namespace {

using nlohmann::json;

struct Injection {
  std::size_t stage = 0;
  std::int64_t at = 0;
  std::string how;
};

// What every stage shares: its index, its count, and the injection rule.
class StageHooks {
 public:
  StageHooks(Session& s, std::size_t index, std::string type, std::optional<Injection> inject)
      : s_(s), index_(index), type_(std::move(type)), inject_(std::move(inject)) {}

  // Counts one item; true when the injection is due at this count (and prints it).
  bool count_and_check() {
    ++count_;
    if (!inject_ || inject_->stage != index_ || inject_->at != count_) return false;
    s_.rec.event("inject", {{"stage", index_}, {"how", inject_->how}});
    return true;
  }
  // For stream stages: counts one item; when the injection is due, destroys `self` from
  // outside or calls `fail_self` with the injected error. Returns true when it fired.
  template <typename FailSelf>
  bool count_and_inject(Stream& self, FailSelf fail_self) {
    if (!count_and_check()) return false;
    if (destroys_from_outside()) {
      self.destroy(inject_->how == "destroy-no-error" ? Error{} : injected());
    } else {
      fail_self(injected());
    }
    return true;
  }
  void print(const std::string& ev) { s_.rec.event(ev, {{"stage", index_}}); }
  void print_destroy(const Error& err) {
    s_.rec.event("_destroy", {{"stage", index_}, {"error", error_json(err)}});
  }
  std::int64_t count() const { return count_; }
  Error injected() const { return Error::plain("inject@" + std::to_string(index_)); }

 private:
  bool destroys_from_outside() const {
    const std::string& how = inject_->how;
    return how == "destroy" || how == "destroy-no-error" || type_ == "passthrough";
  }

  Session& s_;
  std::size_t index_;
  std::string type_;
  std::optional<Injection> inject_;
  std::int64_t count_ = 0;
};

class SourceStage final : public Readable {
 public:
  SourceStage(Session& s, StageHooks& hooks, const StreamOptions& o, std::int64_t items)
      : Stream(s.loop), Readable(s.loop, o), hooks_(hooks), items_(items) {}

 protected:
  void _read(std::size_t) override {
    if (hooks_.count_and_inject(*this, [this](Error e) { destroy(std::move(e)); })) return;
    if (hooks_.count() <= items_) {
      push(Chunk::object(hooks_.count()));
    } else {
      push_eof();
    }
  }
  void _destroy(Error err, Callback cb) override {
    hooks_.print_destroy(err);
    cb(std::move(err));
  }

 private:
  StageHooks& hooks_;
  std::int64_t items_;
};

class TransformStage final : public Transform {
 public:
  TransformStage(Session& s, StageHooks& hooks, const StreamOptions& o)
      : Stream(s.loop), Transform(s.loop, o), hooks_(hooks) {}

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override {
    if (hooks_.count_and_inject(*this, [&cb](Error e) { cb(std::move(e), {}); })) return;
    cb({}, std::move(chunk));
  }
  void _destroy(Error err, Callback cb) override {
    hooks_.print_destroy(err);
    cb(std::move(err));
  }

 private:
  StageHooks& hooks_;
};

class SinkStage final : public Writable {
 public:
  SinkStage(Session& s, StageHooks& hooks, const StreamOptions& o)
      : Stream(s.loop), Writable(s.loop, o), hooks_(hooks) {}

 protected:
  void _write(Chunk, Callback cb) override {
    if (hooks_.count_and_inject(*this, [&cb](Error e) { cb(std::move(e)); })) return;
    cb();
  }
  void _destroy(Error err, Callback cb) override {
    hooks_.print_destroy(err);
    cb(std::move(err));
  }

 private:
  StageHooks& hooks_;
};

// async function* (source) {
//   try { for await (const item of source) { count++; if (due) throw; yield item; } }
//   finally { print generator_finally }
// }
AsyncGenerator<Chunk> counting_generator(AsyncGenerator<Chunk> source, StageHooks& hooks) {
  auto guard = co_await finally([&hooks] { hooks.print("generator_finally"); });
  while (auto item = co_await source.next()) {
    if (hooks.count_and_check()) co_await raise(hooks.injected());
    co_yield std::move(*item);
  }
}

// async function (source) { for await (const item of source) { count++; if (due) throw; }
//                           return count; }
Async<Chunk> counting_function(AsyncGenerator<Chunk> source, StageHooks& hooks) {
  while (auto item = co_await source.next()) {
    if (hooks.count_and_check()) co_await raise(hooks.injected());
  }
  co_return Chunk::object(hooks.count());
}

bool is_coroutine_stage(const std::string& type) { return type == "asyncgen" || type == "asyncfn"; }

}  // namespace

void run_pipeline(Session& s, const json& spec) {
  std::optional<Injection> inject;
  if (spec.contains("inject") && spec["inject"].is_object()) {
    const json& j = spec["inject"];
    inject = Injection{j.value("stage", std::size_t{0}), j.value("at", std::int64_t{0}),
                       j.value("how", std::string("error"))};
  }
  StreamOptions options;
  options.object_mode = true;
  options.high_water_mark = spec_high_water_mark(spec);

  const json stages_spec = spec.value("stages", json::array());
  std::vector<std::unique_ptr<StageHooks>> hooks;
  std::vector<std::unique_ptr<Stream>> streams;  // null for coroutine stages
  std::vector<std::string> types;
  std::vector<Stage> chain;
  for (std::size_t i = 0; i < stages_spec.size(); ++i) {
    const std::string type = stages_spec[i].value("type", "");
    types.push_back(type);
    hooks.push_back(std::make_unique<StageHooks>(s, i, type, inject));
    StageHooks& h = *hooks.back();
    std::unique_ptr<Stream> st;
    if (type == "readable") {
      st = std::make_unique<SourceStage>(s, h, options, stages_spec[i].value("items", 5));
    } else if (type == "transform" || type == "passthrough") {
      st = std::make_unique<TransformStage>(s, h, options);
    } else if (type == "writable") {
      st = std::make_unique<SinkStage>(s, h, options);
    } else if (type == "asyncgen") {
      chain.push_back(Stage::transform([&h](AsyncGenerator<Chunk> src, const AbortSignal&) {
        return counting_generator(std::move(src), h);
      }));
    } else if (type == "asyncfn") {
      chain.push_back(Stage::sink([&h](AsyncGenerator<Chunk> src, const AbortSignal&) {
        return counting_function(std::move(src), h);
      }));
    } else {
      s.rec.event("unsupported", {{"what", "stage type " + type}});
      return;
    }
    if (st) {
      for (Event ev : {Event::Finish, Event::End, Event::Close}) {
        st->on(ev, [&s, ev, i](const EventArg&) { s.rec.event(event_name(ev), {{"stage", i}}); });
      }
      st->on(Event::Error, [&s, i](const EventArg& a) {
        s.rec.event("error", {{"stage", i}, {"error", error_json(a.error)}});
      });
      chain.push_back(st.get());
    }
    streams.push_back(std::move(st));
  }

  int calls = 0;
  auto on_done = [&s, &calls](const Error& err, const Chunk& value) {
    ++calls;
    s.rec.event("pipeline_cb", {{"call", calls},
                                {"error", err ? error_json(err) : json("undefined")},
                                {"value", value ? json(value.as_int()) : json("undefined")}});
  };
  if (spec.value("api", "callback") == "promise") {
    pipeline_async(chain).then([on_done](const Chunk& v) { on_done({}, v); },
                               [on_done](const Error& e) { on_done(e, {}); });
  } else {
    pipeline(chain, [on_done](Error err, Chunk value) { on_done(err, value); });
  }

  if (inject && inject->at == 0 && inject->stage < streams.size() && streams[inject->stage] &&
      (inject->how == "destroy" || inject->how == "destroy-no-error")) {
    s.rec.event("inject", {{"stage", inject->stage}, {"how", inject->how}});
    streams[inject->stage]->destroy(inject->how == "destroy"
                                        ? Error::plain("inject@" + std::to_string(inject->stage))
                                        : Error{});
  }

  s.rec.set_op("run");
  s.rec.set_phase("tick");
  const int max_ticks = spec.value("maxTicks", 50);
  for (int i = 0; i < max_ticks && calls == 0; ++i) s.boundaries(1);
  s.boundaries(3);
  s.rec.set_op("final");
  json summary = json::array();
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (is_coroutine_stage(types[i])) {
      summary.push_back({{"stage", i}, {"type", types[i]}});
      continue;
    }
    const Stream& st = *streams[i];
    summary.push_back({{"stage", i}, {"type", types[i]}, {"destroyed", st.destroyed()},
                       {"closed", st.closed()}, {"errored", error_json(st.errored())}});
  }
  s.rec.event("summary", {{"callback_calls", calls}, {"stages", summary}});
  // Generators nobody will pull again are garbage once the run is over.
  reclaim_coroutines(s.loop);
}

}  // namespace bp::trace
