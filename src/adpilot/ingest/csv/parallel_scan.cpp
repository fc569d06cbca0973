#include "adpilot/ingest/csv/parallel_scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "adpilot/ingest/csv/row_scanner.h"

namespace adpilot::csv {

BlockProducer::BlockProducer(FileSource& source, const Dialect& dialect, size_t block_bytes,
                             size_t max_row_bytes)
    : source_(source),
      delimiter_(dialect.delimiter),
      quote_(dialect.quote),
      block_bytes_(block_bytes),
      max_row_bytes_(max_row_bytes) {
}

bool BlockProducer::next(RowBatch& batch) {
  if (done_) {
    return false;
  }
  // The carry never exceeds max_row_bytes + 1, so carry + one block always fits.
  batch.prepare(block_bytes_ + max_row_bytes_ + 1);
  if (long_row_pending_) {
    skip_long_row(batch);
    return true;
  }
  char* buffer = batch.data_.get();
  size_t size = carry_.size();
  if (size > 0) {
    std::memcpy(buffer, carry_.data(), size);
    carry_.clear();
  }
  for (;;) {
    const size_t got = source_.read(buffer + size, block_bytes_);
    size += got;
    if (got < block_bytes_) {
      done_ = true;
      if (size == 0) {
        return false;
      }
      if (buffer[size - 1] != '\n') {
        buffer[size++] = '\n';  // a last row without a line ending; prepare() left room for it
      }
      batch.size_ = size;
      return true;
    }
    const size_t split = last_row_end(buffer, size, delimiter_, quote_);
    // One byte of slack: the tail may end in the '\r' of a "\r\n" that the next read completes.
    if (size - split > max_row_bytes_ + 1) {
      carry_.assign(buffer + split, buffer + size);
      long_row_pending_ = true;
      if (split == 0) {
        skip_long_row(batch);
        return true;
      }
      batch.size_ = split;
      return true;
    }
    if (split > 0) {
      carry_.assign(buffer + split, buffer + size);
      batch.size_ = split;
      return true;
    }
    // Not one whole row yet (rows longer than a block): read on into the same buffer.
  }
}

// The row at the start of carry_ is already longer than max_row_bytes. Reads on, block by
// block, to its end without keeping it, then hands back the bytes after it.
void BlockProducer::skip_long_row(RowBatch& batch) {
  long_row_pending_ = false;
  RowScanner scanner(delimiter_, quote_);
  scanner.feed(carry_.data(), max_row_bytes_);
  const int64_t limit_field = scanner.fields();
  const int64_t limit_line = scanner.newlines();
  const std::string raw(carry_.data(), max_row_bytes_);
  size_t used = scanner.feed(carry_.data() + max_row_bytes_, carry_.size() - max_row_bytes_);
  bool ends_with_newline = carry_.back() == '\n';
  carry_.clear();
  carry_.shrink_to_fit();  // it held more than max_row_bytes
  char* buffer = batch.data_.get();
  bool at_eof = false;
  while (used == RowScanner::kNotFound) {
    const size_t got = source_.read(buffer, block_bytes_);
    if (got > 0) {
      ends_with_newline = buffer[got - 1] == '\n';
    }
    used = scanner.feed(buffer, got);
    if (used != RowScanner::kNotFound) {
      source_.unread(buffer + used, got - used);
    } else if (got < block_bytes_) {
      at_eof = true;
      break;
    }
  }
  batch.size_ = 0;
  batch.num_lines_ = scanner.newlines() + (at_eof && !ends_with_newline ? 1 : 0);
  if (at_eof) {
    done_ = true;
  }
  if (at_eof && scanner.in_quotes()) {
    batch.issues_.push_back(make_row_issue(RowIssueKind::kUnterminatedQuote, scanner.quote_line(),
                                           scanner.quote_field(), raw));
    return;
  }
  batch.issues_.push_back(make_row_issue(RowIssueKind::kRowTooLong, limit_line, limit_field, raw,
                                         row_too_long_message(max_row_bytes_, limit_field)));
}

Error current_exception_error() {
  try {
    throw;
  } catch (const ErrorException& e) {
    return e.error();
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::kInternal, "out of memory");
  } catch (const std::exception& e) {
    return make_error(ErrorCode::kInternal, e.what());
  } catch (...) {
    return make_error(ErrorCode::kInternal, "unknown exception in a CSV worker");
  }
}

}  // namespace adpilot::csv
