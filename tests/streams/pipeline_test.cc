// SEMANTICS.md section 6, stream stages only: pipeline()'s wiring, completion, first-error
// rule and destroy order. The stages mirror verify/pipeline-finished.js (src, mid, sink), and
// each expected sequence is that script's output on Node v20.20.2 (PF-P1..P7, P12..P14,
// P16, P17) or a local script in the same shape. Generator and async-function stages belong
// to the coroutine work and are not covered here.
#include "streams/pipeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::CallCount;
using test::describe;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::TestReadable;
using test::TestTransform;
using test::TestWritable;
using WriteMode = TestWritable::WriteMode;

// An explicit list type picks the all-streams overload of pipeline().
using Streams = std::vector<Stream*>;

constexpr std::initializer_list<Event> kStageEvents = {Event::Error, Event::Close, Event::Finish,
                                                       Event::End};

// The lines of the pipeline script's instrument(): _destroy, error, close, finish, end and
// the callback; the data hooks (_read, _transform, _write) are left out.
Lines lifecycle(Lines lines) {
  std::erase_if(lines, [](const std::string& l) {
    return l.find("._read") != std::string::npos || l.find("._transform") != std::string::npos ||
           l.find("._write") != std::string::npos;
  });
  return lines;
}

// src(n, failAt): objects 1..n then EOF; the fail_at-th _read destroys it with 'src-fail'.
void make_src(TestReadable& r, int n, int fail_at = 0) {
  r.on_read = [n, fail_at, i = 0](TestReadable& self, std::size_t) mutable {
    ++i;
    if (i == fail_at) {
      self.destroy(Error::plain("src-fail"));
      return;
    }
    if (i <= n) {
      self.push(Chunk::object(i));
    } else {
      self.push_eof();
    }
  };
}

// mid(name, failAt): passes objects on; the fail_at-th fails with '<name>-fail'.
void make_mid(TestTransform& t, const std::string& name, int fail_at = 0) {
  t.transform = [name, fail_at, i = 0](TestTransform&, Chunk c, TransformCallback cb) mutable {
    if (++i == fail_at) {
      cb(Error::plain(name + "-fail"), {});
    } else {
      cb({}, std::move(c));
    }
  };
}

// sink(failAt): completes synchronously; the fail_at-th write fails with 'sink-fail'.
void make_sink(TestWritable& w, int fail_at = 0) {
  w.write_mode = WriteMode::Sync;
  w.fail_at = fail_at;
}

PipelineCallback log_callback(Log& log, int* calls = nullptr) {
  return [&log, calls](Error err) {
    if (calls) ++*calls;
    log.add("pipeline cb " + describe(err));
  };
}

