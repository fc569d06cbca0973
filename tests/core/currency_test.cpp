#include "adpilot/core/currency.h"

#include <gtest/gtest.h>

#include <limits>

namespace adpilot {
namespace {

TEST(CurrencyMinorDigits, FollowsIso4217) {
  // ISO 4217 list one: exponents 0, 2 and 3 (and 4 for the Chilean unit of account).
  for (const char* code : {"JPY", "KRW", "CLP", "VND", "ISK", "PYG", "UGX", "XOF"}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(*currency_minor_digits(code), 0);
  }
  for (const char* code : {"USD", "EUR", "GBP", "CHF", "INR", "BRL", "HUF", "TWD"}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(*currency_minor_digits(code), 2);
  }
  for (const char* code : {"BHD", "KWD", "JOD", "OMR", "TND", "IQD", "LYD"}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(*currency_minor_digits(code), 3);
  }
  EXPECT_EQ(*currency_minor_digits("CLF"), 4);
}

TEST(CurrencyMinorDigits, UnknownAndUnitlessCodesAreErrors) {
  for (const char* code : {"", "usd", "US", "USDX", "ABC", "DEM"}) {
    SCOPED_TRACE(code);
    const auto digits = currency_minor_digits(code);
    ASSERT_FALSE(digits.ok());
    EXPECT_NE(digits.error().message.find("not an ISO 4217 currency code"), std::string::npos);
  }
  const auto gold = currency_minor_digits("XAU");
  ASSERT_FALSE(gold.ok());
  EXPECT_NE(gold.error().message.find("no minor unit"), std::string::npos);
}

TEST(CurrencyConversion, MicrosToMinorUnitsIsExact) {
  EXPECT_EQ(*currency_micros_to_minor(12'340'000, "USD"), 1234);
  EXPECT_EQ(*currency_micros_to_minor(5'000'000'000, "JPY"), 5000);
  EXPECT_EQ(*currency_micros_to_minor(12'345'000, "BHD"), 12345);
  EXPECT_EQ(*currency_micros_to_minor(-1'010'000, "EUR"), -101);
  EXPECT_EQ(*currency_micros_to_minor(0, "KRW"), 0);
  // Not a whole number of cents / yen: refused, never rounded silently.
  const auto cents = currency_micros_to_minor(12'345'000, "USD");
  ASSERT_FALSE(cents.ok());
  EXPECT_EQ(cents.error().code, ErrorCode::kData);
  EXPECT_NE(cents.error().message.find("12.345"), std::string::npos);
  EXPECT_FALSE(currency_micros_to_minor(1'500'000, "JPY").ok());
  EXPECT_FALSE(currency_micros_to_minor(1'000'000, "ZZZ").ok());
}

TEST(CurrencyConversion, MinorUnitsToMicrosAndBack) {
  EXPECT_EQ(*currency_minor_to_micros(1234, "USD"), 12'340'000);
  EXPECT_EQ(*currency_minor_to_micros(5000, "JPY"), 5'000'000'000);
  EXPECT_EQ(*currency_minor_to_micros(12345, "KWD"), 12'345'000);
  for (const char* code : {"USD", "JPY", "BHD", "CLF"}) {
    for (const int64_t minor : {int64_t{0}, int64_t{1}, int64_t{-7}, int64_t{987654321}}) {
      SCOPED_TRACE(code);
      EXPECT_EQ(*currency_micros_to_minor(*currency_minor_to_micros(minor, code), code), minor);
    }
  }
  const auto huge = currency_minor_to_micros(std::numeric_limits<int64_t>::max() / 100, "JPY");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().message.find("too large"), std::string::npos);
  EXPECT_FALSE(minor_units_to_micros(1, 7).ok());
  EXPECT_FALSE(micros_to_minor_units(1, -1).ok());
}

TEST(CurrencyConversion, RoundsHalvesAwayFromZero) {
  EXPECT_EQ(round_to_minor_unit(12'345'000, 2), 12'350'000);
  EXPECT_EQ(round_to_minor_unit(12'344'999, 2), 12'340'000);
  EXPECT_EQ(round_to_minor_unit(-12'345'000, 2), -12'350'000);
  EXPECT_EQ(round_to_minor_unit(1'499'999, 0), 1'000'000);
  EXPECT_EQ(round_to_minor_unit(1'500'000, 0), 2'000'000);
  EXPECT_EQ(round_to_minor_unit(1'234'567, 3), 1'235'000);
  EXPECT_EQ(round_to_minor_unit(7, 6), 7);
  EXPECT_EQ(micros_per_minor_unit(2), 10'000);
  EXPECT_EQ(micros_per_minor_unit(0), 1'000'000);
}

}  // namespace
}  // namespace adpilot
