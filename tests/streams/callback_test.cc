// bp::Callback keeps std::function<void(Error)>'s contract: empty states, copies that share
// nothing, moves that empty the source, calls that reach the callable.
#include "streams/callback.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

namespace bp {
namespace {

int g_calls = 0;
void count_call(Error) { ++g_calls; }

TEST(Callback, IsEmptyByDefaultFromNullptrAndFromEmptyCallables) {
  EXPECT_FALSE(Callback{});
  EXPECT_FALSE(Callback(nullptr));
  EXPECT_FALSE(Callback(std::function<void(Error)>{}));
  void (*none)(Error) = nullptr;
  EXPECT_FALSE(Callback(none));
  EXPECT_TRUE(Callback(Callback{}) == nullptr);
  EXPECT_THROW(Callback{}(Error{}), std::bad_function_call);
  EXPECT_THROW(Callback{}(), std::bad_function_call);
}

TEST(Callback, CallsWhatItHoldsWithTheError) {
  g_calls = 0;
  Callback by_pointer(&count_call);
  by_pointer({});
  EXPECT_EQ(g_calls, 1);

  std::string seen;
  Callback by_ref([&seen](const Error& e) { seen = e ? e.message() : "none"; });
  by_ref(Error::plain("boom"));
  EXPECT_EQ(seen, "boom");
  by_ref({});
  EXPECT_EQ(seen, "none");
  by_ref(Error::plain("again"));
  by_ref();
  EXPECT_EQ(seen, "none") << "a call with no argument passes no error";

  Callback wrapped(std::function<void(Error)>([&seen](Error e) { seen = e.message(); }));
  wrapped(Error::plain("wrapped"));
  EXPECT_EQ(seen, "wrapped");
}

TEST(Callback, AMutableCallableKeepsItsStateBetweenCalls) {
  int last = 0;
  Callback counter([&last, n = 0](Error) mutable { last = ++n; });
  counter({});
  counter({});
  EXPECT_EQ(last, 2);
}

TEST(Callback, CopiesOfALargeCallableAreIndependentAndFreedWithTheLast) {
  // A shared_ptr capture is not trivially copyable, so the callable lives on the heap.
  auto token = std::make_shared<int>(0);
  {
    Callback a([token](Error) { ++*token; });
    EXPECT_EQ(token.use_count(), 2);
    Callback b = a;
    EXPECT_EQ(token.use_count(), 3) << "a copy copies the callable";
    Callback c = std::move(a);
    EXPECT_FALSE(a) << "a moved-from callback is empty";  // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(token.use_count(), 3) << "a move copies nothing";
    b({});
    c({});
    EXPECT_EQ(*token, 2);
    b = nullptr;
    EXPECT_EQ(token.use_count(), 2);
    c = Callback{};
    EXPECT_EQ(token.use_count(), 1);
  }
  EXPECT_EQ(token.use_count(), 1);
}

TEST(Callback, SwapAndAssignmentExchangeTheCallables) {
  std::string log;
  Callback a([&log](Error) { log += "a"; });
  auto token = std::make_shared<int>(0);
  Callback b([&log, token](Error) { log += "b"; });
  a.swap(b);
  a({});
  b({});
  EXPECT_EQ(log, "ba");
  a = b;  // the inline callable over the heap one, which is freed
  EXPECT_EQ(token.use_count(), 1);
  a({});
  EXPECT_EQ(log, "baa");
  const Callback& same = a;
  a = same;  // self-assignment keeps the callable
  a({});
  EXPECT_EQ(log, "baaa");
}

}  // namespace
}  // namespace bp
