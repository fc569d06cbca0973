#include "adpilot/core/date.h"

#include <fmt/format.h>

namespace adpilot {

Date date_from_civil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_date(Date date) {
  const int z = date + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{year, month, day};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool is_valid_civil(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

int weekday(Date date) {
  // 1970-01-01 was a Thursday (ISO weekday index 3).
  const int w = (date + 3) % 7;
  return w < 0 ? w + 7 : w;
}

Date week_start(Date date) { return date - weekday(date); }

Date month_start(Date date) {
  const CivilDate c = civil_from_date(date);
  return date_from_civil(c.year, c.month, 1);
}

std::string format_date(Date date) {
  const CivilDate c = civil_from_date(date);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  auto digits = [&](size_t pos, size_t count, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
      const char ch = text[i];
      if (ch < '0' || ch > '9') {
        return false;
      }
      out = out * 10 + (ch - '0');
    }
    return true;
  };
  int year = 0;
  int month = 0;
  int day = 0;
  if (!digits(0, 4, year) || !digits(5, 2, month) || !digits(8, 2, day) ||
      !is_valid_civil(year, month, day)) {
    return std::nullopt;
  }
  return date_from_civil(year, month, day);
}

}  // namespace adpilot
