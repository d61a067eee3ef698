#include "streams/error.h"

namespace bp {

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::None: return "";
    case ErrorCode::ERR_STREAM_WRITE_AFTER_END: return "ERR_STREAM_WRITE_AFTER_END";
    case ErrorCode::ERR_STREAM_DESTROYED: return "ERR_STREAM_DESTROYED";
    case ErrorCode::ERR_STREAM_PREMATURE_CLOSE: return "ERR_STREAM_PREMATURE_CLOSE";
    case ErrorCode::ERR_STREAM_PUSH_AFTER_EOF: return "ERR_STREAM_PUSH_AFTER_EOF";
    case ErrorCode::ERR_STREAM_UNSHIFT_AFTER_END_EVENT: return "ERR_STREAM_UNSHIFT_AFTER_END_EVENT";
    case ErrorCode::ERR_STREAM_NULL_VALUES: return "ERR_STREAM_NULL_VALUES";
    case ErrorCode::ERR_STREAM_ALREADY_FINISHED: return "ERR_STREAM_ALREADY_FINISHED";
    case ErrorCode::ERR_STREAM_CANNOT_PIPE: return "ERR_STREAM_CANNOT_PIPE";
    case ErrorCode::ERR_MULTIPLE_CALLBACK: return "ERR_MULTIPLE_CALLBACK";
    case ErrorCode::ERR_INVALID_ARG_TYPE: return "ERR_INVALID_ARG_TYPE";
    case ErrorCode::ERR_INVALID_ARG_VALUE: return "ERR_INVALID_ARG_VALUE";
    case ErrorCode::ERR_MISSING_ARGS: return "ERR_MISSING_ARGS";
    case ErrorCode::ERR_METHOD_NOT_IMPLEMENTED: return "ERR_METHOD_NOT_IMPLEMENTED";
    case ErrorCode::ABORT_ERR: return "ABORT_ERR";
  }
  return "";
}

Error Error::make(ErrorCode code, std::string message) {
  Error e;
  e.detail_ = std::make_shared<const Detail>(Detail{code, std::move(message)});
  return e;
}

Error Error::of(ErrorCode code, std::string_view what) {
  const std::string w(what);
  switch (code) {
    case ErrorCode::ERR_STREAM_WRITE_AFTER_END: return make(code, "write after end");
    case ErrorCode::ERR_STREAM_DESTROYED:
      return make(code, "Cannot call " + w + " after a stream was destroyed");
    case ErrorCode::ERR_STREAM_PREMATURE_CLOSE: return make(code, "Premature close");
    case ErrorCode::ERR_STREAM_PUSH_AFTER_EOF: return make(code, "stream.push() after EOF");
    case ErrorCode::ERR_STREAM_UNSHIFT_AFTER_END_EVENT:
      return make(code, "stream.unshift() after end event");
    case ErrorCode::ERR_STREAM_NULL_VALUES: return make(code, "May not write null values to stream");
    case ErrorCode::ERR_STREAM_ALREADY_FINISHED:
      return make(code, "Cannot call " + w + " after a stream was finished");
    case ErrorCode::ERR_STREAM_CANNOT_PIPE: return make(code, "Cannot pipe, not readable");
    case ErrorCode::ERR_MULTIPLE_CALLBACK: return make(code, "Callback called multiple times");
    case ErrorCode::ERR_MISSING_ARGS:
      return make(code, "The \"" + w + "\" argument must be specified");
    case ErrorCode::ERR_METHOD_NOT_IMPLEMENTED:
      return make(code, "The " + w + " method is not implemented");
    case ErrorCode::ABORT_ERR: return make(code, "The operation was aborted");
    case ErrorCode::ERR_INVALID_ARG_TYPE:
    case ErrorCode::ERR_INVALID_ARG_VALUE:
    case ErrorCode::None: return make(code, w);
  }
  return make(code, w);
}

const std::string& Error::message() const {
  static const std::string empty;
  return detail_ ? detail_->message : empty;
}

}  // namespace bp
