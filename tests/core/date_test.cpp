#include "adpilot/core/date.h"

#include <gtest/gtest.h>

namespace adpilot {
namespace {

TEST(DateTest, EpochAndKnownDays) {
  EXPECT_EQ(date_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(date_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(date_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(format_date(date_from_civil(2024, 2, 29)), "2024-02-29");
}

TEST(DateTest, RoundTripsEveryDayOfFourCenturies) {
  for (Date d = date_from_civil(1900, 1, 1); d < date_from_civil(2300, 1, 1); ++d) {
    const CivilDate c = civil_from_date(d);
    ASSERT_EQ(date_from_civil(c.year, c.month, c.day), d);
    ASSERT_TRUE(is_valid_civil(c.year, c.month, c.day));
  }
}

TEST(DateTest, WeekdayWeekAndMonthStart) {
  EXPECT_EQ(weekday(0), 3);  // 1970-01-01 was a Thursday
  const Date sunday = date_from_civil(2024, 1, 7);
  EXPECT_EQ(weekday(sunday), 6);
  EXPECT_EQ(format_date(week_start(sunday)), "2024-01-01");
  EXPECT_EQ(format_date(week_start(date_from_civil(2024, 1, 1))), "2024-01-01");
  EXPECT_EQ(format_date(month_start(date_from_civil(2024, 2, 29))), "2024-02-01");
  EXPECT_EQ(format_date(week_start(date_from_civil(1969, 12, 31))), "1969-12-29");
}

TEST(DateTest, ParseIsoRejectsBadDates) {
  EXPECT_EQ(parse_iso_date("2024-01-05"), date_from_civil(2024, 1, 5));
  EXPECT_FALSE(parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2024-1-05").has_value());
  EXPECT_FALSE(parse_iso_date("2024-13-01").has_value());
  EXPECT_FALSE(parse_iso_date("").has_value());
}

}  // namespace
}  // namespace adpilot
