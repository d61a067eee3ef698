// Mode "writable": a Writable whose hooks print and complete as the spec says.
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "streams/writable.h"
#include "trace/modes.h"
#include "trace/session.h"

namespace bp::trace {

namespace {

using nlohmann::json;

class TraceWritable final : public Writable {
 public:
  TraceWritable(Session& session, const json& spec, const StreamOptions& options)
      : Stream(session.loop), Writable(session.loop, options), s_(session), spec_(spec),
        write_mode_(spec.value("writeMode", "hold")) {}

  void register_chunk(const Chunk& c, std::int64_t id) { ids_[c.identity()] = id; }
  void set_write_mode(std::string mode) { write_mode_ = std::move(mode); }

  void complete(const json& error) {
    if (held_.empty()) {
      s_.rec.event("complete_none");
      return;
    }
    Held h = std::move(held_.front());
    held_.pop_front();
    s_.rec.event("complete", {{"kind", h.kind}, {"error", message_json(error)}});
    h.cb(error.is_null() ? Error{} : Error::plain(error.get<std::string>()));
  }
  void complete_final(const json& error) { release(held_final_, "complete_final", error); }
  void complete_destroy(const json& error) { release(held_destroy_, "complete_destroy", error); }
  std::size_t pending_write_callbacks() const { return held_.size(); }

 protected:
  void _write(Chunk chunk, Callback cb) override {
    s_.rec.event("_write", {{"id", id_of(chunk)}, {"len", length_of(chunk)}});
    finish_write("write", std::move(cb));
  }
  void _writev(std::vector<Chunk> chunks, Callback cb) override {
    json ids = json::array(), lens = json::array();
    for (const Chunk& c : chunks) {
      ids.push_back(id_of(c));
      lens.push_back(length_of(c));
    }
    s_.rec.event("_writev", {{"ids", ids}, {"lens", lens}});
    finish_write("writev", std::move(cb));
  }
  bool has_writev() const override { return spec_.value("writev", false); }

  void _final(Callback cb) override {
    s_.rec.event("_final");
    const std::string mode = spec_.value("final", "none");
    if (mode == "hold") {
      held_final_ = std::move(cb);
    } else if (mode == "error") {
      cb(Error::plain("final error"));
    } else {
      cb();
    }
  }
  bool has_final() const override { return spec_.value("final", "none") != "none"; }

  void _destroy(Error err, Callback cb) override {
    s_.rec.event("_destroy", {{"error", error_json(err)}});
    if (spec_.value("destroyImpl", "sync") == "hold") {
      held_destroy_ = std::move(cb);
    } else {
      cb(std::move(err));
    }
  }

 private:
  struct Held {
    std::string kind;
    Callback cb;
  };

  json id_of(const Chunk& c) const {
    auto it = ids_.find(c.identity());
    if (it == ids_.end() || c.is_string()) return nullptr;
    return it->second;
  }
  // The protocol prints byte lengths, even for strings kept as strings.
  std::size_t length_of(const Chunk& c) const { return writable_object_mode() ? 1 : c.size(); }
  void finish_write(const std::string& kind, Callback cb) {
    if (write_mode_ == "sync") {
      cb();
    } else if (write_mode_ == "sync-error") {
      cb(Error::plain("sync write error"));
    } else {
      held_.push_back({kind, std::move(cb)});
    }
  }
  void release(Callback& held, const char* ev, const json& error) {
    if (!held) {
      s_.rec.event("complete_none");
      return;
    }
    Callback cb = std::move(held);
    held = nullptr;
    s_.rec.event(ev, {{"error", message_json(error)}});
    cb(error.is_null() ? Error{} : Error::plain(error.get<std::string>()));
  }

