// Date cells: parse_date, parse_month_name and infer_date_order from value_parse.h.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::ingest {
namespace {

constexpr ParseStatus kOk = ParseStatus::kOk;
constexpr ParseStatus kInvalid = ParseStatus::kInvalid;

struct DateCase {
  std::string_view text;
  ParseStatus status;
  int year = 0;
  int month = 0;
  int day = 0;
};

void check_dates(DateOrder order, std::initializer_list<DateCase> cases) {
  for (const DateCase& c : cases) {
    SCOPED_TRACE(std::string("cell \"") + std::string(c.text) + "\"");
    int32_t out = -42;
    EXPECT_EQ(parse_date(c.text, order, out), c.status);
    if (c.status == kOk) {
      EXPECT_EQ(format_date(out), format_date(date_from_civil(c.year, c.month, c.day)));
    } else {
      EXPECT_EQ(out, -42);
    }
  }
}

TEST(ValueDate, IsoAndYearFirst) {
  check_dates(DateOrder::kAuto, {{"2024-01-05", kOk, 2024, 1, 5},
                                 {"1970-01-01", kOk, 1970, 1, 1},
                                 {"2024-02-29", kOk, 2024, 2, 29},
                                 {" 2024-01-05 ", kOk, 2024, 1, 5},
                                 {"2024/01/05", kOk, 2024, 1, 5},
                                 {"2024.01.05", kOk, 2024, 1, 5},
                                 {"2024-1-5", kOk, 2024, 1, 5},
                                 {"20240105", kOk, 2024, 1, 5},
                                 {"0001-01-01", kOk, 1, 1, 1},
                                 {"9999-12-31", kOk, 9999, 12, 31}});
  int32_t out = 0;
  ASSERT_EQ(parse_date("1970-01-02", DateOrder::kAuto, out), kOk);
  EXPECT_EQ(out, 1);  // days since the epoch, as adpilot::Date
}

TEST(ValueDate, WithTimeIgnored) {
  check_dates(DateOrder::kAuto, {{"2024-01-05 13:00:00", kOk, 2024, 1, 5},
                                 {"2024-01-05T13:00:00Z", kOk, 2024, 1, 5},
                                 {"2024-01-05T13:00:00.123Z", kOk, 2024, 1, 5},
                                 {"2024-01-05T23:59:59+01:00", kOk, 2024, 1, 5},
                                 {"2024-01-05 13:00:00 -0500", kOk, 2024, 1, 5},
                                 {"2024-01-05 13:00 UTC", kOk, 2024, 1, 5},
                                 {"1/5/2024 1:00 PM", kOk, 2024, 1, 5},
                                 {"1/5/2024 12:30:15 am", kOk, 2024, 1, 5},
                                 {"05.01.2024 08:15", kOk, 2024, 1, 5},
                                 {"Jan 5, 2024 10:00", kOk, 2024, 1, 5}});
}

TEST(ValueDate, NumericOrder) {
  // kAuto: slashes and dashes are US month-first, dots are German day-first.
  check_dates(DateOrder::kAuto, {{"01/05/2024", kOk, 2024, 1, 5},
                                 {"1/5/2024", kOk, 2024, 1, 5},
                                 {"12/31/2024", kOk, 2024, 12, 31},
                                 {"01-05-2024", kOk, 2024, 1, 5},
                                 {"05.01.2024", kOk, 2024, 1, 5},
                                 {"5.1.2024", kOk, 2024, 1, 5},
                                 {"31/12/2024", kInvalid},
                                 {"12.31.2024", kInvalid}});
  check_dates(DateOrder::kDayFirst, {{"05/01/2024", kOk, 2024, 1, 5},
                                     {"31/12/2024", kOk, 2024, 12, 31},
                                     {"05.01.2024", kOk, 2024, 1, 5},
                                     {"12/31/2024", kInvalid}});
  check_dates(DateOrder::kMonthFirst, {{"05.01.2024", kOk, 2024, 5, 1},
                                       {"12/31/2024", kOk, 2024, 12, 31},
                                       {"2024-01-05", kOk, 2024, 1, 5}});  // year first stays
}

TEST(ValueDate, MonthNames) {
  check_dates(DateOrder::kAuto, {{"Jan 5, 2024", kOk, 2024, 1, 5},
                                 {"January 5, 2024", kOk, 2024, 1, 5},
                                 {"January 5 2024", kOk, 2024, 1, 5},
                                 {"Jan. 05, 2024", kOk, 2024, 1, 5},
                                 {"SEPT 30, 2024", kOk, 2024, 9, 30},
                                 {"5 Jan 2024", kOk, 2024, 1, 5},
                                 {"5 January 2024", kOk, 2024, 1, 5},
                                 {"5 January, 2024", kOk, 2024, 1, 5},
                                 {"05-Jan-2024", kOk, 2024, 1, 5},
                                 {"Fri, Jan 5, 2024", kOk, 2024, 1, 5},
                                 {"Friday, January 5, 2024", kOk, 2024, 1, 5},
                                 {"Fri 5 Jan 2024", kOk, 2024, 1, 5},
                                 {"fri, 01/05/2024", kOk, 2024, 1, 5}});
}

TEST(ValueDate, Rejects) {
  check_dates(DateOrder::kAuto, {{"2024-02-30", kInvalid},
                                 {"2023-02-29", kInvalid},
                                 {"2024-13-01", kInvalid},
                                 {"2024-00-10", kInvalid},
                                 {"0000-01-01", kInvalid},
                                 {"13/13/2024", kInvalid},
                                 {"0/5/2024", kInvalid},
                                 {"Jan 32, 2024", kInvalid},
                                 {"Feb 30, 2024", kInvalid},
                                 {"Foo 5, 2024", kInvalid},
                                 {"Jan5, 2024", kInvalid},
                                 {"Sat, Jan 5, 2024", kInvalid},  // 2024-01-05 was a Friday
                                 {"1/5/24", kInvalid},
                                 {"1/5-2024", kInvalid},
                                 {"2024-01-05x", kInvalid},
                                 {"2024-01-05 25:00", kInvalid},
                                 {"2024-01-05 13:00 PM", kInvalid},
                                 {"2024-01-05T", kInvalid},
                                 {"2024-01", kInvalid},
                                 {"202401051", kInvalid},
                                 {"2024", kInvalid},
                                 {"5", kInvalid},
                                 {"45296", kInvalid},  // an Excel serial day, not a date text
                                 {"Jan 2024", kInvalid},
                                 {"hello", kInvalid}});
}

TEST(ValueDate, MonthNameParser) {
  const struct {
    std::string_view text;
    int month;
  } cases[] = {{"Jan", 1},  {"jan.", 1},  {"January", 1}, {"APRIL", 4}, {"may", 5},
               {"Sept", 9}, {"Sep.", 9},  {"dec", 12},    {"", 0},      {"Ja", 0},
               {"Janu", 0}, {"Jan..", 0}, {"Mon", 0},     {"13", 0}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(parse_month_name(c.text), c.month);
  }
}

TEST(ValueDate, InferOrder) {
  using Samples = std::vector<std::string_view>;
  EXPECT_EQ(infer_date_order(Samples{"01/05/2024", "25/01/2024"}), DateOrder::kDayFirst);
  EXPECT_EQ(infer_date_order(Samples{"01/05/2024", "01/25/2024 13:00"}), DateOrder::kMonthFirst);
  EXPECT_EQ(infer_date_order(Samples{"01/05/2024", "12.11.2024"}), DateOrder::kAuto);
  EXPECT_EQ(infer_date_order(Samples{"2024-01-25", "Jan 25, 2024", "--", ""}), DateOrder::kAuto);
  EXPECT_EQ(infer_date_order(Samples{}), DateOrder::kAuto);
  // Contradictory samples: a first component over 12 wins, as documented.
  EXPECT_EQ(infer_date_order(Samples{"13/01/2024", "01/13/2024"}), DateOrder::kDayFirst);
  EXPECT_EQ(infer_date_order(Samples{" 31.12.2024 "}), DateOrder::kDayFirst);
  EXPECT_EQ(infer_date_order(Samples{"99/99/2024"}), DateOrder::kAuto);  // not a date at all
}

}  // namespace
}  // namespace adpilot::ingest
