// Date: days since 1970-01-01 as int32, the storage type of every date column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace adpilot {

using Date = int32_t;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Proleptic Gregorian conversions (H. Hinnant's algorithms), valid for any int32 day count.
Date date_from_civil(int year, int month, int day);
CivilDate civil_from_date(Date date);
bool is_valid_civil(int year, int month, int day);
int days_in_month(int year, int month);

// 0 = Monday … 6 = Sunday (ISO 8601).
int weekday(Date date);
Date week_start(Date date);   // the Monday on or before date
Date month_start(Date date);  // the first of date's month

// "2024-01-05"
std::string format_date(Date date);
// Strict ISO "YYYY-MM-DD" only; see ingest's value parser for the other layouts.
std::optional<Date> parse_iso_date(std::string_view text);

}  // namespace adpilot
