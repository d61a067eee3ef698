// ProgramOutput: a program's stdout (or stderr) read at the sink's rate profile, its bytes
// counted and handed to on_data, if set, then dropped. Ahead of the rate it stops reading until the pacer says the next bytes are due, so
// the pipe fills and the program's writes wait: the program is under backpressure. unthrottle()
// lifts the rate (once the input has ended, the rest is only drained).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include <uv.h>

#include "harness/pacer.h"
#include "harness/scenario.h"
#include "streams/uv_loop.h"

namespace bp::harness {

class ProgramOutput {
 public:
  ProgramOutput(UvLoop& loop, const RateProfile& rate);
  ~ProgramOutput();
  ProgramOutput(const ProgramOutput&) = delete;
  ProgramOutput& operator=(const ProgramOutput&) = delete;

  // Reads `pipe` until end of file, then calls on_eof. Takes over the handle's data field.
  void start(uv_stream_t* pipe, std::function<void()> on_eof,
             std::function<void(std::string_view)> on_data = {});
  void unthrottle();

  std::uint64_t read() const { return read_; }
  bool eof() const { return eof_; }

 private:
  static void on_alloc(uv_handle_t* handle, std::size_t suggested, uv_buf_t* buf);
  static void on_read(uv_stream_t* stream, ssize_t n, const uv_buf_t* buf);
  void resume();

  UvLoop& loop_;
  Pacer pacer_;
  bool throttled_;
  Loop::Duration start_{};
  uv_stream_t* pipe_ = nullptr;
  std::function<void()> on_eof_;
  std::function<void(std::string_view)> on_data_;
  std::vector<char> buffer_;  // one buffer for every read: the bytes are dropped at once
  std::uint64_t read_ = 0;
  bool eof_ = false;
  Loop::TimerId timer_ = 0;
};

}  // namespace bp::harness
