#include "adpilot/ingest/csv/row_scanner.h"

#include <cstring>

namespace adpilot::csv {

void RowScanner::reset() {
  state_ = State::kFieldStart;
  malformed_ = false;
  fields_ = 1;
  newlines_ = 0;
  bytes_ = 0;
  field_begin_ = 0;
  quote_line_ = 0;
  quote_field_ = 0;
}

void RowScanner::start_field() {
  ++fields_;
  field_begin_ = bytes_;
  state_ = State::kFieldStart;
}

bool RowScanner::step(char c) {
  switch (state_) {
    case State::kFieldStart:
      if (c == quote_) {
        state_ = State::kQuoted;
        quote_line_ = newlines_;
        quote_field_ = fields_;
        field_begin_ = bytes_;
        return false;
      }
      break;
    case State::kQuoted:
      if (c == quote_) {
        state_ = State::kQuoteSeen;
      } else if (c == '\n') {
        ++newlines_;
      }
      return false;
    case State::kQuoteSeen:
      if (c == quote_) {
        state_ = State::kQuoted;
        return false;
      }
      if (c == '\r') {
        state_ = State::kClosedCr;
        return false;
      }
      if (c != delimiter_ && c != '\n') {
        malformed_ = true;
      }
      break;
    case State::kClosedCr:
      if (c != '\n') {
        malformed_ = true;
      }
      break;
    case State::kUnquoted:
      if (c == quote_) {
        malformed_ = true;
      }
      break;
  }
  // Unquoted rules, shared by every state that has left its quotes behind.
  if (c == delimiter_) {
    start_field();
    return false;
  }
  if (c == '\n') {
    ++newlines_;
    state_ = State::kFieldStart;
    return true;
  }
  state_ = State::kUnquoted;
  return false;
}

size_t RowScanner::feed(const char* data, size_t size) {
  size_t pos = 0;
  while (pos < size) {
    if (state_ == State::kQuoted) {
      // Inside quotes only a quote matters, so jump to it.
      const void* hit = std::memchr(data + pos, quote_, size - pos);
      const size_t stop =
          hit != nullptr ? static_cast<size_t>(static_cast<const char*>(hit) - data) : size;
      newlines_ += static_cast<int64_t>(count_newlines(data + pos, stop - pos));
      bytes_ += static_cast<int64_t>(stop - pos);
      pos = stop;
      if (pos == size) {
        break;
      }
    }
    const char c = data[pos++];
    ++bytes_;
    if (step(c)) {
      return pos;
    }
  }
  return kNotFound;
}

size_t count_newlines(const char* data, size_t size) {
  size_t count = 0;
  const char* end = data + size;
  while (data < end) {
    const void* hit = std::memchr(data, '\n', static_cast<size_t>(end - data));
    if (hit == nullptr) {
      break;
    }
    ++count;
    data = static_cast<const char*>(hit) + 1;
  }
  return count;
}

size_t last_row_end(const char* data, size_t size, char delimiter, char quote) {
  size_t last_end = 0;
  size_t pos = 0;
  while (pos < size) {
    // Unquoted stretch: every '\n' in it ends a row; only the last one matters.
    const void* quote_hit = std::memchr(data + pos, quote, size - pos);
    const size_t stretch_end = quote_hit != nullptr
                                   ? static_cast<size_t>(static_cast<const char*>(quote_hit) - data)
                                   : size;
    const void* newline = memrchr(data + pos, '\n', stretch_end - pos);
    if (newline != nullptr) {
      last_end = static_cast<size_t>(static_cast<const char*>(newline) - data) + 1;
    }
    if (quote_hit == nullptr) {
      break;
    }
    const size_t quote_pos = stretch_end;
    pos = quote_pos + 1;
    const bool opens_field =
        quote_pos == 0 || data[quote_pos - 1] == delimiter || data[quote_pos - 1] == '\n';
    if (!opens_field) {
      continue;  // a stray quote: the tokenizer rejects its row, the row end is unaffected
    }
    for (;;) {
      const void* closing = std::memchr(data + pos, quote, size - pos);
      if (closing == nullptr) {
        return last_end;  // still inside quotes: the rest belongs to an unfinished row
      }
      pos = static_cast<size_t>(static_cast<const char*>(closing) - data) + 1;
      if (pos == size) {
        return last_end;  // "" or a closing quote: either way no row ends after it here
      }
      if (data[pos] != quote) {
        break;
      }
      ++pos;  // "" is a literal quote; still inside the field
    }
  }
  return last_end;
}

}  // namespace adpilot::csv
