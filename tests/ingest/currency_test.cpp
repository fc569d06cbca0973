#include "adpilot/ingest/detail/currency.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace adpilot::ingest {
namespace {

TEST(CurrencyIso, KnownCodes) {
  for (const std::string_view code :
       {"AED", "BRL", "CHF", "EUR", "GBP", "INR", "JPY", "USD", "XAU", "ZWL", "ZWG", "HRK"}) {
    SCOPED_TRACE(std::string(code));
    EXPECT_TRUE(is_iso_currency(code));
  }
}

TEST(CurrencyIso, Rejects) {
  for (const std::string_view code :
       {"", "US", "USDX", "usd", "Usd", "ABC", "EU", "$", "AAA", "ZZZ", "DEM", "US$"}) {
    SCOPED_TRACE(std::string(code));
    EXPECT_FALSE(is_iso_currency(code));
  }
}

TEST(CurrencyIso, EveryLetterTripleAgreesWithMinorDigits) {
  // Walks all 17,576 upper-case triples: the binary search must find exactly the listed codes
  // (a mis-sorted table would lose some), and only the metals and funds lack minor digits.
  int known = 0;
  std::string code = "AAA";
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      for (char c = 'A'; c <= 'Z'; ++c) {
        code = {a, b, c};
        const bool iso = is_iso_currency(code);
        known += iso ? 1 : 0;
        if (!iso) {
          EXPECT_EQ(currency_minor_digits(code), -1) << code;
        } else if (code[0] != 'X') {
          EXPECT_GE(currency_minor_digits(code), 0) << code;
        }
      }
    }
  }
  EXPECT_EQ(known, 183);
}

TEST(CurrencyMinorDigits, Table) {
  const struct {
    std::string_view code;
    int digits;
  } cases[] = {{"USD", 2},  {"EUR", 2},  {"GBP", 2},  {"JPY", 0}, {"KRW", 0},
               {"CLP", 0},  {"ISK", 0},  {"VND", 0},  {"PYG", 0}, {"XOF", 0},
               {"BHD", 3},  {"KWD", 3},  {"OMR", 3},  {"TND", 3}, {"JOD", 3},
               {"IQD", 3},  {"LYD", 3},  {"CLF", 4},  {"UYW", 4}, {"XAU", -1},
               {"XXX", -1}, {"XDR", -1}, {"ABC", -1}, {"", -1},   {"jpy", -1}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.code));
    EXPECT_EQ(currency_minor_digits(c.code), c.digits);
  }
}

TEST(CurrencySymbol, Table) {
  const struct {
    std::string_view symbol;
    std::string_view code;
  } cases[] = {{"$", "USD"},  {"US$", "USD"}, {"€", "EUR"},  {"£", "GBP"},  {"¥", "JPY"},
               {"₹", "INR"},  {"R$", "BRL"},  {"C$", "CAD"}, {"A$", "AUD"}, {"₩", "KRW"},
               {"zł", "PLN"}, {"₺", "TRY"},   {"kr", ""},    {"Rs", ""},    {"", ""},
               {"USD", ""},   {"$$", ""},     {"€ ", ""},    {"x", ""}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.symbol));
    EXPECT_EQ(currency_from_symbol(c.symbol), c.code);
  }
}

TEST(CurrencySymbol, Markers) {
  EXPECT_TRUE(is_currency_marker("$"));
  EXPECT_TRUE(is_currency_marker("EUR"));
  EXPECT_TRUE(is_currency_marker("kr"));
  EXPECT_FALSE(is_currency_marker("eur"));
  EXPECT_FALSE(is_currency_marker("abc"));
  EXPECT_FALSE(is_currency_marker(""));
}

TEST(CurrencyHeader, Table) {
  const struct {
    std::string_view header;
    std::string_view code;
  } cases[] = {{"Amount spent (USD)", "USD"},
               {"Amount spent (EUR)", "EUR"},
               {"Cost per result (GBP)", "GBP"},
               {"CPC (all) (JPY)", "JPY"},
               {"Cost [CHF]", "CHF"},
               {"(USD)", "USD"},
               {"Amount spent", ""},
               {"Amount spent (usd)", ""},
               {"Amount spent (ABC)", ""},
               {"Amount spent (USD", ""},
               {"Amount spent (USDX)", ""},
               {"ALL conversions", ""},
               {"", ""}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.header));
    EXPECT_EQ(currency_in_header(c.header), c.code);
  }
}

}  // namespace
}  // namespace adpilot::ingest
