// EventEmitter: Node's listener lists for the events streams emit.
//
// Listeners run synchronously inside emit(), in the order they were added (prepend() puts
// one first). As in Node, emit() works on a snapshot: a listener removed during an emit
// still runs in that emit, one added does not. once() listeners are removed before they run.
// Emitting Event::Error with no listener reports the error to the loop as uncaught.
//
// Subclasses learn of additions and removals through listener_added/listener_removed, which
// Readable uses to start flowing when a 'data' listener arrives.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "streams/chunk.h"
#include "streams/error.h"

namespace bp {

class Loop;
class Stream;

enum class Event : std::uint8_t {
  Close, Error, Drain, Finish, Prefinish, Pipe, Unpipe, Data, End, Readable, Pause, Resume,
};
inline constexpr std::size_t kEventCount = 12;
const char* event_name(Event ev);

// What an event carries: 'error' an error, 'data' a chunk, 'pipe'/'unpipe' the source.
struct EventArg {
  Error error{};
  Chunk chunk{};
  Stream* source = nullptr;
  bool* has_unpiped = nullptr;  // 'unpipe': set once the pipe has cleaned up for it
};

using Listener = std::function<void(const EventArg&)>;
using ListenerId = std::uint64_t;

class EventEmitter {
 public:
  explicit EventEmitter(Loop& loop) : loop_(&loop) {}
  EventEmitter(const EventEmitter&) = delete;
  EventEmitter& operator=(const EventEmitter&) = delete;
  virtual ~EventEmitter() = default;

  ListenerId on(Event ev, Listener fn);
  ListenerId once(Event ev, Listener fn);
  ListenerId prepend(Event ev, Listener fn);
  // Removes one listener; false when it was not registered (or already removed).
  bool off(Event ev, ListenerId id);
  void remove_all_listeners(Event ev);
  std::size_t listener_count(Event ev) const { return lists_[index(ev)].size(); }
  // Whether the listener `id` is the only one of `ev`.
  bool is_sole_listener(Event ev, ListenerId id) const {
    const auto& list = lists_[index(ev)];
    return list.size() == 1 && list.front().id == id;
  }

  // Runs the listeners of `ev`; returns whether there were any.
  bool emit(Event ev, const EventArg& arg = {});

  Loop& loop() const { return *loop_; }

 protected:
  virtual void listener_added(Event) {}
  virtual void listener_removed(Event) {}

 private:
  struct Entry {
    ListenerId id;
    std::unique_ptr<Listener> fn;
    bool once;
  };
  // What a multi-listener emit runs: the entries as they were when it began.
  struct Snapshot {
    ListenerId id;
    Listener* fn;
    bool once;
  };
  static std::size_t index(Event ev) { return static_cast<std::size_t>(ev); }
  ListenerId add(Event ev, Listener fn, bool once, bool front);
  // Destroys a removed listener, or keeps it until the outermost emit returns if one may be
  // running it (cheaper than sharing ownership of every listener).
  void retire(std::unique_ptr<Listener> fn);

  Loop* loop_;
  std::array<std::vector<Entry>, kEventCount> lists_;
  ListenerId next_id_ = 1;
  int emitting_ = 0;  // emit() calls on the stack
  std::vector<std::unique_ptr<Listener>> retired_;
};

}  // namespace bp
