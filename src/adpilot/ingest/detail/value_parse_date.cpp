// Date cells (declared in value_parse.h). The fast path reads the exact ISO form; everything
// else goes through a small cursor-based grammar: [weekday] date [time].
#include <string_view>

#include "adpilot/core/date.h"
#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::ingest {
namespace {

inline unsigned digit_value(char ch) {
  return static_cast<unsigned>(static_cast<uint8_t>(ch)) - '0';
}
inline bool is_digit(char ch) {
  return digit_value(ch) <= 9;
}
inline bool is_alpha(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
inline char lower(char ch) {
  return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

bool equals_folded(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (lower(text[i]) != lower_word[i]) {
      return false;
    }
  }
  return true;
}

// A read position in a trimmed cell; every read either consumes what it matched or nothing.
struct Cursor {
  std::string_view text;
  size_t pos = 0;

  bool done() const { return pos == text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }
  bool take(char ch) {
    if (peek() != ch) {
      return false;
    }
    ++pos;
    return true;
  }
  size_t skip_spaces() {
    const size_t start = pos;
    while (peek() == ' ') {
      ++pos;
    }
    return pos - start;
  }
  // A run of min..max digits, not followed by another digit.
  bool number(size_t min, size_t max, int& value) {
    size_t len = 0;
    int result = 0;
    while (pos + len < text.size() && is_digit(text[pos + len])) {
      if (len == max) {
        return false;
      }
      result = result * 10 + static_cast<int>(digit_value(text[pos + len]));
      ++len;
    }
    if (len < min) {
      return false;
    }
    pos += len;
    value = result;
    return true;
  }
  // Letters with an optional trailing '.', as in "Jan." or "Fri.".
  std::string_view word() {
    const size_t start = pos;
    while (is_alpha(peek())) {
      ++pos;
    }
    if (pos > start) {
      take('.');
    }
    return text.substr(start, pos - start);
  }
};

// 0 = Monday … 6 = Sunday as adpilot::weekday() counts, -1 if word is not a weekday.
int parse_weekday_name(std::string_view word) {
  static constexpr std::string_view kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                "friday", "saturday", "sunday"};
  if (!word.empty() && word.back() == '.') {
    word.remove_suffix(1);
  }
  for (int idx = 0; idx < 7; ++idx) {
    const std::string_view name = kNames[idx];
    if (equals_folded(word, name) || equals_folded(word, name.substr(0, 3)) ||
        (idx == 1 && equals_folded(word, "tues")) ||
        (idx == 3 && (equals_folded(word, "thur") || equals_folded(word, "thurs")))) {
      return idx;
    }
  }
  return -1;
}

// "13:00", "13:00:00.123", "1:00 PM", then an optional zone: "Z", "+01:00", "-0500", "UTC".
bool time_of_day(Cursor& cur) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  int fraction = 0;
  if (!cur.number(1, 2, hour) || !cur.take(':') || !cur.number(2, 2, minute)) {
    return false;
  }
  if (cur.take(':') && !cur.number(2, 2, second)) {
    return false;
  }
  if (cur.take('.') && !cur.number(1, 9, fraction)) {
    return false;
  }
  cur.skip_spaces();
  const size_t before_word = cur.pos;
  const std::string_view meridiem = cur.word();
  if (equals_folded(meridiem, "am") || equals_folded(meridiem, "pm")) {
    if (hour < 1 || hour > 12) {
      return false;
    }
    cur.skip_spaces();
  } else {
    cur.pos = before_word;
  }
  if (hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  const size_t before_zone = cur.pos;
  const std::string_view zone = cur.word();
  if (!equals_folded(zone, "z") && !equals_folded(zone, "utc") && !equals_folded(zone, "gmt")) {
    cur.pos = before_zone;
  }
  if (cur.take('+') || cur.take('-')) {
    int offset = 0;
    if (!cur.number(2, 4, offset)) {
      return false;
    }
    if (cur.take(':') && !cur.number(2, 2, offset)) {
      return false;
    }
  }
  return cur.done();
}

// The rest of the cell after the date: nothing, or a time after 'T' or spaces.
bool time_suffix(Cursor& cur) {
  if (cur.done()) {
    return true;
  }
  if (!cur.take('T') && cur.skip_spaces() == 0) {
    return false;
  }
  return time_of_day(cur);
}

// The part of "a?b?yyyy" after a, with ? one of / . - used twice; the cursor is just past a.
bool numeric_components(Cursor& cur, int& second, char& separator, int& year) {
  const char sep = cur.peek();
  if ((sep != '/' && sep != '.' && sep != '-') || !cur.take(sep) || !cur.number(1, 2, second) ||
      !cur.take(sep) || !cur.number(4, 4, year)) {
    return false;
  }
  separator = sep;
  return true;
}

// The date part, with the cursor just past any weekday prefix. Fills year/month/day.
bool date_body(Cursor& cur, DateOrder order, int& year, int& month, int& day) {
  if (is_alpha(cur.peek())) {
    // "Jan 5, 2024", "January 5 2024"
    month = parse_month_name(cur.word());
    if (month == 0 || cur.skip_spaces() == 0 || !cur.number(1, 2, day)) {
      return false;
    }
    const bool comma = cur.take(',');
    return (cur.skip_spaces() > 0 || comma) && cur.number(4, 4, year);
  }
  const size_t start = cur.pos;
  int lead = 0;
  if (cur.number(8, 8, lead)) {
    // "20240105"
    year = lead / 10000;
    month = lead / 100 % 100;
    day = lead % 100;
    return true;
  }
  if (cur.number(4, 4, year)) {
    // "2024-01-05", "2024/1/5", "2024.01.05"
    const char sep = cur.peek();
    return (sep == '-' || sep == '/' || sep == '.') && cur.take(sep) && cur.number(1, 2, month) &&
           cur.take(sep) && cur.number(1, 2, day);
  }
  cur.pos = start;
  if (!cur.number(1, 2, lead) || cur.done()) {
    return false;
  }
  day = lead;
  if (cur.skip_spaces() > 0) {
    // "5 Jan 2024", "5 January, 2024"
    month = parse_month_name(cur.word());
    const bool comma = cur.take(',');
    return month != 0 && (cur.skip_spaces() > 0 || comma) && cur.number(4, 4, year);
  }
  if (cur.peek() == '-' && cur.pos + 1 < cur.text.size() && is_alpha(cur.text[cur.pos + 1])) {
    // "05-Jan-2024"
    cur.take('-');
    month = parse_month_name(cur.word());
    return month != 0 && cur.take('-') && cur.number(4, 4, year);
  }
  int second = 0;
  char separator = 0;
  if (!numeric_components(cur, second, separator, year)) {
    return false;
  }
  if (order == DateOrder::kAuto) {
    order = separator == '.' ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
  }
  month = order == DateOrder::kMonthFirst ? lead : second;
  day = order == DateOrder::kMonthFirst ? second : lead;
  return true;
}

ParseStatus parse_date_general(std::string_view text, DateOrder order, int32_t& out) {
  const std::string_view trimmed = trim_cell(text);
  if (is_missing_cell(trimmed)) {
    return ParseStatus::kMissing;
  }
  Cursor cur{trimmed};
  int weekday_idx = -1;
  if (is_alpha(cur.peek())) {
    const std::string_view word = cur.word();
    weekday_idx = parse_weekday_name(word);
    if (weekday_idx < 0) {
      cur.pos = 0;  // not a weekday: the word is the month
    } else {
      const bool comma = cur.take(',');
      if (cur.skip_spaces() == 0 && !comma) {
        return ParseStatus::kInvalid;
      }
    }
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!date_body(cur, order, year, month, day) || !time_suffix(cur) ||
      !is_valid_civil(year, month, day)) {
    return ParseStatus::kInvalid;
  }
  const Date date = date_from_civil(year, month, day);
  if (weekday_idx >= 0 && weekday(date) != weekday_idx) {
    return ParseStatus::kInvalid;  // "Fri, Jan 6, 2024": one of the two is wrong
  }
  out = date;
  return ParseStatus::kOk;
}

}  // namespace

