// Mode "readable": a Readable whose _read prints, and pushes by itself in "auto" mode.
#include <string>

#include "streams/readable.h"
#include "trace/modes.h"
#include "trace/session.h"

namespace bp::trace {

namespace {

using nlohmann::json;

class TraceReadable final : public Readable {
 public:
  TraceReadable(Session& session, const json& spec, const StreamOptions& options)
      : Stream(session.loop), Readable(session.loop, options), s_(session),
        auto_(spec.value("readMode", "manual") == "auto"),
        auto_left_(spec.value("autoCount", 0)), auto_size_(spec.value("autoSize", 1)) {}

  Chunk make_chunk(std::size_t size) const {
    return readable_object_mode() ? Chunk::object(0) : Chunk::zeros(size);
  }

 protected:
  void _read(std::size_t n) override {
    s_.rec.event("_read", {{"n", n}, {"readableLength", readable_length()}});
    if (!auto_) return;
    if (auto_left_ > 0) {
      --auto_left_;
      const bool ret = push(make_chunk(auto_size_));
      s_.rec.event("auto_push_ret", {{"ret", ret}, {"readableLength", readable_length()}});
    } else {
      push_eof();
      s_.rec.event("auto_push_eof");
    }
  }

  void _destroy(Error err, Callback cb) override {
    s_.rec.event("_destroy", {{"error", error_json(err)}});
    cb(std::move(err));
  }

 private:
  Session& s_;
  bool auto_;
  int auto_left_;
  std::size_t auto_size_;
};

json flowing_json(const Readable& r) {
  const auto f = r.readable_flowing();
  return f ? json(*f) : json(nullptr);
}

json state_of(const Readable& r) {
  return {{"readableLength", r.readable_length()},
          {"readableFlowing", flowing_json(r)},
          {"readableEnded", r.readable_ended()},
          {"destroyed", r.destroyed()},
          {"closed", r.closed()},
          {"errored", error_json(r.errored())}};
}

json length_of(const Readable& r, const Chunk& c) {
  if (c.is_null()) return nullptr;
  return r.readable_object_mode() ? 1 : c.size();
}

}  // namespace

void run_readable(Session& s, const json& spec) {
  StreamOptions options;
  options.high_water_mark = spec_high_water_mark(spec);
  options.object_mode = spec.value("objectMode", false);
  options.auto_destroy = spec.value("autoDestroy", true);
  options.emit_close = spec.value("emitClose", true);
  TraceReadable r(s, spec, options);
  for (Event ev : {Event::End, Event::Close, Event::Pause, Event::Resume}) {
    r.on(ev, [&s, ev](const EventArg&) { s.rec.event(event_name(ev)); });
  }
  r.on(Event::Error, [&s](const EventArg& a) { s.rec.event("error", {{"error", error_json(a.error)}}); });
  s.rec.event("created", {{"state", state_of(r)}});

  s.run_ops(spec, [&](const json& op) {
    const std::string name = op.value("op", "");
    if (name == "push") {
      const bool eof = op.value("eof", false);
      const bool ret = eof ? r.push_eof() : r.push(r.make_chunk(op.value("size", 1)));
      s.rec.event("push_ret", {{"eof", eof}, {"ret", ret}, {"readableLength", r.readable_length()}});
    } else if (name == "read") {
      Chunk c = op.contains("n") && !op["n"].is_null() ? r.read(op["n"].get<std::size_t>()) : r.read();
      s.rec.event("read_ret", {{"len", length_of(r, c)}, {"readableLength", r.readable_length()}});
    } else if (name == "on_data") {
      r.on(Event::Data, [&s, &r](const EventArg& a) {
        s.rec.event("data", {{"len", length_of(r, a.chunk)}, {"readableLength", r.readable_length()}});
      });
      s.rec.event("listening", {{"what", "data"}});
    } else if (name == "on_readable") {
      r.on(Event::Readable, [&s, &r](const EventArg&) {
        s.rec.event("readable", {{"readableLength", r.readable_length()}});
      });
      s.rec.event("listening", {{"what", "readable"}});
    } else if (name == "pause") {
      r.pause();
      s.rec.event("pause_ret", {{"readableFlowing", flowing_json(r)}});
    } else if (name == "resume") {
      r.resume();
      s.rec.event("resume_ret", {{"readableFlowing", flowing_json(r)}});
    } else if (name == "destroy") {
      r.destroy(spec_error(op));
      s.rec.event("destroy_ret", {{"destroyed", r.destroyed()}});
    } else if (name == "state") {
      s.rec.event("state", {{"state", state_of(r)}});
    } else {
      s.rec.event("unknown_op", {{"name", name}});
    }
  });
  s.final_flush();
  s.rec.event("done", {{"state", state_of(r)}});
}

}  // namespace bp::trace
