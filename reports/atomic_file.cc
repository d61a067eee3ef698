#include "reports/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace bp::reports {

namespace {

std::string failure(const std::filesystem::path& path, const std::string& what, int error) {
  return "cannot write " + path.string() + ": " + what + ": " + std::strerror(error);
}

// The temporary file: closed and removed on destruction unless committed.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !path_.empty()) ::unlink(path_.c_str());
  }

  // Creates a new file beside `target`; false with errno set when no name could be created.
  bool create(const std::filesystem::path& target) {
    static std::atomic<unsigned> counter{0};
    // Room for the suffix within the usual 255-byte file name limit.
    const std::string name = target.filename().string().substr(0, 200);
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string temp_name = "." + name + ".tmp." + std::to_string(::getpid()) + "." +
                                    std::to_string(counter.fetch_add(1));
      const std::filesystem::path candidate = target.parent_path() / temp_name;
      fd_ = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ >= 0) {
        path_ = candidate;
        return true;
      }
      if (errno != EEXIST) return false;
    }
    return false;
  }

  // Writes all of `text`; false with errno set on failure.
  bool write_all(std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = ::write(fd_, text.data(), text.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // fsync, then close; false with errno set on failure.
  bool sync_and_close() {
    const bool synced = ::fsync(fd_) == 0;
    const int sync_error = errno;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    if (!synced) errno = sync_error;
    return synced && closed;
  }

  const std::filesystem::path& path() const { return path_; }
  void commit() { committed_ = true; }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
  bool committed_ = false;
};

// Makes a completed rename durable. Best effort: some file systems refuse fsync on directories,
// and the new file is complete and in place either way.
void sync_directory(const std::filesystem::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view text) {
  if (path.filename().empty()) return "cannot write " + path.string() + ": not a file name";
  TempFile temp;
  if (!temp.create(path)) return failure(path, "cannot create a temporary file", errno);
  if (!temp.write_all(text)) return failure(path, "write", errno);
  if (!temp.sync_and_close()) return failure(path, "fsync", errno);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) return failure(path, "rename", errno);
  temp.commit();
  const std::filesystem::path directory = path.parent_path();
  sync_directory(directory.empty() ? std::filesystem::path(".") : directory);
  return std::nullopt;
}

}  // namespace bp::reports
