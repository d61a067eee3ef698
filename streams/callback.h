// Callback: what a stream calls when an operation completes, with the Error that ended it (or
// none). It behaves as std::function<void(Error)> does: copyable, empty or holding any
// callable, tested with `if (cb)`, throwing std::bad_function_call when an empty one is called.
// `cb()` completes with no error, as `cb({})` does, without building an empty Error to pass.
//
// It exists because every chunk through a Writable makes one for _write and destroys it after,
// and libstdc++'s std::function calls out to a manager function on every copy and destruction,
// even for a lambda that captures only `this`. Here a callable that is trivially copyable and
// fits in two words (such a lambda, a function pointer) is held inline and copied, moved and
// destroyed with no call at all; any other callable lives on the heap behind a table of
// operations, as std::function keeps it too.
#pragma once

#include <cstddef>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

#include "streams/error.h"

namespace bp {

namespace callback_detail {
template <class T>
struct is_std_function : std::false_type {};
template <class R, class... A>
struct is_std_function<std::function<R(A...)>> : std::true_type {};

// Callables that may be empty, as std::function's constructor tests them.
template <class D>
constexpr bool may_be_empty =
    std::is_pointer_v<D> || std::is_member_pointer_v<D> || is_std_function<D>::value;
}  // namespace callback_detail

class Callback {
 public:
  Callback() noexcept = default;
  Callback(std::nullptr_t) noexcept {}  // NOLINT: as std::function, an empty one from nullptr

  template <class F, class D = std::decay_t<F>>
    requires(!std::is_same_v<D, Callback> && std::is_invocable_v<D&, const Error&>)
  Callback(F&& f) {  // NOLINT: converts implicitly, as std::function does
    if constexpr (callback_detail::may_be_empty<D>) {
      if (!f) return;
    }
    if constexpr (kInline<D>) {
      ::new (static_cast<void*>(storage_)) D(std::forward<F>(f));
      invoke_ = &invoke_inline<D>;
    } else {
      D* target = new D(std::forward<F>(f));
      std::memcpy(storage_, &target, sizeof target);
      invoke_ = &invoke_heap<D>;
      heap_ = &kHeapOps<D>;
    }
  }

  Callback(const Callback& other) : invoke_(other.invoke_), heap_(other.heap_) {
    if (heap_) {
      void* copy = heap_->clone(other.heap_target());
      std::memcpy(storage_, &copy, sizeof copy);
    } else {
      std::memcpy(storage_, other.storage_, sizeof storage_);
    }
  }
  Callback(Callback&& other) noexcept : invoke_(other.invoke_), heap_(other.heap_) {
    std::memcpy(storage_, other.storage_, sizeof storage_);
    other.invoke_ = nullptr;
    other.heap_ = nullptr;
  }
  Callback& operator=(const Callback& other) {
    if (this != &other) Callback(other).swap(*this);
    return *this;
  }
  Callback& operator=(Callback&& other) noexcept {
    if (this != &other) {
      reset();
      std::memcpy(storage_, other.storage_, sizeof storage_);
      invoke_ = std::exchange(other.invoke_, nullptr);
      heap_ = std::exchange(other.heap_, nullptr);
    }
    return *this;
  }
  Callback& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  ~Callback() { reset(); }

  void swap(Callback& other) noexcept {
    unsigned char held[sizeof storage_];
    std::memcpy(held, storage_, sizeof storage_);
    std::memcpy(storage_, other.storage_, sizeof storage_);
    std::memcpy(other.storage_, held, sizeof storage_);
    std::swap(invoke_, other.invoke_);
    std::swap(heap_, other.heap_);
  }

  explicit operator bool() const noexcept { return invoke_ != nullptr; }
  friend bool operator==(const Callback& cb, std::nullptr_t) noexcept { return !cb; }

  void operator()(Error err) const { call(err); }
  // Completes with no error, as calling it with an empty Error does, without making one.
  void operator()() const { call(kNoError); }

 private:
  static constexpr std::size_t kSize = 2 * sizeof(void*);

  template <class D>
  static constexpr bool kInline = sizeof(D) <= kSize && alignof(D) <= alignof(void*) &&
                                  std::is_trivially_copyable_v<D>;

  struct HeapOps {
    void* (*clone)(const void* target);
    void (*destroy)(void* target) noexcept;
  };

  static inline const Error kNoError{};

  void call(const Error& err) const {
    if (!invoke_) throw std::bad_function_call();
    invoke_(const_cast<unsigned char*>(storage_), err);
  }

  template <class D>
  static void invoke_inline(unsigned char* storage, const Error& err) {
    std::invoke(*std::launder(reinterpret_cast<D*>(storage)), err);
  }
  template <class D>
  static void invoke_heap(unsigned char* storage, const Error& err) {
    D* target;
    std::memcpy(&target, storage, sizeof target);
    std::invoke(*target, err);
  }
  template <class D>
  static constexpr HeapOps kHeapOps{
      [](const void* target) -> void* { return new D(*static_cast<const D*>(target)); },
      [](void* target) noexcept { delete static_cast<D*>(target); }};

  void* heap_target() const {
    void* target;
    std::memcpy(&target, storage_, sizeof target);
    return target;
  }
  void reset() noexcept {
    if (heap_) heap_->destroy(heap_target());
    invoke_ = nullptr;
    heap_ = nullptr;
  }

  alignas(void*) unsigned char storage_[kSize] = {};
  void (*invoke_)(unsigned char* storage, const Error& err) = nullptr;
  const HeapOps* heap_ = nullptr;
};

}  // namespace bp