  Session& s_;
  const json& spec_;
  std::string write_mode_;
  std::map<const void*, std::int64_t> ids_;
  std::deque<Held> held_;
  Callback held_final_;
  Callback held_destroy_;
};

json state_of(const TraceWritable& w) {
  return {{"writableLength", w.writable_length()},
          {"writableNeedDrain", w.writable_need_drain()},
          {"writableHighWaterMark", w.writable_high_water_mark()},
          {"buffered", w.writable_buffered()},
          {"corked", w.writable_corked()},
          {"writable", w.writable()},
          {"writableEnded", w.writable_ended()},
          {"writableFinished", w.writable_finished()},
          {"destroyed", w.destroyed()},
          {"closed", w.closed()},
          {"errored", error_json(w.errored())}};
}

}  // namespace

void run_writable(Session& s, const json& spec) {
  StreamOptions options;
  options.high_water_mark = spec_high_water_mark(spec);
  options.object_mode = spec.value("objectMode", false);
  options.decode_strings = spec.value("decodeStrings", true);
  options.auto_destroy = spec.value("autoDestroy", true);
  options.emit_close = spec.value("emitClose", true);
  TraceWritable w(s, spec, options);
  for (Event ev : {Event::Drain, Event::Prefinish, Event::Finish, Event::Close, Event::Pipe,
                   Event::Unpipe}) {
    w.on(ev, [&s, ev](const EventArg&) { s.rec.event(event_name(ev)); });
  }
  w.on(Event::Error, [&s](const EventArg& a) { s.rec.event("error", {{"error", error_json(a.error)}}); });
  s.rec.event("created", {{"state", state_of(w)}});

  std::int64_t next_id = 0;
  auto make_chunk = [&](const json& op, std::int64_t id) {
    Chunk c;
    if (op.contains("chunk")) {
      if (op["chunk"].is_null()) return c;
      return Chunk::from_string(op["chunk"].get<std::string>());  // strings carry no id
    } else if (w.writable_object_mode()) {
      c = Chunk::object(id);
    } else {
      c = Chunk::zeros(op.value("size", 1));
    }
    w.register_chunk(c, id);
    return c;
  };
  auto callback_for = [&](const json& op, const std::string& ev, json id) -> Callback {
    if (!op.value("cb", true)) return {};
    return [&s, ev, id](Error err) {
      json fields = {{"error", error_json(err)}};
      if (!id.is_null()) fields["id"] = id;
      s.rec.event(ev, fields);
    };
  };

  s.run_ops(spec, [&](const json& op) {
    const std::string name = op.value("op", "");
    try {
      if (name == "write") {
        const std::int64_t id = next_id++;
        Chunk c = make_chunk(op, id);
        const bool ret = w.write(std::move(c), callback_for(op, "write_cb", id));
        s.rec.event("write_ret", {{"id", id}, {"ret", ret}, {"writableLength", w.writable_length()},
                                  {"writableNeedDrain", w.writable_need_drain()}});
      } else if (name == "end") {
        Chunk c;
        if (op.contains("size") || op.contains("chunk")) c = make_chunk(op, next_id++);
        w.end(std::move(c), callback_for(op, "end_cb", nullptr));
        s.rec.event("end_ret", {{"writableLength", w.writable_length()},
                                {"writableEnded", w.writable_ended()}});
      } else if (name == "complete") {
        w.complete(op.value("error", json()));
      } else if (name == "complete_final") {
        w.complete_final(op.value("error", json()));
      } else if (name == "complete_destroy") {
        w.complete_destroy(op.value("error", json()));
      } else if (name == "set_write_mode") {
        w.set_write_mode(op.value("mode", "hold"));
        s.rec.event("write_mode", {{"mode", op.value("mode", "hold")}});
      } else if (name == "cork") {
        w.cork();
        s.rec.event("cork_ret", {{"corked", w.writable_corked()}});
      } else if (name == "uncork") {
        w.uncork();
        s.rec.event("uncork_ret", {{"corked", w.writable_corked()}});
      } else if (name == "destroy") {
        w.destroy(spec_error(op));
        s.rec.event("destroy_ret", {{"destroyed", w.destroyed()}, {"closed", w.closed()}});
      } else if (name == "state") {
        s.rec.event("state", {{"state", state_of(w)}});
      } else {
        s.rec.event("unknown_op", {{"name", name}});
      }
    } catch (const ArgumentError& e) {
      s.rec.event("throw", {{"error", error_json(e.error())}});
    }
  });
  s.final_flush();
  s.rec.event("done", {{"pending_write_callbacks", w.pending_write_callbacks()},
                       {"state", state_of(w)}});
}

}  // namespace bp::trace
