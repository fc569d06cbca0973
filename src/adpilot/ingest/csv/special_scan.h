// The tokenizer's inner search: delimiters, quotes and '\n' found 64 bytes at a time as a bit
// mask, then handed out one by one (count-trailing-zeros), so a field costs a few instructions
// instead of a fresh search. Header-only so it inlines into the hot loop. SSE2 (every x86-64)
// builds the mask; other platforms use the portable loop, which tests check against it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace adpilot::csv::detail {

inline constexpr size_t kWindowBytes = 64;

// Bit i set when window[i] is delimiter, quote or '\n'; ors a non-zero value into non_ascii
// when a byte is >= 0x80.
inline uint64_t special_mask_portable(const char* window, char delimiter, char quote,
                                      uint32_t& non_ascii) {
  uint64_t mask = 0;
  for (size_t i = 0; i < kWindowBytes; ++i) {
    const char c = window[i];
    non_ascii |= static_cast<unsigned char>(c) & 0x80u;
    if (c == delimiter || c == quote || c == '\n') {
      mask |= uint64_t{1} << i;
    }
  }
  return mask;
}

// Walks the special bytes of a block in order. The block must end in '\n', so every search
// stops inside it.
class SpecialCursor {
 public:
  SpecialCursor(const char* end, char delimiter, char quote) : end_(end) {
#if defined(__SSE2__)
    delimiters_ = _mm_set1_epi8(delimiter);
    quotes_ = _mm_set1_epi8(quote);
    newlines_ = _mm_set1_epi8('\n');
#else
    delimiter_ = delimiter;
    quote_ = quote;
#endif
  }

  // Restarts the walk at pos (after a quoted field or a rejected row).
  void seek(const char* pos) {
    base_ = pos;
    mask_ = window_mask(pos);
  }
  // The next special byte; the first one at or after the last seek or hit.
  const char* next() {
    while (mask_ == 0) {
      base_ += kWindowBytes;
      mask_ = window_mask(base_);
    }
    const char* hit = base_ + __builtin_ctzll(mask_);
    mask_ &= mask_ - 1;
    return hit;
  }
  // Non-zero once a scanned byte was >= 0x80 (possibly past the last hit: a hint only).
  uint32_t non_ascii() const {
    return non_ascii_;
  }

  uint64_t window_mask(const char* pos) {
    if (static_cast<size_t>(end_ - pos) < kWindowBytes) {
      // The block's last bytes: copy them rather than read past the buffer.
      alignas(16) char tail[kWindowBytes] = {};
      std::memcpy(tail, pos, static_cast<size_t>(end_ - pos));
      return full_window_mask(tail);
    }
    return full_window_mask(pos);
  }

 private:
  uint64_t full_window_mask(const char* pos) {
#if defined(__SSE2__)
    uint64_t mask = 0;
    __m128i any = _mm_setzero_si128();
    for (size_t i = 0; i < kWindowBytes / 16; ++i) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pos + 16 * i));
      const __m128i hits = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(chunk, delimiters_), _mm_cmpeq_epi8(chunk, quotes_)),
          _mm_cmpeq_epi8(chunk, newlines_));
      mask |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(hits))) << (16 * i);
      any = _mm_or_si128(any, chunk);
    }
    non_ascii_ |= static_cast<uint32_t>(_mm_movemask_epi8(any));
    return mask;
#else
    return special_mask_portable(pos, delimiter_, quote_, non_ascii_);
#endif
  }

  const char* end_;
  const char* base_ = nullptr;
  uint64_t mask_ = 0;
  uint32_t non_ascii_ = 0;
#if defined(__SSE2__)
  __m128i delimiters_;
  __m128i quotes_;
  __m128i newlines_;
#else
  char delimiter_;
  char quote_;
#endif
};

}  // namespace adpilot::csv::detail
