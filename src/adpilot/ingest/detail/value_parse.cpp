// Number cells: the fast paths. Plain cells ("12345", "912.345678") are read eight digits at a
// time with SWAR arithmetic, without a per-digit branch; everything else falls back to the
// general grammar in number_scan.cpp.
#include "adpilot/ingest/detail/value_parse.h"

#include <fast_float/fast_float.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "adpilot/ingest/detail/number_scan.h"

namespace adpilot::ingest {
namespace {

static_assert(std::endian::native == std::endian::little, "the SWAR digit code assumes it");

constexpr uint64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kAsciiZeros = 0x3030303030303030ULL;

inline bool is_digit(char ch) {
  return static_cast<unsigned>(static_cast<uint8_t>(ch)) - '0' <= 9;
}

// The n bytes at p (1 <= n <= 8) in the low bytes of a word, first character lowest, zero
// above. Two overlapping loads instead of a byte loop, and never a read outside the text,
// which may end at the end of a mapped buffer.
inline uint64_t load_upto8(const char* p, size_t n) {
  if (n >= 4) {
    uint32_t head = 0;
    uint32_t tail = 0;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    return uint64_t{head} | (uint64_t{tail} << (8 * (n - 4)));
  }
  const uint64_t first = static_cast<uint8_t>(p[0]);
  const uint64_t middle = static_cast<uint8_t>(p[n / 2]);
  const uint64_t last = static_cast<uint8_t>(p[n - 1]);
  return first | (middle << (8 * (n / 2))) | (last << (8 * (n - 1)));
}

// The value of the n ASCII digits at p (1 <= n <= 8); false if any byte is not a digit.
// Lemire's eight-digit check and three multiply-shift steps, after left-padding with '0'.
inline bool parse_upto8(const char* p, size_t n, uint64_t& value) {
  uint64_t word = load_upto8(p, n) << (8 * (8 - n));
  word |= kAsciiZeros >> (8 * n - 1) >> 1;  // two shifts: n == 8 would shift by 64
  const uint64_t high_nibbles = word & 0xF0F0F0F0F0F0F0F0ULL;
  const uint64_t above_nine = ((word + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4;
  if ((high_nibbles | above_nine) != 0x3333333333333333ULL) {
    return false;
  }
  word = ((word & 0x0F0F0F0F0F0F0F0FULL) * 2561) >> 8;
  word = ((word & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
  value = ((word & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
  return true;
}

// 1..16 plain digits.
inline bool parse_upto16(const char* p, size_t n, uint64_t& value) {
  if (n <= 8) {
    return parse_upto8(p, n, value);
  }
  uint64_t high = 0;
  uint64_t low = 0;
  const bool high_ok = parse_upto8(p, n - 8, high);
  const bool low_ok = parse_upto8(p + n - 8, 8, low);
  value = high * kPow10[8] + low;
  return high_ok && low_ok;
}

// The index of the first byte equal to ch among the n <= 8 bytes of word, or 8.
inline size_t find_byte(uint64_t word, char ch) {
  const uint64_t diff = word ^ (kOnes * static_cast<uint8_t>(ch));
  // Exact zero-byte mask (no false positives, unlike the borrow-based trick).
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t zero = ~(((diff & low7) + low7) | diff | low7);
  return static_cast<size_t>(std::countr_zero(zero)) / 8;
}

// Plain "123" or "123.456789" (decimal = the locale's), at most 16 characters, 12 integer and
// 6 fraction digits, so the micros stay below 10^18.
inline bool parse_plain_money(std::string_view text, char decimal, int64_t& micros) {
  const size_t size = text.size();
  if (size - 1 >= 16) {
    return false;
  }
  const char* p = text.data();
  size_t dot = find_byte(load_upto8(p, size < 8 ? size : 8), decimal);
  if (dot == 8 && size > 8) {
    dot = 8 + find_byte(load_upto8(p + 8, size - 8), decimal);
  }
  if (dot >= size) {
    uint64_t units = 0;
    if (size > 12 || !parse_upto16(p, size, units)) {
      return false;
    }
    micros = static_cast<int64_t>(units * kPow10[6]);
    return true;
  }
  const size_t frac = size - dot - 1;
  uint64_t units = 0;
  uint64_t fraction = 0;
  if (dot - 1 >= 12 || frac - 1 >= 6 || !parse_upto16(p, dot, units) ||
      !parse_upto8(p + dot + 1, frac, fraction)) {
    return false;  // also rejects ".5", "5." and a second separator (not a digit)
  }
  micros = static_cast<int64_t>(units * kPow10[6] + fraction * kPow10[6 - frac]);
  return true;
}

// Plain digits and at most one decimal separator, as fast_float reads them; anything it does
// not consume entirely goes to the general grammar. Exponents are left to the grammar too
// (fixed format), since fast_float also takes forms it rejects, such as "5.e3" or "0e99999".
inline bool parse_plain_double(std::string_view text, char decimal, double& out,
                               fast_float::chars_format format = fast_float::chars_format::fixed) {
  if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) {
    return false;
  }
  const char* last = text.data() + text.size();
  const fast_float::parse_options options(format, decimal);
  double value = 0.0;
  const auto result = fast_float::from_chars_advanced(text.data(), last, value, options);
  if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value)) {
    return false;
  }
  out = value;
  return true;
}

}  // namespace

std::string_view trim_cell(std::string_view text) {
  auto space_at_front = [&]() -> size_t {
    const char ch = text.front();
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
      return 1;
    }
    if (text.substr(0, 2) == "\xC2\xA0") {
      return 2;
    }
    return text.substr(0, 3) == "\xE2\x80\xAF" ? 3 : 0;
  };
  auto space_at_back = [&]() -> size_t {
    const char ch = text.back();
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
      return 1;
    }
    if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") {
      return 2;
    }
    return text.size() >= 3 && text.substr(text.size() - 3) == "\xE2\x80\xAF" ? 3 : 0;
  };
  while (!text.empty()) {
    const size_t len = space_at_front();
    if (len == 0) {
      break;
    }
    text.remove_prefix(len);
  }
  while (!text.empty()) {
    const size_t len = space_at_back();
    if (len == 0) {
      break;
    }
    text.remove_suffix(len);
  }
  return text;
}

bool is_missing_cell(std::string_view trimmed) {
  static constexpr std::string_view kMissing[] = {"-",  "--",   "n/a",  "#n/a",
                                                  "na", "null", "none", "nan"};
  if (trimmed.empty()) {
    return true;
  }
  if (trimmed.size() > 4) {
    return false;
  }
  char lower[4];
  for (size_t i = 0; i < trimmed.size(); ++i) {
    const char ch = trimmed[i];
    lower[i] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  const std::string_view folded(lower, trimmed.size());
  for (const std::string_view marker : kMissing) {
    if (folded == marker) {
      return true;
    }
  }
  return false;
}

ParseStatus parse_count(std::string_view text, const NumberLocale& locale, int64_t& out) {
  uint64_t value = 0;
  if (text.size() - 1 < 16 && parse_upto16(text.data(), text.size(), value)) {
    out = static_cast<int64_t>(value);
    return ParseStatus::kOk;
  }
  return parse_count_general(text, locale, out);
}

ParseStatus parse_money(std::string_view text, const NumberLocale& locale, int64_t& micros) {
  if (parse_plain_money(text, locale.decimal, micros)) {
    return ParseStatus::kOk;
  }
  return parse_money_general(text, locale, micros);
}

ParseStatus parse_decimal(std::string_view text, const NumberLocale& locale, double& out) {
  if (parse_plain_double(text, locale.decimal, out)) {
    return ParseStatus::kOk;
  }
  return parse_double_general(text, locale, false, out);
}

ParseStatus parse_ratio(std::string_view text, const NumberLocale& locale, double& out) {
  if (parse_plain_double(text, locale.decimal, out)) {
    return ParseStatus::kOk;
  }
  // Fast path for the CTR-style "3.45%": the digits with "e-2" in place of the '%', so the
  // shift is exact in decimal rather than a division of an already rounded double.
  constexpr size_t kMaxPlainPercent = 32;
  if (text.size() >= 2 && text.size() <= kMaxPlainPercent && text.back() == '%') {
    char buffer[kMaxPlainPercent + 2];
    const size_t digits = text.size() - 1;
    std::memcpy(buffer, text.data(), digits);
    buffer[digits] = 'e';
    buffer[digits + 1] = '-';
    buffer[digits + 2] = '2';
    // Only the "e-2" we appended can be an exponent: a second 'e' stops fast_float early.
    if (is_digit(text[digits - 1]) &&
        parse_plain_double(std::string_view(buffer, digits + 3), locale.decimal, out,
                           fast_float::chars_format::general)) {
      return ParseStatus::kOk;
    }
  }
  return parse_double_general(text, locale, true, out);
}

}  // namespace adpilot::ingest
