// The tokenizer's inner search: the next delimiter, quote or '\n'. Header-only so it inlines
// into the hot loop; the portable version is kept callable for platforms without SSE2 and for tests.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace adpilot::csv::detail {

// Both return the first delimiter, quote or '\n' at or after begin, and one must exist before
// end. They or into non_ascii a non-zero value when a scanned byte is >= 0x80; the fast one may
// also look at up to 15 bytes past the hit, so it is a hint to run validation, no more.
inline const char* find_special_portable(const char* begin, char delimiter, char quote,
                                         uint32_t& non_ascii) {
  for (const char* pos = begin;; ++pos) {
    const char c = *pos;
    non_ascii |= static_cast<unsigned char>(c) & 0x80u;
    if (c == delimiter || c == quote || c == '\n') {
      return pos;
    }
  }
}

// Sixteen bytes per step: with fields of ~8 bytes most calls end in their first load.
inline const char* find_special_fast(const char* begin, const char* end, char delimiter,
                                     char quote, uint32_t& non_ascii) {
#if defined(__SSE2__)
  const __m128i delimiters = _mm_set1_epi8(delimiter);
  const __m128i quotes = _mm_set1_epi8(quote);
  const __m128i newlines = _mm_set1_epi8('\n');
  for (const char* pos = begin;; pos += 16) {
    __m128i chunk;
    if (end - pos >= 16) {
      chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pos));
    } else {
      // The block's last bytes: copy them rather than read past the buffer.
      alignas(16) char tail[16] = {};
      std::memcpy(tail, pos, static_cast<size_t>(end - pos));
      chunk = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
    }
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, delimiters), _mm_cmpeq_epi8(chunk, quotes)),
                     _mm_cmpeq_epi8(chunk, newlines));
    non_ascii |= static_cast<uint32_t>(_mm_movemask_epi8(chunk));
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(hits));
    if (mask != 0) {
      return pos + __builtin_ctz(mask);
    }
  }
#else
  (void)end;
  return find_special_portable(begin, delimiter, quote, non_ascii);
#endif
}

}  // namespace adpilot::csv::detail
