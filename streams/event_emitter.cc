#include "streams/event_emitter.h"

#include <algorithm>

#include "streams/loop.h"

namespace bp {

const char* event_name(Event ev) {
  static constexpr std::array<const char*, kEventCount> names = {
      "close", "error", "drain", "finish", "prefinish", "pipe",
      "unpipe", "data", "end", "readable", "pause", "resume"};
  return names[static_cast<std::size_t>(ev)];
}

ListenerId EventEmitter::add(Event ev, Listener fn, bool once, bool front) {
  auto& list = lists_[index(ev)];
  Entry entry{next_id_++, std::make_unique<Listener>(std::move(fn)), once};
  const ListenerId id = entry.id;
  if (front) {
    list.insert(list.begin(), std::move(entry));
  } else {
    list.push_back(std::move(entry));
  }
  listener_added(ev);
  return id;
}

ListenerId EventEmitter::on(Event ev, Listener fn) { return add(ev, std::move(fn), false, false); }
ListenerId EventEmitter::once(Event ev, Listener fn) { return add(ev, std::move(fn), true, false); }
ListenerId EventEmitter::prepend(Event ev, Listener fn) { return add(ev, std::move(fn), false, true); }

bool EventEmitter::off(Event ev, ListenerId id) {
  auto& list = lists_[index(ev)];
  auto it = std::find_if(list.begin(), list.end(), [id](const Entry& e) { return e.id == id; });
  if (it == list.end()) return false;
  retire(std::move(it->fn));
  list.erase(it);
  listener_removed(ev);
  return true;
}

void EventEmitter::remove_all_listeners(Event ev) {
  for (Entry& e : lists_[index(ev)]) retire(std::move(e.fn));
  lists_[index(ev)].clear();
  listener_removed(ev);
}

void EventEmitter::retire(std::unique_ptr<Listener> fn) {
  if (emitting_ > 0) retired_.push_back(std::move(fn));
}

bool EventEmitter::emit(Event ev, const EventArg& arg) {
  auto& list = lists_[index(ev)];
  if (list.empty()) {
    if (ev == Event::Error) loop_->report_uncaught(arg.error);
    return false;
  }
  // From here on a listener removed (even by itself) stays alive until the outermost emit
  // returns, so the ones this emit is about to run are never destroyed under it.
  struct Depth {
    EventEmitter& self;
    explicit Depth(EventEmitter& e) : self(e) { ++self.emitting_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    ~Depth() {
      if (--self.emitting_ == 0) self.retired_.clear();
    }
  } depth(*this);
  if (list.size() == 1) {
    const Entry& only = list.front();
    Listener* fn = only.fn.get();
    if (only.once) off(ev, only.id);
    (*fn)(arg);
    return true;
  }
  std::vector<Snapshot> snapshot;
  snapshot.reserve(list.size());
  for (const Entry& e : list) snapshot.push_back({e.id, e.fn.get(), e.once});
  for (const Snapshot& e : snapshot) {
    if (e.once) off(ev, e.id);
    (*e.fn)(arg);
  }
  return true;
}

}  // namespace bp
