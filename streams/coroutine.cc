// The coroutine frame registry and the unwinding of a body's cleanup stack.
#include "streams/coroutine.h"

#include <algorithm>
#include <exception>

namespace bp {

namespace {

struct Registry {
  detail::CoroutineBase* head = nullptr;
  std::size_t count = 0;
};

Registry& registry() {
  thread_local Registry r;
  return r;
}

}  // namespace

std::size_t live_coroutines() { return registry().count; }

namespace detail {

CoroutineBase::CoroutineBase() {
  Registry& r = registry();
  next_ = r.head;
  if (next_) next_->prev_ = this;
  r.head = this;
  ++r.count;
}

CoroutineBase::~CoroutineBase() {
  *alive_ = false;
  Registry& r = registry();
  if (prev_) prev_->next_ = next_;
  if (next_) next_->prev_ = prev_;
  if (r.head == this) r.head = next_;
  --r.count;
}

Loop& CoroutineBase::require_loop() const {
  if (!loop_) no_loop();
  return *loop_;
}

void CoroutineBase::adopt_loop(Loop* loop) {
  if (!loop_) loop_ = loop;
}

std::uint64_t CoroutineBase::push_finally(std::function<void()> fn) {
  const std::uint64_t id = next_id_++;
  cleanups_.push_back(Entry{id, std::move(fn), nullptr, {}});
  return id;
}

void CoroutineBase::open_iterator(const void* iterator, Closer close) {
  const bool open = std::any_of(cleanups_.begin(), cleanups_.end(),
                                [iterator](const Entry& e) { return e.iterator == iterator; });
  if (!open) cleanups_.push_back(Entry{next_id_++, {}, iterator, std::move(close)});
}

void CoroutineBase::forget_iterator(const void* iterator) {
  std::erase_if(cleanups_, [iterator](const Entry& e) { return e.iterator == iterator; });
}

void CoroutineBase::run_finally(std::uint64_t id) {
  auto it = std::find_if(cleanups_.begin(), cleanups_.end(),
                         [id](const Entry& e) { return e.id == id; });
  if (it == cleanups_.end()) return;
  std::function<void()> fn = std::move(it->finally_fn);
  cleanups_.erase(it);
  fn();
}

void CoroutineBase::unwind(Completion c) { continue_unwind(std::move(c)); }

void CoroutineBase::continue_unwind(Completion c) {
  while (!cleanups_.empty()) {
    Entry e = std::move(cleanups_.back());
    cleanups_.pop_back();
    if (e.finally_fn) {
      e.finally_fn();
      continue;
    }
    // AsyncIteratorClose: return() is called now and its promise awaited; a rejection
    // replaces the completion unless that was already a throw.
    e.close([this, c, alive = alive_](Error err) mutable {
      if (!*alive) return;
      if (err && c.kind != Completion::Kind::Throw) c = Completion::thrown(std::move(err));
      continue_unwind(std::move(c));
    });
    return;
  }
  complete(c);
  frame().destroy();
}

void CoroutineBase::reclaim() {
  cleanups_.clear();
  frame().destroy();
}

void CoroutineBase::on_unhandled_exception() {
  try {
    throw;
  } catch (const ArgumentError& e) {
    body_end_ = Completion::thrown(e.error());
  } catch (const std::exception& e) {
    body_end_ = Completion::thrown(Error::plain(e.what()));
  } catch (...) {
    body_end_ = Completion::thrown(Error::plain("unknown exception in a coroutine"));
  }
}

}  // namespace detail

std::size_t reclaim_coroutines(Loop& loop) {
  std::vector<std::pair<detail::CoroutineBase*, std::shared_ptr<bool>>> doomed;
  for (detail::CoroutineBase* c = registry().head; c; c = c->next_) {
    if (!c->loop_ || c->loop_ == &loop) doomed.emplace_back(c, c->alive_);
  }
  std::size_t n = 0;
  for (auto& [c, alive] : doomed) {
    if (!*alive) continue;
    c->reclaim();
    ++n;
  }
  return n;
}

}  // namespace bp
