#include "adpilot/ingest/csv/utf8.h"

#include <cstdint>
#include <cstring>

namespace adpilot::csv {

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Length of the valid sequence starting at data[0] (a non-ASCII lead byte), or 0 when invalid.
size_t valid_sequence_length(const unsigned char* data, size_t available) {
  const unsigned char lead = data[0];
  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) {
      second_min = 0xA0;  // below is an overlong two-byte form
    } else if (lead == 0xED) {
      second_max = 0x9F;  // above are the UTF-16 surrogates
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) {
      second_min = 0x90;  // overlong
    } else if (lead == 0xF4) {
      second_max = 0x8F;  // above U+10FFFF
    }
  } else {
    return 0;  // a stray continuation byte, C0/C1 (overlong) or F5..FF
  }
  if (available < length || data[1] < second_min || data[1] > second_max) {
    return 0;
  }
  for (size_t i = 2; i < length; ++i) {
    if (!is_continuation(data[i])) {
      return 0;
    }
  }
  return length;
}

}  // namespace

size_t find_invalid_utf8(const char* data, size_t size) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  size_t pos = 0;
  while (pos < size) {
    while (pos + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + pos, 8);
      if ((word & kHighBits) != 0) {
        break;
      }
      pos += 8;
    }
    while (pos < size && bytes[pos] < 0x80) {
      ++pos;
    }
    if (pos == size) {
      break;
    }
    const size_t length = valid_sequence_length(bytes + pos, size - pos);
    if (length == 0) {
      return pos;
    }
    pos += length;
  }
  return size;
}

bool has_non_ascii(const char* data, size_t size) {
  uint64_t seen = 0;
  size_t pos = 0;
  for (; pos + 8 <= size; pos += 8) {
    uint64_t word;
    std::memcpy(&word, data + pos, 8);
    seen |= word;
  }
  for (; pos < size; ++pos) {
    seen |= static_cast<unsigned char>(data[pos]);
  }
  return (seen & kHighBits) != 0;
}

}  // namespace adpilot::csv
