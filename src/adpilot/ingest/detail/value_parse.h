// Cell-value parsers for the ingest hot path: counts, money, decimals, ratios and dates.
//
// They run once per cell over files of tens of millions of rows, so none allocates, and each
// tries a branch-light fast path for the common plain form ("12345", "912.345678",
// "2024-01-05") before the general grammar below.
//
// Missing: after trimming, a cell is kMissing when it is empty or, ignoring case, one of
//   "-"  "--"  "n/a"  "#n/a"  "na"  "null"  "none"  "nan"
// ("--" is Google Ads' empty metric, "#N/A" Excel's, "None"/"nan" those of pandas exports).
// This holds for every parser, dates included.
//
// Trimming removes ASCII whitespace, U+00A0 and U+202F at both ends. Every parser leaves its
// output untouched unless it returns kOk.
//
// Numbers: [sign] [currency] [sign] digits [decimal digits] [currency] [%], or the same inside
// parentheses for a negative ("(12.50)", "($12.50)"); at most one sign, and none inside
// parentheses. Rules:
//   - Group separators (NumberLocale::group) are allowed only left of the decimal separator and
//     only between groups of exactly three digits after a first group of one to three that does
//     not start with 0: "1,234,567" ok; "1,23", "1234,567", "0,123", "1,234," rejected. One
//     number uses one separator character throughout.
//   - group == ' ' accepts a space, U+00A0 and U+202F (French and Nordic exports).
//   - ".5" is accepted, "5." is not; at most 100 digits.
//   - Currency (parse_money only): one symbol or ISO code before or after the number, with or
//     without a space: "$1,234.56", "US$5", "USD 12.50", "12.50 USD", "12,50 €", "$-3".
//     parse_count and parse_decimal reject it, so type detection can tell a money column from a
//     count column by its cells.
//   - '%' (parse_ratio only): a trailing percent sign, optionally after a space; divides by 100.
//   - Exponents ("1.5E-05", as spreadsheets write small ratios) only in parse_decimal and
//     parse_ratio; counts and money are exact decimal and reject them.
//   - Anything else, such as letters, a second decimal separator, a lone sign or an unbalanced
//     parenthesis, is kInvalid.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace adpilot::ingest {

enum class ParseStatus : uint8_t { kOk, kMissing, kInvalid };

// text without leading and trailing ASCII whitespace, U+00A0 and U+202F:
// trim_cell(" 12\t") == "12".
std::string_view trim_cell(std::string_view text);

// True for a trimmed cell that means "no value" (the list above): is_missing_cell("--").
bool is_missing_cell(std::string_view trimmed);

// How numbers are written. US/UK exports use the default; European ones decimal ',' with group
// '.' or ' '. decimal and group must differ.
struct NumberLocale {
  char decimal = '.';
  char group = ',';
};

// An integer count: parse_count("1,234", {}, n) sets n = 1234. "12.0" is accepted (integral);
// "12.5" and "1e3" are kInvalid, as is a value outside int64.
ParseStatus parse_count(std::string_view text, const NumberLocale& locale, int64_t& out);

// An amount as exact micros (no double round-trip): parse_money("$1,234.56", {}, m) sets
// m = 1234560000. Digits beyond the sixth decimal round half away from zero ("1.429999948" →
// 1430000, "-0.0000005" → -1); a result outside int64 is kInvalid.
ParseStatus parse_money(std::string_view text, const NumberLocale& locale, int64_t& micros);

// A fractional count such as conversions: parse_decimal("1,234.75", {}, x) sets x = 1234.75,
// correctly rounded. Infinities and NaN spellings are never kOk.
ParseStatus parse_decimal(std::string_view text, const NumberLocale& locale, double& out);

// A ratio: "12.3%" and "0.123" both give 0.123 (the percent shift is exact in decimal, not a
// division of the rounded double).
ParseStatus parse_ratio(std::string_view text, const NumberLocale& locale, double& out);

// Which component comes first in a numeric date without a leading year.
// kAuto follows the separator: a/b/yyyy and a-b-yyyy are month first (US, Google Ads),
// a.b.yyyy is day first (German Meta exports).
enum class DateOrder : uint8_t { kAuto, kMonthFirst, kDayFirst };

// A date as days since 1970-01-01 (adpilot::Date). Accepted layouts:
//   "2024-01-05" (fast path), "2024/01/05", "2024.01.05", "20240105";
//   "01/05/2024", "1/5/2024", "05.01.2024", "01-05-2024" (component order from order);
//   "Jan 5, 2024", "January 5 2024", "Jan. 5, 2024", "5 Jan 2024", "5 January, 2024",
//   "05-Jan-2024", each optionally after a weekday ("Fri, Jan 5, 2024"), which must match;
//   any of these followed by a time, which is ignored: "2024-01-05 13:00:00",
//   "2024-01-05T13:00:00.000Z", "1/5/2024 1:00 PM", "2024-01-05 13:00:00 +01:00".
// Years have four digits (two-digit years are ambiguous across centuries and rejected) and lie
// in 1..9999; impossible dates ("2024-02-30", "13/13/2024", "Jan 32, 2024") are kInvalid.
ParseStatus parse_date(std::string_view text, DateOrder order, int32_t& out);

// 1..12 for an English month name, full or abbreviated to three letters (or "Sept"), any case,
// with an optional trailing '.': "Jan", "january", "jan.", "APRIL", "Sept" → 1, 1, 1, 4, 9.
// 0 when text is not a month.
int parse_month_name(std::string_view text);

// The order that fits a column's numeric dates without a leading year, judged from samples:
// kDayFirst if any first component exceeds 12 ("25/01/2024"), else kMonthFirst if any second
// component does ("01/25/2024"), else kAuto. Other layouts and unparseable samples are ignored.
DateOrder infer_date_order(const std::vector<std::string_view>& samples);

}  // namespace adpilot::ingest
