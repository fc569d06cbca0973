// Number cells: parse_count, parse_money, parse_decimal, parse_ratio and the missing markers.
// Dates are in value_parse_date_test.cpp.
#include "adpilot/ingest/detail/value_parse.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace adpilot::ingest {
namespace {

constexpr ParseStatus kOk = ParseStatus::kOk;
constexpr ParseStatus kMissing = ParseStatus::kMissing;
constexpr ParseStatus kInvalid = ParseStatus::kInvalid;

const NumberLocale kUs{};
const NumberLocale kGerman{',', '.'};
const NumberLocale kFrench{',', ' '};

struct IntCase {
  std::string_view text;
  ParseStatus status;
  int64_t value = 0;
};

struct DoubleCase {
  std::string_view text;
  ParseStatus status;
  double value = 0.0;
};

// Runs every case; out must be untouched unless the status is kOk.
template <typename Fn>
void check_int(Fn parse, const NumberLocale& locale, std::initializer_list<IntCase> cases) {
  for (const IntCase& c : cases) {
    SCOPED_TRACE(std::string("cell \"") + std::string(c.text) + "\"");
    int64_t out = -42;
    EXPECT_EQ(parse(c.text, locale, out), c.status);
    EXPECT_EQ(out, c.status == kOk ? c.value : -42);
  }
}

template <typename Fn>
void check_double(Fn parse, const NumberLocale& locale, std::initializer_list<DoubleCase> cases) {
  for (const DoubleCase& c : cases) {
    SCOPED_TRACE(std::string("cell \"") + std::string(c.text) + "\"");
    double out = -42.0;
    EXPECT_EQ(parse(c.text, locale, out), c.status);
    // Exact equality on purpose: every accepted value must be the correctly rounded double.
    EXPECT_EQ(out, c.status == kOk ? c.value : -42.0);
  }
}

TEST(ValueMissing, EveryMarkerInEveryParser) {
  for (const std::string_view text : {"", "   ", "\t", "--", " -- ", "-", "N/A", "n/a", "#N/A",
                                      "NA", "null", "NULL", "None", "nan", "NaN", "\xC2\xA0"}) {
    SCOPED_TRACE(std::string(text));
    int64_t integer = 0;
    double real = 0.0;
    int32_t date = 0;
    EXPECT_EQ(parse_count(text, kUs, integer), kMissing);
    EXPECT_EQ(parse_money(text, kUs, integer), kMissing);
    EXPECT_EQ(parse_decimal(text, kUs, real), kMissing);
    EXPECT_EQ(parse_ratio(text, kUs, real), kMissing);
    EXPECT_EQ(parse_date(text, DateOrder::kAuto, date), kMissing);
  }
}

TEST(ValueMissing, TrimCell) {
  EXPECT_EQ(trim_cell(" \t12\r\n"), "12");
  EXPECT_EQ(trim_cell("\xC2\xA0"
                      "12\xE2\x80\xAF"),
            "12");
  EXPECT_EQ(trim_cell("1 2"), "1 2");
  EXPECT_TRUE(is_missing_cell("#n/a"));
  EXPECT_FALSE(is_missing_cell("nana"));
  EXPECT_FALSE(is_missing_cell("0"));
}

TEST(ValueCount, AcceptedForms) {
  check_int(parse_count, kUs,
            {{"0", kOk, 0},
             {"12345", kOk, 12345},
             {"007", kOk, 7},
             {"999999999999999999", kOk, 999999999999999999},  // 18 digits: fast path
             {"9223372036854775807", kOk, INT64_MAX},          // 19 digits: general path
             {"-9223372036854775808", kOk, INT64_MIN},
             {"1,234", kOk, 1234},
             {"1,234,567", kOk, 1234567},
             {" 42 ", kOk, 42},
             {"+5", kOk, 5},
             {"-5", kOk, -5},
             {"(17)", kOk, -17},
             {"( 1,000 )", kOk, -1000},
             {"12.0", kOk, 12},
             {"12.000", kOk, 12},
             {"0.0", kOk, 0}});
}

TEST(ValueCount, Rejects) {
  check_int(parse_count, kUs,
            {{"12.5", kInvalid},
             {"1e3", kInvalid},
             {"12abc", kInvalid},
             {"abc", kInvalid},
             {"1,23", kInvalid},
             {"1,2345", kInvalid},
             {"1234,567", kInvalid},
             {"0,123", kInvalid},
             {"1,234,", kInvalid},
             {",123", kInvalid},
             {"1,,234", kInvalid},
             {"1.2.3", kInvalid},
             {"--5", kInvalid},
             {"+-5", kInvalid},
             {"- 5", kInvalid},
             {"5-", kInvalid},
             {"(12", kInvalid},
             {"12)", kInvalid},
             {"(-12)", kInvalid},
             {"()", kInvalid},
             {"+", kInvalid},
             {"12.", kInvalid},
             {"$12", kInvalid},  // currency marks a money column, not a count
             {"12%", kInvalid},
             {"9223372036854775808", kInvalid},
             {"-9223372036854775809", kInvalid},
             {"1 234", kInvalid},
             {"inf", kInvalid}});
}

TEST(ValueCount, EuropeanLocales) {
  check_int(parse_count, kGerman,
            {{"1.234", kOk, 1234},
             {"1.234.567", kOk, 1234567},
             {"12,0", kOk, 12},
             {"1,234", kInvalid},
             {"1.23", kInvalid},
             {"12,5", kInvalid}});
  check_int(parse_count, kFrench,
            {{"1 234", kOk, 1234},
             {"1\xC2\xA0"
              "234",
              kOk, 1234},
             {"1\xE2\x80\xAF"
              "234\xE2\x80\xAF"
              "567",
              kOk, 1234567},
             {"1 234\xC2\xA0"
              "567",
              kInvalid},  // one number, one separator
             {"1.234", kInvalid}});
}

TEST(ValueMoney, AcceptedForms) {
  check_int(parse_money, kUs,
            {{"0", kOk, 0},
             {"12", kOk, 12'000'000},
             {"912.345678", kOk, 912'345'678},
             {"0.01", kOk, 10'000},
             {".5", kOk, 500'000},
             {"1,234.56", kOk, 1'234'560'000},
             {"$1,234.56", kOk, 1'234'560'000},
             {"$ 12", kOk, 12'000'000},
             {"$.50", kOk, 500'000},
             {"€12", kOk, 12'000'000},
             {"£3", kOk, 3'000'000},
             {"¥100", kOk, 100'000'000},
             {"US$5", kOk, 5'000'000},
             {"R$7.5", kOk, 7'500'000},
             {"USD 12.50", kOk, 12'500'000},
             {"12.50 USD", kOk, 12'500'000},
             {"12.50USD", kOk, 12'500'000},
             {"12 kr", kOk, 12'000'000},  // marker known, currency ambiguous
             {"-12.50", kOk, -12'500'000},
             {"-$12.50", kOk, -12'500'000},
             {"$-12.50", kOk, -12'500'000},
             {"(12.50)", kOk, -12'500'000},
             {"($1,000.00)", kOk, -1'000'000'000},
             {"+3.25", kOk, 3'250'000},
             {"123456789012.345678", kOk, 123'456'789'012'345'678},
             {"9223372036854.775807", kOk, INT64_MAX},
             {"-9223372036854.775808", kOk, INT64_MIN}});
}

TEST(ValueMoney, RoundsHalfAwayFromZeroPastSixDecimals) {
  check_int(parse_money, kUs,
            {{"1.429999948", kOk, 1'430'000},
             {"1.2345674", kOk, 1'234'567},
             {"1.2345675", kOk, 1'234'568},
             {"1.23456749999", kOk, 1'234'567},
             {"0.0000005", kOk, 1},
             {"0.0000004999", kOk, 0},
             {"-0.0000005", kOk, -1},
             {"(0.0000005)", kOk, -1},
             {"-1.2345675", kOk, -1'234'568},
             {"9223372036854.7758074", kOk, INT64_MAX},
             {"9223372036854.7758075", kInvalid}});  // rounds past int64
}

TEST(ValueMoney, Rejects) {
  check_int(parse_money, kUs,
            {{"$", kInvalid},
             {"USD", kInvalid},
             {"12abc", kInvalid},
             {"abc12", kInvalid},
             {"XYZ 12", kInvalid},  // not an ISO code
             {"$12 USD", kInvalid},
             {"$$12", kInvalid},
             {"1,23", kInvalid},
             {"1.2.3", kInvalid},
             {"--5", kInvalid},
             {"-$-5", kInvalid},
             {"(12", kInvalid},
             {"(-12)", kInvalid},
             {"12%", kInvalid},
             {"1e3", kInvalid},
             {"12.", kInvalid},
             {"9223372036854.775808", kInvalid},
             {"10000000000000", kInvalid},
             {"99999999999999999999999", kInvalid},
             {std::string_view("1\0"
                               "2",
                               3),
              kInvalid}});
}

TEST(ValueMoney, EuropeanLocale) {
  check_int(parse_money, kGerman,
            {{"12,50", kOk, 12'500'000},
             {"12,50 €", kOk, 12'500'000},
             {"12,50\xC2\xA0€", kOk, 12'500'000},
             {"12,50€", kOk, 12'500'000},
             {"€ 1.234,56", kOk, 1'234'560'000},
             {"-1.234,56 EUR", kOk, -1'234'560'000},
             {"1.234.567,891234", kOk, 1'234'567'891'234},
             {"12.50", kInvalid},
             {"1,234.56", kInvalid}});
  check_int(parse_money, kFrench,
            {{"1 234,56 €", kOk, 1'234'560'000},
             {"1\xE2\x80\xAF"
              "234,56\xC2\xA0€",
              kOk, 1'234'560'000}});
}

TEST(ValueMoney, SumsAreExact) {
  // The reason money is micros: 0.1 + 0.1 + 0.1 is exactly 0.3 here, unlike in doubles.
  int64_t total = 0;
  for (int i = 0; i < 3; ++i) {
    int64_t micros = 0;
    ASSERT_EQ(parse_money("0.1", kUs, micros), kOk);
    total += micros;
  }
  EXPECT_EQ(total, 300'000);
  // Every 18-significant-digit amount with six decimals round-trips digit for digit.
  int64_t micros = 0;
  ASSERT_EQ(parse_money("987654321098.765432", kUs, micros), kOk);
  EXPECT_EQ(micros, 987'654'321'098'765'432);
}

TEST(ValueMoney, FastAndGeneralPathsAgree) {
  // "1234.5" takes the fast path, " 1234.5" the general one; both must give the same micros.
  for (const std::string_view text : {"0", "1", "1234.5", "999999999999.999999", "0.000001"}) {
    SCOPED_TRACE(std::string(text));
    int64_t fast = 0;
    int64_t general = 0;
    ASSERT_EQ(parse_money(text, kUs, fast), kOk);
    std::string padded(1, ' ');
    padded += text;
    ASSERT_EQ(parse_money(padded, kUs, general), kOk);
    EXPECT_EQ(fast, general);
  }
}

TEST(ValueDecimal, AcceptedForms) {
  check_double(parse_decimal, kUs,
               {{"12.5", kOk, 12.5},
                {"1,234.75", kOk, 1234.75},
                {"0.1", kOk, 0.1},
                {".25", kOk, 0.25},
                {"-3.5", kOk, -3.5},
                {"+3.5", kOk, 3.5},
                {"(3.5)", kOk, -3.5},
                {" 7 ", kOk, 7.0},
                {"1.5E-05", kOk, 1.5e-05},
                {"2e3", kOk, 2000.0},
                {"123456789012345678901234567890", kOk, 123456789012345678901234567890.0},
                {"0.30000000000000004", kOk, 0.30000000000000004}});
  check_double(parse_decimal, kGerman, {{"1.234,75", kOk, 1234.75}, {"0,5", kOk, 0.5}});
}

TEST(ValueDecimal, Rejects) {
  check_double(parse_decimal, kUs,
               {{"12abc", kInvalid},
                {"1,23", kInvalid},
                {"1.2.3", kInvalid},
                {"--5", kInvalid},
                {"(12", kInvalid},
                {"$12.5", kInvalid},
                {"12.5%", kInvalid},
                {"inf", kInvalid},
                {"infinity", kInvalid},
                {"1e999", kInvalid},
                {"1e", kInvalid},
                {"1e+", kInvalid},
                {"e5", kInvalid},
                {"12.", kInvalid},
                {"5.e3", kInvalid},
                {"0e99999", kInvalid},
                {"0x1p3", kInvalid}});
  check_double(parse_decimal, kGerman, {{"12.5", kInvalid}, {"20,e6", kInvalid}});
}

TEST(ValueRatio, PercentAndPlain) {
  check_double(parse_ratio, kUs,
               {{"0.123", kOk, 0.123},
                {"12.3%", kOk, 0.123},
                {"12.3 %", kOk, 0.123},
                {"3.45%", kOk, 0.0345},
                {"100%", kOk, 1.0},
                {"0%", kOk, 0.0},
                {"-5%", kOk, -0.05},
                {"(5%)", kOk, -0.05},
                {"1,250%", kOk, 12.5},
                {"0.07%", kOk, 0.0007},
                {".5%", kOk, 0.005}});
  check_double(parse_ratio, kGerman, {{"12,3 %", kOk, 0.123}, {"0,123", kOk, 0.123}});
}

TEST(ValueRatio, Rejects) {
  check_double(parse_ratio, kUs,
               {{"%", kInvalid},
                {"12%%", kInvalid},
                {"%12", kInvalid},
                {"12.3%abc", kInvalid},
                {"$12%", kInvalid},
                {"< 10%", kInvalid},  // Google Ads' censored impression share is not a value
                {"1.2.3%", kInvalid}});
  check_double(parse_ratio, kGerman, {{"12.3%", kInvalid}});
}

}  // namespace
}  // namespace adpilot::ingest
