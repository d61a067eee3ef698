// ProgramInput: the scenario's source written into a program's stdin: generated data
// (DataPool) or a file, chunk by chunk, at the source's rate profile.
//
// It writes while the pipe takes bytes at once, and otherwise queues one chunk and waits for
// libuv to hand it to the pipe before making the next: a program that stops reading holds the
// input back, and the harness never buffers more than one chunk beyond the pipe's capacity (as a
// Node writable with a high-water mark of one chunk). After the last byte it closes the pipe,
// which the program reads as end of input; if the program closes its end first, the input
// stops there (closed_early()).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <uv.h>

#include "harness/data_pool.h"
#include "harness/pacer.h"
#include "harness/scenario.h"
#include "streams/uv_loop.h"

namespace bp::harness {

class ProgramInput {
 public:
  // `file`: the source file to send, already resolved against the scenario's folder, or ""
  // for generated data. Sizes come from `source`; a file's size replaces its total.
  ProgramInput(UvLoop& loop, const Source& source, std::string file);
  ~ProgramInput();
  ProgramInput(const ProgramInput&) = delete;
  ProgramInput& operator=(const ProgramInput&) = delete;

  // Opens the file, if any. Empty on success, otherwise "cannot read FILE: reason".
  std::string open();
  // Starts writing into `pipe`; `on_end` runs once every byte is in the pipe and it is closed
  // by `close` (the caller's, so that it owns the handle), or once the program closed it.
  void start(uv_stream_t* pipe, std::function<void()> close, std::function<void()> on_end);
  // Writes nothing more (the run is being stopped).
  void stop();
  // The program has exited, so the input ends: closed_early() when it left bytes untaken. A
  // write still queued ends first, when libuv reports it (taken, or EPIPE).
  void program_exited();
  // Nothing more will be written and no write is in flight: closed_early() is final.
  bool settled() const { return ended_ || (stopped_ && pending_ == nullptr); }

  std::uint64_t total() const { return total_; }
  std::uint64_t written() const { return written_; }  // bytes the pipe has taken
  bool ended() const { return ended_; }
  bool closed_early() const { return closed_early_; }
  // Bytes written that the program has not read yet (what is left in the pipe).
  std::uint64_t unread() const;

 private:
  struct Write;
  Chunk next_chunk(std::size_t size);
  void pump();
  void finish();
  static void on_written(uv_write_t* req, int status);

  UvLoop& loop_;
  Source source_;
  std::string file_;
  int fd_ = -1;
  DataPool data_;
  Pacer pacer_;
  std::uint64_t total_;
  Loop::Duration start_{};
  uv_stream_t* pipe_ = nullptr;
  std::function<void()> close_;
  std::function<void()> on_end_;
  std::uint64_t written_ = 0;
  std::uint64_t queued_ = 0;  // bytes handed to libuv, written or not
  Loop::TimerId timer_ = 0;
  bool stopped_ = false;
  bool ended_ = false;
  bool closed_early_ = false;
  Write* pending_ = nullptr;  // the queued write, told when this object goes away first
};

}  // namespace bp::harness