int parse_month_name(std::string_view text) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  if (!text.empty() && text.back() == '.') {
    text.remove_suffix(1);
  }
  for (int idx = 0; idx < 12; ++idx) {
    const std::string_view name = kNames[idx];
    if (equals_folded(text, name) || equals_folded(text, name.substr(0, 3)) ||
        (idx == 8 && equals_folded(text, "sept"))) {
      return idx + 1;
    }
  }
  return 0;
}

ParseStatus parse_date(std::string_view text, DateOrder order, int32_t& out) {
  // Fast path: "YYYY-MM-DD", digits checked together with one branch at the end.
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    unsigned bad = 0;
    auto digits = [&](size_t pos, size_t count) {
      int value = 0;
      for (size_t i = pos; i < pos + count; ++i) {
        const unsigned digit = digit_value(text[i]);
        bad |= static_cast<unsigned>(digit > 9);
        value = value * 10 + static_cast<int>(digit);
      }
      return value;
    };
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    const int day = digits(8, 2);
    if (bad == 0 && is_valid_civil(year, month, day)) {
      out = date_from_civil(year, month, day);
      return ParseStatus::kOk;
    }
  }
  return parse_date_general(text, order, out);
}

DateOrder infer_date_order(const std::vector<std::string_view>& samples) {
  bool first_over_12 = false;
  bool second_over_12 = false;
  for (const std::string_view sample : samples) {
    Cursor cur{trim_cell(sample)};
    int first = 0;
    int second = 0;
    int year = 0;
    char separator = 0;
    if (!cur.number(1, 2, first) || cur.done() ||
        !numeric_components(cur, second, separator, year) || first > 31 || second > 31) {
      continue;
    }
    first_over_12 = first_over_12 || first > 12;
    second_over_12 = second_over_12 || second > 12;
  }
  if (first_over_12) {
    return DateOrder::kDayFirst;
  }
  return second_over_12 ? DateOrder::kMonthFirst : DateOrder::kAuto;
}

}  // namespace adpilot::ingest
