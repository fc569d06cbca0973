#include "adpilot/core/table.h"

#include <gtest/gtest.h>

#include "adpilot/core/format_number.h"
#include "adpilot/core/money.h"
#include "adpilot/core/result.h"

namespace adpilot {
namespace {

TEST(DictionaryTest, InternsDenselyAndFindsAfterGrowth) {
  Dictionary dict;
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(dict.intern("value " + std::to_string(i)), i);
  }
  EXPECT_EQ(dict.intern("value 17"), 17);
  EXPECT_EQ(dict.find("value 4999"), 4999);
  EXPECT_EQ(dict.find("absent"), -1);
  EXPECT_EQ(dict.at(42), "value 42");
  EXPECT_EQ(dict.intern(""), 5000);
}

TEST(TableTest, AppendRemapsCodesAndUnitesSchemas) {
  Table a;
  a.add_column("campaign_id", ColumnType::kString).append_string("c1");
  Table b;
  Column& id = b.add_column("campaign_id", ColumnType::kString);
  id.append_string("c2");
  id.append_string("c1");
  Column& clicks = b.add_column("clicks", ColumnType::kInt64);
  clicks.resize(2);
  clicks.i64()[1] = 7;
  clicks.valid()[1] = 1;
  a.append(b);
  ASSERT_EQ(a.num_rows(), 3U);
  EXPECT_EQ(a.find("campaign_id")->str(0), "c1");
  EXPECT_EQ(a.find("campaign_id")->str(1), "c2");
  EXPECT_EQ(a.find("campaign_id")->i32()[2], a.find("campaign_id")->i32()[0]);
  const Column* merged = a.find("clicks");
  ASSERT_NE(merged, nullptr);
  EXPECT_FALSE(merged->is_valid(0));  // the first table had no clicks column
  EXPECT_FALSE(merged->is_valid(1));
  EXPECT_EQ(merged->i64()[2], 7);
}

TEST(TableTest, AppendRejectsTypeConflicts) {
  Table a;
  a.add_column("cost", ColumnType::kMoney);
  Table b;
  b.add_column("cost", ColumnType::kDouble);
  EXPECT_THROW(a.append(b), ErrorException);
}

TEST(TableTest, FilterTakeAndSelect) {
  Table t;
  Column& n = t.add_column("n", ColumnType::kInt64);
  Column& s = t.add_column("s", ColumnType::kString);
  for (int i = 0; i < 5; ++i) {
    n.i64().push_back(i);
    n.valid().push_back(1);
    s.append_string(i % 2 == 0 ? "even" : "odd");
  }
  t.filter({1, 0, 1, 0, 1});
  ASSERT_EQ(t.num_rows(), 3U);
  EXPECT_EQ(t.find("n")->i64()[2], 4);
  const Table reversed = t.take({2, 1, 0});
  EXPECT_EQ(reversed.find("n")->i64()[0], 4);
  EXPECT_EQ(reversed.find("s")->str(0), "even");
  const Table only = t.select({"s", "absent"});
  ASSERT_EQ(only.num_columns(), 1U);
  EXPECT_EQ(only.column(0).name(), "s");
}

TEST(MoneyTest, PlainFormattingIsExact) {
  EXPECT_EQ(format_micros_plain(1'234'500'000), "1234.5");
  EXPECT_EQ(format_micros_plain(-1), "-0.000001");
  EXPECT_EQ(format_micros_plain(0), "0");
  EXPECT_EQ(format_micros_plain(149'710'000), "149.71");
  EXPECT_EQ(units_to_micros(1.43), 1'430'000);
}

TEST(FormatNumberTest, PeopleFormats) {
  EXPECT_EQ(format_count(1234567, 0), "1,234,567");
  EXPECT_EQ(format_count(999, 0), "999");
  EXPECT_EQ(format_money(-1234.5, "$"), "-$1,234.50");
  EXPECT_EQ(format_percent(0.01234), "1.23%");
  EXPECT_EQ(format_percent(0.0000523), "0.0052%");
  EXPECT_EQ(format_kpi(3.14159, "ratio", "$"), "3.14");
  EXPECT_EQ(display_width("—"), 1U);
}

}  // namespace
}  // namespace adpilot
