// write_file_atomically: replace a file's contents so that every reader, and every crash or
// Ctrl-C, sees either the old file or the whole new one, never a part of it.
//
// How: a new hidden temporary file in the same directory (".NAME.tmp.PID.N", created with
// O_EXCL and mode 0666 less the umask), written in full, fsync'd and closed, then renamed over
// the target; the directory is fsync'd after the rename so that the new name survives a power
// cut. On failure the temporary file is removed and the target is left as it was. A process
// killed between creating and renaming may leave the hidden temporary file, never a partial
// target. The directory must already exist. Safe to call from several threads at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bp::reports {

// Nothing on success; otherwise "cannot write PATH: reason".
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view text);

}  // namespace bp::reports