TEST(Pipeline, FewerThanTwoStreamsThrowsMissingArgs) {
  SimLoop loop;
  TestReadable r(loop);
  CallCount cb;
  try {
    pipeline(Streams{&r}, cb.fn());
    ADD_FAILURE() << "no throw";
  } catch (const ArgumentError& e) {
    EXPECT_TRUE(e.error().is(ErrorCode::ERR_MISSING_ARGS));
    EXPECT_EQ(e.error().message(), "The \"streams\" argument must be specified");
  }
  loop.drain_ticks();
  EXPECT_EQ(cb.calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SuccessCallsBackOnceAfterEveryStreamClosed) {
  // PF-P1: returns the last stream; the error argument is empty.
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 2);
  TestTransform s1(loop, obj, &log, "s1");
  make_mid(s1, "t1");
  TestWritable s2(loop, obj, &log, "s2");
  make_sink(s2);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  log.watch(s2, "s2", kStageEvents);
  int calls = 0;
  Stream& last = pipeline(Streams{&s0, &s1, &s2}, log_callback(log, &calls));
  EXPECT_EQ(&last, static_cast<Stream*>(&s2));
  EXPECT_EQ(lifecycle(log.take()), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(
      lifecycle(log.take()),
      (Lines{"s0:end", "s0._destroy null", "s1:end", "s1:finish", "s1._destroy null", "s0:close",
             "s2:finish", "s2._destroy null", "s1:close", "s2:close", "pipeline cb null"}));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, MiddleErrorDestroysEveryOtherStreamSourceFirstWithOneErrorObject) {
  // PF-P2, EX-12: a Transform failing at stage 1 of 4.
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 5);
  TestTransform s1(loop, obj, &log, "s1");
  make_mid(s1, "t1", 2);
  TestTransform s2(loop, obj, &log, "s2");
  make_mid(s2, "t2");
  TestWritable s3(loop, obj, &log, "s3");
  make_sink(s3);
  std::vector<Error> emitted;
  Streams stages{&s0, &s1, &s2, &s3};
  for (std::size_t i = 0; i < stages.size(); ++i) {
    log.watch(*stages[i], "s" + std::to_string(i), kStageEvents);
    stages[i]->on(Event::Error, [&](const EventArg& a) { emitted.push_back(a.error); });
  }
  Error result;
  pipeline(stages, [&](Error err) {
    result = err;
    log.add("pipeline cb " + describe(err));
  });
  loop.drain_ticks();
  EXPECT_EQ(
      lifecycle(log.take()),
      (Lines{"s1._destroy Error(t1-fail)", "s1:error Error(t1-fail)", "s0._destroy Error(t1-fail)",
             "s2._destroy Error(t1-fail)", "s3._destroy Error(t1-fail)", "s1:close",
             "s0:error Error(t1-fail)", "s0:close", "s2:error Error(t1-fail)", "s2:close",
             "s3:error Error(t1-fail)", "s3:close", "pipeline cb Error(t1-fail)"}));
  ASSERT_EQ(emitted.size(), 4u);
  for (std::size_t i = 0; i < emitted.size(); ++i) {
    EXPECT_TRUE(emitted[i] == result) << "error " << i << " is the callback's error object";
  }
  for (Stream* s : stages) EXPECT_TRUE(s->destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SourceErrorDestroysTheRestInOrder) {
  // PF-P13, EX-17: five stages.
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 9, 3);
  TestTransform s1(loop, obj, &log, "s1");
  make_mid(s1, "t1");
  TestTransform s2(loop, obj, &log, "s2");
  make_mid(s2, "t2");
  TestTransform s3(loop, obj, &log, "s3");
  make_mid(s3, "t3");
  TestWritable s4(loop, obj, &log, "s4");
  make_sink(s4);
  const Streams stages{&s0, &s1, &s2, &s3, &s4};
  for (std::size_t i = 0; i < stages.size(); ++i) {
    log.watch(*stages[i], "s" + std::to_string(i), kStageEvents);
  }
  pipeline(stages, log_callback(log));
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s0._destroy Error(src-fail)", "s0:error Error(src-fail)",
                   "s1._destroy Error(src-fail)", "s2._destroy Error(src-fail)",
                   "s3._destroy Error(src-fail)", "s4._destroy Error(src-fail)", "s0:close",
                   "s1:error Error(src-fail)", "s1:close", "s2:error Error(src-fail)", "s2:close",
                   "s3:error Error(src-fail)", "s3:close", "s4:error Error(src-fail)", "s4:close",
                   "pipeline cb Error(src-fail)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SourceErrorWithThreeStages) {
  // PF-P3
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 5, 2);
  TestTransform s1(loop, obj, &log, "s1");
  make_mid(s1, "t1");
  TestWritable s2(loop, obj, &log, "s2");
  make_sink(s2);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  log.watch(s2, "s2", kStageEvents);
  pipeline(Streams{&s0, &s1, &s2}, log_callback(log));
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s0._destroy Error(src-fail)", "s0:error Error(src-fail)",
                   "s1._destroy Error(src-fail)", "s2._destroy Error(src-fail)", "s0:close",
                   "s1:error Error(src-fail)", "s1:close", "s2:error Error(src-fail)", "s2:close",
                   "pipeline cb Error(src-fail)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SinkErrorDoesNotRedestroyStreamsThatEndedCleanly) {
  // PF-P4, EX-16: the source had ended and closed; the Transform had finished its writable
  // side but not ended its readable side, so it is destroyed with the error.
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 5);
  TestTransform s1(loop, obj, &log, "s1");
  make_mid(s1, "t1");
  TestWritable s2(loop, obj, &log, "s2");
  make_sink(s2, 2);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  log.watch(s2, "s2", kStageEvents);
  pipeline(Streams{&s0, &s1, &s2}, log_callback(log));
  loop.drain_ticks();
  EXPECT_EQ(
      lifecycle(log.take()),
      (Lines{"s2._destroy Error(sink-fail)", "s0:end", "s0._destroy null",
             "s2:error Error(sink-fail)", "s1._destroy Error(sink-fail)", "s2:close", "s1:finish",
             "s0:close", "s1:error Error(sink-fail)", "s1:close", "pipeline cb Error(sink-fail)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, ErrorInTheLastButOneStageAlsoDestroysTheSink) {
  // PF-P14
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 9);
  TestTransform s1(loop, obj, &log, "s1");
  make_mid(s1, "t1");
  TestTransform s2(loop, obj, &log, "s2");
  make_mid(s2, "t2", 2);
  TestWritable s3(loop, obj, &log, "s3");
  make_sink(s3);
  const Streams stages{&s0, &s1, &s2, &s3};
  for (std::size_t i = 0; i < stages.size(); ++i) {
    log.watch(*stages[i], "s" + std::to_string(i), kStageEvents);
  }
  pipeline(stages, log_callback(log));
  loop.drain_ticks();
  EXPECT_EQ(
      lifecycle(log.take()),
      (Lines{"s2._destroy Error(t2-fail)", "s0:end", "s0._destroy null", "s2:error Error(t2-fail)",
             "s1._destroy Error(t2-fail)", "s3._destroy Error(t2-fail)", "s2:close", "s1:finish",
             "s0:close", "s1:error Error(t2-fail)", "s1:close", "s3:error Error(t2-fail)",
             "s3:close", "pipeline cb Error(t2-fail)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, MiddleStreamDestroyedWithoutErrorIsPrematureClose) {
  // PF-P5, EX-13: the others are destroyed with that error and emit it.
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  TestTransform s1(loop, obj, &log, "s1");
  TestWritable s2(loop, obj, &log, "s2");
  make_sink(s2);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  log.watch(s2, "s2", kStageEvents);
  pipeline(Streams{&s0, &s1, &s2}, log_callback(log));
  s0.push(Chunk::object(1));
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()), Lines{});
  s1.destroy();
  EXPECT_EQ(lifecycle(log.take()), Lines{"s1._destroy null"});
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s1:close", "s0._destroy ERR_STREAM_PREMATURE_CLOSE",
                   "s2._destroy ERR_STREAM_PREMATURE_CLOSE", "s0:error ERR_STREAM_PREMATURE_CLOSE",
                   "s0:close", "s2:error ERR_STREAM_PREMATURE_CLOSE", "s2:close",
                   "pipeline cb ERR_STREAM_PREMATURE_CLOSE"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SinkDestroyedWithoutErrorIsPrematureClose) {
  // PF-P6
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  TestWritable s1(loop, obj, &log, "s1");
  make_sink(s1);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  pipeline(Streams{&s0, &s1}, log_callback(log));
  loop.drain_ticks();
  s1.destroy();
  EXPECT_EQ(lifecycle(log.take()), Lines{"s1._destroy null"});
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()), (Lines{"s1:close", "s0._destroy ERR_STREAM_PREMATURE_CLOSE",
                                          "s0:error ERR_STREAM_PREMATURE_CLOSE", "s0:close",
                                          "pipeline cb ERR_STREAM_PREMATURE_CLOSE"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SourceDestroyedWithoutErrorRightAwayIsPrematureClose) {
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  TestTransform s1(loop, obj, &log, "s1");
  TestWritable s2(loop, obj, &log, "s2");
  make_sink(s2);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  log.watch(s2, "s2", kStageEvents);
  pipeline(Streams{&s0, &s1, &s2}, log_callback(log));
  s0.destroy();
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s0._destroy null", "s0:close", "s1._destroy ERR_STREAM_PREMATURE_CLOSE",
                   "s2._destroy ERR_STREAM_PREMATURE_CLOSE", "s1:error ERR_STREAM_PREMATURE_CLOSE",
                   "s1:close", "s2:error ERR_STREAM_PREMATURE_CLOSE", "s2:close",
                   "pipeline cb ERR_STREAM_PREMATURE_CLOSE"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, FirstRealErrorWinsAndTheCallbackRunsOnce) {
  // PF-P7
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  TestTransform s1(loop, obj, &log, "s1");
  TestWritable s2(loop, obj, &log, "s2");
  make_sink(s2);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  log.watch(s2, "s2", kStageEvents);
  int calls = 0;
  pipeline(Streams{&s0, &s1, &s2}, log_callback(log, &calls));
  loop.drain_ticks();
  s2.destroy(Error::plain("e-sink"));
  s0.destroy(Error::plain("e-src"));
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s2._destroy Error(e-sink)", "s0._destroy Error(e-src)"}));
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s2:error Error(e-sink)", "s1._destroy Error(e-sink)", "s2:close",
                   "s0:error Error(e-src)", "s0:close", "s1:error Error(e-sink)", "s1:close",
                   "pipeline cb Error(e-sink)"}));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, RealErrorReplacesAnEarlierPrematureClose) {
  // PF-P17
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  TestTransform s1(loop, obj, &log, "s1");
  TestTransform s2(loop, obj, &log, "s2");
  TestWritable s3(loop, obj, &log, "s3");
  make_sink(s3);
  const Streams stages{&s0, &s1, &s2, &s3};
  for (std::size_t i = 0; i < stages.size(); ++i) {
    log.watch(*stages[i], "s" + std::to_string(i), kStageEvents);
  }
  pipeline(stages, log_callback(log));
  loop.drain_ticks();
  s1.destroy();
  s2.destroy(Error::plain("real"));
  EXPECT_EQ(lifecycle(log.take()), (Lines{"s1._destroy null", "s2._destroy Error(real)"}));
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s1:close", "s0._destroy ERR_STREAM_PREMATURE_CLOSE",
                   "s3._destroy ERR_STREAM_PREMATURE_CLOSE", "s2:error Error(real)", "s2:close",
                   "s0:error ERR_STREAM_PREMATURE_CLOSE", "s0:close",
                   "s3:error ERR_STREAM_PREMATURE_CLOSE", "s3:close", "pipeline cb Error(real)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, ReadableSourceReadsAheadOnlyItsMarkWhileTheSinkIsStalled) {
  // PF-P16: source HWM 4, sink HWM 2 -> 6 items produced (2 in the sink, 4 buffered).
  SimLoop loop;
  TestReadable src(loop, Opts().hwm(4).object_mode());
  make_src(src, 100);
  TestWritable sink(loop, Opts().hwm(2).object_mode());
  CallCount done;
  pipeline(Streams{&src, &sink}, done.fn());
  loop.drain_ticks();
  EXPECT_EQ(src.read_calls, 6);
  EXPECT_EQ(src.readable_length(), 4u);
  EXPECT_EQ(sink.writable_length(), 2u);
  src.destroy();
  loop.drain_ticks();
  EXPECT_EQ(done.calls, 1);
  EXPECT_TRUE(done.error.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE));
  EXPECT_TRUE(sink.destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, EndFalseLeavesTheLastStreamOpen) {
  // PF-P12 (the promise API's {end:false}).
  SimLoop loop;
  Log log;
  const Opts obj = Opts().object_mode();
  TestReadable s0(loop, obj, &log, "s0");
  make_src(s0, 2);
  TestWritable s1(loop, obj, &log, "s1");
  make_sink(s1);
  log.watch(s0, "s0", kStageEvents);
  log.watch(s1, "s1", kStageEvents);
  PipelineOptions options;
  options.end = false;
  pipeline(Streams{&s0, &s1}, log_callback(log), options);
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()),
            (Lines{"s0:end", "s0._destroy null", "s0:close", "pipeline cb null"}));
  EXPECT_FALSE(s1.writable_ended());
  EXPECT_FALSE(s1.destroyed());
  EXPECT_EQ(s1.write_calls, 2);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, SuccessRemovesPipelinesErrorListenersFromAReadableLastStream) {
  // test-stream-pipeline-listeners: a later error on it would be uncaught.
  SimLoop loop;
  TestReadable s0(loop, Opts().object_mode());
  make_src(s0, 2);
  PassThrough s1(loop, Opts().object_mode());
  CallCount done;
  pipeline(Streams{&s0, &s1}, done.fn());
  s1.resume();
  loop.drain_ticks();
  EXPECT_EQ(done.calls, 1);
  EXPECT_FALSE(done.error);
  EXPECT_EQ(s1.listener_count(Event::Error), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, ADuplexWithoutHalfOpenInTheMiddleCompletes) {
  SimLoop loop;
  Log log;
  TestReadable src(loop, Opts().object_mode());
  src.serve(2);
  PassThrough mid(loop, Opts().object_mode().no_half_open());
  TestWritable sink(loop, Opts().object_mode(), &log, "sink");
  make_sink(sink);
  pipeline(Streams{&src, &mid, &sink}, log_callback(log));
  loop.drain_ticks();
  EXPECT_EQ(lifecycle(log.take()), (Lines{"sink._destroy null", "pipeline cb null"}));
  EXPECT_EQ(sink.write_calls, 2);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipeline, AReadableLastStreamCompletesWhenItsWritableSideFinishes) {
  // The last stage is only watched for writing: an unread PassThrough at the end still lets
  // the pipeline succeed, with its output left buffered.
  SimLoop loop;
  Log log;
  TestReadable s0(loop, Opts().object_mode());
  PassThrough p(loop, Opts().object_mode());
  int calls = 0;
  pipeline(Streams{&s0, &p}, log_callback(log, &calls));
  s0.push(Chunk::object(1));
  s0.push_eof();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"pipeline cb null"});
  EXPECT_EQ(p.readable_length(), 1u);
  p.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
