// The general number grammar (see value_parse.h). A cell is reduced to DecimalParts, its sign
// and significant digits copied into a stack buffer without separators or affixes, and then
// converted exactly: integers digit by digit with overflow checks, doubles through fast_float
// on a canonical text so they are correctly rounded.
#include "adpilot/ingest/detail/number_scan.h"

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "adpilot/ingest/detail/currency.h"

namespace adpilot::ingest {
namespace {

// Longer digit strings are not numbers any ad platform writes; capping them keeps the buffer on
// the stack.
constexpr size_t kMaxNumberDigits = 100;
constexpr uint64_t kInt64Max = 9223372036854775807ULL;

inline unsigned digit_value(char ch) {
  return static_cast<unsigned>(static_cast<uint8_t>(ch)) - '0';
}
inline bool is_digit(char ch) {
  return digit_value(ch) <= 9;
}

// What a cell may contain besides the number itself.
struct NumberForm {
  bool currency = false;
  bool percent = false;
  bool exponent = false;
};

// A number reduced to its parts: significant integer digits (leading zeros dropped) followed by
// all fraction digits in one buffer, so the converters never see separators or affixes.
struct DecimalParts {
  bool negative = false;
  bool percent = false;
  size_t int_digits = 0;
  size_t frac_digits = 0;
  int exponent = 0;
  char digits[kMaxNumberDigits];
};

// The length of a group separator at pos, 0 if there is none. group ' ' stands for the three
// spaces European exports use between thousands.
size_t group_len_at(std::string_view text, size_t pos, char group) {
  if (text[pos] == group) {
    return 1;
  }
  if (group != ' ') {
    return 0;
  }
  const size_t rest = text.size() - pos;
  if (rest >= 2 && text.compare(pos, 2, "\xC2\xA0") == 0) {
    return 2;
  }
  if (rest >= 3 && text.compare(pos, 3, "\xE2\x80\xAF") == 0) {
    return 3;
  }
  return 0;
}

// Bytes that can belong to a currency marker: anything but digits, spaces, signs, parentheses,
// '%' and the locale's separators, so "$-3", "$.50" and "12,50€" split where they should.
bool is_marker_byte(std::string_view text, size_t pos, const NumberLocale& locale) {
  const char ch = text[pos];
  if (is_digit(ch) || ch == locale.decimal || ch == locale.group) {
    return false;
  }
  if (std::strchr("+-()% \t\r\n", ch) != nullptr) {
    return false;
  }
  return !(text.compare(pos, 2, "\xC2\xA0") == 0 || text.compare(pos, 3, "\xE2\x80\xAF") == 0);
}

size_t marker_prefix_len(std::string_view text, const NumberLocale& locale) {
  size_t len = 0;
  while (len < text.size() && is_marker_byte(text, len, locale)) {
    ++len;
  }
  return len;
}

size_t marker_suffix_len(std::string_view text, const NumberLocale& locale) {
  size_t len = 0;
  while (len < text.size()) {
    // Checked as whole sequences first: the last byte of U+00A0 alone looks like a marker byte.
    const std::string_view head = text.substr(0, text.size() - len);
    if (head.ends_with("\xC2\xA0") || head.ends_with("\xE2\x80\xAF") ||
        !is_marker_byte(text, head.size() - 1, locale)) {
      break;
    }
    ++len;
  }
  return len;
}

// The optional exponent of a decimal: [eE][+-]digits, at most four digits.
bool scan_exponent(std::string_view core, size_t& pos, int& exponent) {
  if (pos >= core.size() || (core[pos] != 'e' && core[pos] != 'E')) {
    return true;
  }
  ++pos;
  bool negative = false;
  if (pos < core.size() && (core[pos] == '+' || core[pos] == '-')) {
    negative = core[pos] == '-';
    ++pos;
  }
  const size_t start = pos;
  int value = 0;
  while (pos < core.size() && is_digit(core[pos]) && pos - start < 4) {
    value = value * 10 + static_cast<int>(digit_value(core[pos]));
    ++pos;
  }
  exponent = negative ? -value : value;
  return pos > start;
}

// Digits, grouped or not, then an optional fraction and (if allowed) exponent; nothing else.
bool scan_core(std::string_view core, const NumberLocale& locale, bool allow_exponent,
               DecimalParts& parts) {
  size_t pos = 0;
  size_t run = 0;     // digits since the last separator
  size_t groups = 0;  // separators seen
  size_t run_start = 0;
  size_t int_seen = 0;  // integer digits including leading zeros
  std::string_view separator;
  size_t stored = 0;
  while (pos < core.size()) {
    const char ch = core[pos];
    if (is_digit(ch)) {
      if (stored > 0 || ch != '0') {
        if (stored == kMaxNumberDigits) {
          return false;
        }
        parts.digits[stored++] = ch;
      }
      ++run;
      ++int_seen;
      ++pos;
      continue;
    }
    const size_t len = locale.group == locale.decimal ? 0 : group_len_at(core, pos, locale.group);
    if (len == 0) {
      break;
    }
    const bool first_ok = run >= 1 && run <= 3 && core[run_start] != '0';
    if ((groups == 0 && !first_ok) || (groups > 0 && run != 3)) {
      return false;
    }
    if (groups > 0 && core.substr(pos, len) != separator) {
      return false;
    }
    separator = core.substr(pos, len);
    ++groups;
    run = 0;
    pos += len;
    run_start = pos;
  }
  if (groups > 0 && run != 3) {
    return false;
  }
  parts.int_digits = stored;
  if (pos < core.size() && core[pos] == locale.decimal) {
    ++pos;
    const size_t frac_start = pos;
    while (pos < core.size() && is_digit(core[pos])) {
      if (stored == kMaxNumberDigits) {
        return false;
      }
      parts.digits[stored++] = core[pos++];
    }
    parts.frac_digits = pos - frac_start;
    if (parts.frac_digits == 0) {
      return false;  // "5." reads like a truncated value
    }
  } else if (int_seen == 0) {
    return false;
  }
  if (allow_exponent && !scan_exponent(core, pos, parts.exponent)) {
    return false;
  }
  return pos == core.size();
}

// The general grammar of value_parse.h: trims, recognises missing markers, peels parentheses,
// sign, currency and percent, then scans the digits.
ParseStatus scan_number(std::string_view text, const NumberLocale& locale, NumberForm form,
                        DecimalParts& parts) {
  std::string_view rest = trim_cell(text);
  if (is_missing_cell(rest)) {
    return ParseStatus::kMissing;
  }
  const bool parenthesised = rest.front() == '(';
  if (parenthesised != (rest.back() == ')')) {
    return ParseStatus::kInvalid;
  }
  if (parenthesised) {
    rest = trim_cell(rest.substr(1, rest.size() - 2));
    parts.negative = true;
  }
  if (form.percent && !rest.empty() && rest.back() == '%') {
    parts.percent = true;
    rest = trim_cell(rest.substr(0, rest.size() - 1));
  }
  auto take_sign = [&]() {
    if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
      parts.negative = parts.negative || rest.front() == '-';
      rest.remove_prefix(1);
      return true;
    }
    return false;
  };
  bool has_sign = take_sign();
  bool has_currency = false;
  if (const size_t len = marker_prefix_len(rest, locale); len > 0) {
    if (!form.currency || !is_currency_marker(rest.substr(0, len))) {
      return ParseStatus::kInvalid;
    }
    has_currency = true;
    rest = trim_cell(rest.substr(len));
    if (!has_sign) {
      has_sign = take_sign();
    } else if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
      return ParseStatus::kInvalid;
    }
  }
  if (has_sign && parenthesised) {
    return ParseStatus::kInvalid;
  }
  if (const size_t len = marker_suffix_len(rest, locale); len > 0) {
    const std::string_view marker = rest.substr(rest.size() - len);
    if (!form.currency || has_currency || !is_currency_marker(marker)) {
      return ParseStatus::kInvalid;
    }
    rest = trim_cell(rest.substr(0, rest.size() - len));
  }
  if (rest.empty() || !scan_core(rest, locale, form.exponent, parts)) {
    return ParseStatus::kInvalid;
  }
  return ParseStatus::kOk;
}

