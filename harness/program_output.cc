#include "harness/program_output.h"

namespace bp::harness {

namespace {
constexpr std::size_t kReadBuffer = 256 * 1024;
}  // namespace

ProgramOutput::ProgramOutput(UvLoop& loop, const RateProfile& rate)
    : loop_(loop), pacer_(rate), throttled_(!pacer_.unlimited()), buffer_(kReadBuffer) {}

ProgramOutput::~ProgramOutput() {
  if (timer_ != 0) loop_.clear_timeout(timer_);
  if (pipe_ != nullptr && !eof_ && !uv_is_closing(reinterpret_cast<uv_handle_t*>(pipe_))) uv_read_stop(pipe_);
}

void ProgramOutput::start(uv_stream_t* pipe, std::function<void()> on_eof,
                          std::function<void(std::string_view)> on_data) {
  pipe_ = pipe;
  pipe_->data = this;
  on_eof_ = std::move(on_eof);
  on_data_ = std::move(on_data);
  start_ = loop_.now();
  uv_read_start(pipe_, &ProgramOutput::on_alloc, &ProgramOutput::on_read);
}

void ProgramOutput::unthrottle() {
  throttled_ = false;
  if (timer_ == 0) return;
  loop_.clear_timeout(timer_);
  timer_ = 0;
  resume();
}

void ProgramOutput::resume() {
  if (!eof_) uv_read_start(pipe_, &ProgramOutput::on_alloc, &ProgramOutput::on_read);
}

void ProgramOutput::on_alloc(uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
  auto* self = static_cast<ProgramOutput*>(handle->data);
  *buf = uv_buf_init(self->buffer_.data(), static_cast<unsigned>(self->buffer_.size()));
}

void ProgramOutput::on_read(uv_stream_t* stream, ssize_t n, const uv_buf_t* buf) {
  auto* self = static_cast<ProgramOutput*>(stream->data);
  if (n < 0) {  // UV_EOF, or the pipe broke: either way nothing more will come
    uv_read_stop(stream);
    self->eof_ = true;
    if (self->on_eof_) self->loop_.dispatch(self->on_eof_);
    return;
  }
  self->read_ += static_cast<std::uint64_t>(n);
  if (self->on_data_) self->on_data_(std::string_view(buf->base, static_cast<std::size_t>(n)));
  if (!self->throttled_) return;
  const auto due = self->pacer_.due(self->read_);
  const auto now = self->loop_.now();
  if (self->start_ + due <= now) return;
  uv_read_stop(stream);
  const Loop::Duration wait = due == Pacer::kNever ? Loop::Duration(std::chrono::hours(24)) : self->start_ + due - now;
  self->timer_ = self->loop_.set_timeout(wait, [self] {
    self->timer_ = 0;
    self->resume();
  });
}

}  // namespace bp::harness
