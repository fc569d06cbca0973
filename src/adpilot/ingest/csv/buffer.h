// Buffer phase: a file or stdin ("-") as a stream of bytes, UTF-8 BOM removed. Plain read() into
// the caller's blocks — no mmap — so memory stays bounded by the blocks in flight. Bytes can be
// looked at before they are consumed (sniffing, peek_rows) and handed back (unread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::csv {

class FileSource {
 public:
  // Opens path ("-" = stdin) and drops a leading UTF-8 BOM. kIo error when it cannot be read.
  static Result<FileSource> open(const std::string& path);

  FileSource(FileSource&& other) noexcept;
  FileSource& operator=(FileSource&& other) noexcept;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource();

  // Copies the next bytes into dst until size bytes or the end of input; fewer than size means
  // the input is exhausted. Throws ErrorException (kIo) on a read error.
  size_t read(char* dst, size_t size);
  // The next bytes without consuming them: at least size of them, unless the input ends first.
  std::string_view peek(size_t size);
  // Drops bytes previously returned by peek.
  void consume(size_t size);
  // Puts bytes back in front of the input, to be read again.
  void unread(const char* data, size_t size);
  // True once the input is exhausted and nothing is pending.
  bool exhausted() const { return eof_ && pending_pos_ == pending_.size(); }

  bool had_bom() const { return had_bom_; }
  // Bytes read from the file so far, BOM included (for progress reporting).
  int64_t bytes_read() const { return bytes_read_; }
  const std::string& path() const { return path_; }

 private:
  FileSource() = default;
  size_t read_fd(char* dst, size_t size);
  void close_fd();

  std::string path_;
  int fd_ = -1;
  bool owns_fd_ = false;
  bool eof_ = false;
  bool had_bom_ = false;
  int64_t bytes_read_ = 0;
  std::vector<char> pending_;
  size_t pending_pos_ = 0;
};

}  // namespace adpilot::csv