// magnitude * 10 + digit, failing past limit.
inline bool push_digit(uint64_t& magnitude, unsigned digit, uint64_t limit) {
  if (magnitude > (limit - digit) / 10) {
    return false;
  }
  magnitude = magnitude * 10 + digit;
  return true;
}

inline ParseStatus store_signed(uint64_t magnitude, bool negative, int64_t& out) {
  out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return ParseStatus::kOk;
}

// A correctly rounded double from the parts, via fast_float on a canonical "-0ddd.ddde-x" text
// (the leading '0' keeps it valid when the integer part was all zeros or absent).
ParseStatus parts_to_double(const DecimalParts& parts, double& out) {
  char buffer[kMaxNumberDigits + 24];
  char* cursor = buffer;
  if (parts.negative) {
    *cursor++ = '-';
  }
  *cursor++ = '0';
  std::memcpy(cursor, parts.digits, parts.int_digits);
  cursor += parts.int_digits;
  if (parts.frac_digits > 0) {
    *cursor++ = '.';
    std::memcpy(cursor, parts.digits + parts.int_digits, parts.frac_digits);
    cursor += parts.frac_digits;
  }
  *cursor++ = 'e';
  // The percent shift goes into the decimal exponent, so "12.3%" rounds once, to 0.123.
  const int exponent = parts.exponent - (parts.percent ? 2 : 0);
  cursor = std::to_chars(cursor, buffer + sizeof(buffer), exponent).ptr;
  double value = 0.0;
  const auto result = fast_float::from_chars(buffer, cursor, value);
  if (result.ec != std::errc() || result.ptr != cursor || !std::isfinite(value)) {
    return ParseStatus::kInvalid;
  }
  out = value;
  return ParseStatus::kOk;
}

}  // namespace

