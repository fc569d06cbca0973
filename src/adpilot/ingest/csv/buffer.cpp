#include "adpilot/ingest/csv/buffer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace adpilot::csv {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr size_t kBomSize = 3;
// read() is capped per call so a huge block never hits the kernel's 2 GiB limit.
constexpr size_t kMaxReadCall = size_t{1} << 30;

Error io_error(const std::string& path, const std::string& what, int err) {
  ErrorContext context;
  context.file = path;
  std::string hint = err == ENOENT ? "check the path (use - to read standard input)" : "";
  return make_error(ErrorCode::kIo, what + ": " + std::strerror(err), std::move(context),
                    std::move(hint));
}

}  // namespace

Result<FileSource> FileSource::open(const std::string& path) {
  return guard([&]() -> Result<FileSource> {
    FileSource source;
    source.path_ = path;
    if (path == "-") {
      source.fd_ = STDIN_FILENO;
    } else {
      source.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (source.fd_ < 0) {
        return io_error(path, "cannot open file", errno);
      }
      source.owns_fd_ = true;
      struct stat info {};
      if (::fstat(source.fd_, &info) == 0 && S_ISDIR(info.st_mode)) {
        return io_error(path, "cannot read file", EISDIR);
      }
#ifdef POSIX_FADV_SEQUENTIAL
      ::posix_fadvise(source.fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    }
    const std::string_view head = source.peek(kBomSize);
    if (head.size() >= kBomSize && std::memcmp(head.data(), kBom, kBomSize) == 0) {
      source.consume(kBomSize);
      source.had_bom_ = true;
    }
    return source;
  });
}

FileSource::FileSource(FileSource&& other) noexcept {
  *this = std::move(other);
}

FileSource& FileSource::operator=(FileSource&& other) noexcept {
  if (this != &other) {
    close_fd();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    owns_fd_ = std::exchange(other.owns_fd_, false);
    eof_ = other.eof_;
    had_bom_ = other.had_bom_;
    bytes_read_ = other.bytes_read_;
    pending_ = std::move(other.pending_);
    pending_pos_ = std::exchange(other.pending_pos_, 0);
  }
  return *this;
}

FileSource::~FileSource() {
  close_fd();
}

void FileSource::close_fd() {
  if (owns_fd_ && fd_ >= 0) {
    ::close(fd_);
  }
  fd_ = -1;
  owns_fd_ = false;
}

size_t FileSource::read_fd(char* dst, size_t size) {
  size_t got = 0;
  while (got < size && !eof_) {
    const ssize_t n = ::read(fd_, dst + got, std::min(size - got, kMaxReadCall));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw ErrorException(io_error(path_, "read failed", errno));
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    got += static_cast<size_t>(n);
  }
  bytes_read_ += static_cast<int64_t>(got);
  return got;
}

size_t FileSource::read(char* dst, size_t size) {
  const size_t from_pending = std::min(size, pending_.size() - pending_pos_);
  if (from_pending > 0) {
    std::memcpy(dst, pending_.data() + pending_pos_, from_pending);
    pending_pos_ += from_pending;
  }
  if (pending_pos_ == pending_.size() && !pending_.empty()) {
    pending_.clear();
    pending_.shrink_to_fit();  // the sniff sample is not needed again
    pending_pos_ = 0;
  }
  if (from_pending == size) {
    return size;
  }
  return from_pending + read_fd(dst + from_pending, size - from_pending);
}

std::string_view FileSource::peek(size_t size) {
  size_t available = pending_.size() - pending_pos_;
  if (available < size && !eof_) {
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pending_pos_));
    pending_pos_ = 0;
    pending_.resize(size);
    const size_t got = read_fd(pending_.data() + available, size - available);
    pending_.resize(available + got);
    available += got;
  }
  return {pending_.data() + pending_pos_, available};
}

void FileSource::consume(size_t size) {
  pending_pos_ += std::min(size, pending_.size() - pending_pos_);
}

void FileSource::unread(const char* data, size_t size) {
  pending_.insert(pending_.begin() + static_cast<std::ptrdiff_t>(pending_pos_), data, data + size);
}

}  // namespace adpilot::csv
