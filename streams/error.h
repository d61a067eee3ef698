// Error: the error value the streams pass around, with Node's stable codes.
//
// An Error is a shared handle: copies refer to the same error object, and operator== compares
// identity, as JavaScript does (pipeline hands every stream "the same error object").
// A default-constructed Error is "no error" and converts to false.
// Errors a user makes (a failing _write, an injected fault) have code None and a message.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace bp {

enum class ErrorCode {
  None,  // a plain error: only its message identifies it
  ERR_STREAM_WRITE_AFTER_END,
  ERR_STREAM_DESTROYED,
  ERR_STREAM_PREMATURE_CLOSE,
  ERR_STREAM_PUSH_AFTER_EOF,
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
  ERR_STREAM_NULL_VALUES,
  ERR_STREAM_ALREADY_FINISHED,
  ERR_STREAM_CANNOT_PIPE,
  ERR_MULTIPLE_CALLBACK,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_MISSING_ARGS,
  ERR_METHOD_NOT_IMPLEMENTED,
  ABORT_ERR,
};

// The code's name as Node prints it ("ERR_STREAM_DESTROYED"); empty for None.
std::string_view code_name(ErrorCode code);

class Error {
 public:
  Error() = default;
  static Error make(ErrorCode code, std::string message);
  // Node's standard error for `code`, with its usual message; `what` fills the blank in
  // messages such as "Cannot call write after a stream was destroyed".
  static Error of(ErrorCode code, std::string_view what = {});
  static Error plain(std::string message) { return make(ErrorCode::None, std::move(message)); }

  explicit operator bool() const { return detail_ != nullptr; }
  ErrorCode code() const { return detail_ ? detail_->code : ErrorCode::None; }
  const std::string& message() const;
  bool is(ErrorCode c) const { return detail_ && detail_->code == c; }

  friend bool operator==(const Error& a, const Error& b) { return a.detail_ == b.detail_; }

 private:
  struct Detail {
    ErrorCode code;
    std::string message;
  };
  std::shared_ptr<const Detail> detail_;
};

// Thrown for argument errors that Node throws synchronously (a null chunk, a bad high-water
// mark). Every other failure travels as an Error value through callbacks and events.
class ArgumentError : public std::exception {
 public:
  explicit ArgumentError(Error error) : error_(std::move(error)) {}
  const Error& error() const { return error_; }
  const char* what() const noexcept override { return error_.message().c_str(); }

 private:
  Error error_;
};

}  // namespace bp