ParseStatus parse_count_general(std::string_view text, const NumberLocale& locale, int64_t& out) {
  DecimalParts parts;
  const ParseStatus status = scan_number(text, locale, NumberForm{}, parts);
  if (status != ParseStatus::kOk) {
    return status;
  }
  const uint64_t limit = kInt64Max + (parts.negative ? 1 : 0);
  uint64_t magnitude = 0;
  for (size_t i = 0; i < parts.int_digits; ++i) {
    if (!push_digit(magnitude, digit_value(parts.digits[i]), limit)) {
      return ParseStatus::kInvalid;
    }
  }
  for (size_t i = 0; i < parts.frac_digits; ++i) {
    if (parts.digits[parts.int_digits + i] != '0') {
      return ParseStatus::kInvalid;  // a count must be integral: "12.0" yes, "12.5" no
    }
  }
  return store_signed(magnitude, parts.negative, out);
}

ParseStatus parse_money_general(std::string_view text, const NumberLocale& locale,
                                int64_t& micros) {
  DecimalParts parts;
  const ParseStatus status = scan_number(text, locale, NumberForm{.currency = true}, parts);
  if (status != ParseStatus::kOk) {
    return status;
  }
  const uint64_t limit = kInt64Max + (parts.negative ? 1 : 0);
  uint64_t magnitude = 0;
  // The integer digits and the first six decimals, zero-padded, are the micros.
  const size_t present = parts.int_digits + parts.frac_digits;
  for (size_t i = 0; i < parts.int_digits + 6; ++i) {
    const unsigned digit = i < present ? digit_value(parts.digits[i]) : 0;
    if (!push_digit(magnitude, digit, limit)) {
      return ParseStatus::kInvalid;
    }
  }
  // Half away from zero: the magnitude rounds up when the seventh decimal is 5 or more.
  if (parts.frac_digits > 6 && parts.digits[parts.int_digits + 6] >= '5') {
    if (magnitude == limit) {
      return ParseStatus::kInvalid;
    }
    ++magnitude;
  }
  return store_signed(magnitude, parts.negative, micros);
}

ParseStatus parse_double_general(std::string_view text, const NumberLocale& locale, bool percent,
                                 double& out) {
  DecimalParts parts;
  const NumberForm form{.percent = percent, .exponent = true};
  const ParseStatus status = scan_number(text, locale, form, parts);
  if (status != ParseStatus::kOk) {
    return status;
  }
  return parts_to_double(parts, out);
}

}  // namespace adpilot::ingest
