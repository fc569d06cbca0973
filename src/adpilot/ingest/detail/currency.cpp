#include "adpilot/ingest/detail/currency.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace adpilot::ingest {
namespace {

struct CurrencyInfo {
  std::string_view code;
  int8_t minor_digits;  // -1: ISO defines no minor unit
};

// Sorted by code for binary search; a test checks the order. Minor digits per ISO 4217.
constexpr CurrencyInfo kCurrencies[] = {
    {"AED", 2},  {"AFN", 2},  {"ALL", 2},  {"AMD", 2},  {"ANG", 2},  {"AOA", 2},  {"ARS", 2},
    {"AUD", 2},  {"AWG", 2},  {"AZN", 2},  {"BAM", 2},  {"BBD", 2},  {"BDT", 2},  {"BGN", 2},
    {"BHD", 3},  {"BIF", 0},  {"BMD", 2},  {"BND", 2},  {"BOB", 2},  {"BOV", 2},  {"BRL", 2},
    {"BSD", 2},  {"BTN", 2},  {"BWP", 2},  {"BYN", 2},  {"BZD", 2},  {"CAD", 2},  {"CDF", 2},
    {"CHE", 2},  {"CHF", 2},  {"CHW", 2},  {"CLF", 4},  {"CLP", 0},  {"CNY", 2},  {"COP", 2},
    {"COU", 2},  {"CRC", 2},  {"CUC", 2},  {"CUP", 2},  {"CVE", 2},  {"CZK", 2},  {"DJF", 0},
    {"DKK", 2},  {"DOP", 2},  {"DZD", 2},  {"EGP", 2},  {"ERN", 2},  {"ETB", 2},  {"EUR", 2},
    {"FJD", 2},  {"FKP", 2},  {"GBP", 2},  {"GEL", 2},  {"GHS", 2},  {"GIP", 2},  {"GMD", 2},
    {"GNF", 0},  {"GTQ", 2},  {"GYD", 2},  {"HKD", 2},  {"HNL", 2},  {"HRK", 2},  {"HTG", 2},
    {"HUF", 2},  {"IDR", 2},  {"ILS", 2},  {"INR", 2},  {"IQD", 3},  {"IRR", 2},  {"ISK", 0},
    {"JMD", 2},  {"JOD", 3},  {"JPY", 0},  {"KES", 2},  {"KGS", 2},  {"KHR", 2},  {"KMF", 0},
    {"KPW", 2},  {"KRW", 0},  {"KWD", 3},  {"KYD", 2},  {"KZT", 2},  {"LAK", 2},  {"LBP", 2},
    {"LKR", 2},  {"LRD", 2},  {"LSL", 2},  {"LYD", 3},  {"MAD", 2},  {"MDL", 2},  {"MGA", 2},
    {"MKD", 2},  {"MMK", 2},  {"MNT", 2},  {"MOP", 2},  {"MRU", 2},  {"MUR", 2},  {"MVR", 2},
    {"MWK", 2},  {"MXN", 2},  {"MXV", 2},  {"MYR", 2},  {"MZN", 2},  {"NAD", 2},  {"NGN", 2},
    {"NIO", 2},  {"NOK", 2},  {"NPR", 2},  {"NZD", 2},  {"OMR", 3},  {"PAB", 2},  {"PEN", 2},
    {"PGK", 2},  {"PHP", 2},  {"PKR", 2},  {"PLN", 2},  {"PYG", 0},  {"QAR", 2},  {"RON", 2},
    {"RSD", 2},  {"RUB", 2},  {"RWF", 0},  {"SAR", 2},  {"SBD", 2},  {"SCR", 2},  {"SDG", 2},
    {"SEK", 2},  {"SGD", 2},  {"SHP", 2},  {"SLE", 2},  {"SLL", 2},  {"SOS", 2},  {"SRD", 2},
    {"SSP", 2},  {"STN", 2},  {"SVC", 2},  {"SYP", 2},  {"SZL", 2},  {"THB", 2},  {"TJS", 2},
    {"TMT", 2},  {"TND", 3},  {"TOP", 2},  {"TRY", 2},  {"TTD", 2},  {"TWD", 2},  {"TZS", 2},
    {"UAH", 2},  {"UGX", 0},  {"USD", 2},  {"USN", 2},  {"UYI", 0},  {"UYU", 2},  {"UYW", 4},
    {"UZS", 2},  {"VED", 2},  {"VES", 2},  {"VND", 0},  {"VUV", 0},  {"WST", 2},  {"XAF", 0},
    {"XAG", -1}, {"XAU", -1}, {"XBA", -1}, {"XBB", -1}, {"XBC", -1}, {"XBD", -1}, {"XCD", 2},
    {"XCG", 2},  {"XDR", -1}, {"XOF", 0},  {"XPD", -1}, {"XPF", 0},  {"XPT", -1}, {"XSU", -1},
    {"XTS", -1}, {"XUA", -1}, {"XXX", -1}, {"YER", 2},  {"ZAR", 2},  {"ZMW", 2},  {"ZWG", 2},
    {"ZWL", 2},
};

struct SymbolInfo {
  std::string_view symbol;
  std::string_view code;  // "" for a symbol shared by several currencies
};

// Matched exactly against a whole token, so "$" never matches inside "US$". A linear scan:
// symbols are only looked up on the slow path, where a cell already failed the plain-digit parse.
constexpr SymbolInfo kSymbols[] = {
    {"$", "USD"},   {"US$", "USD"}, {"€", "EUR"},   {"£", "GBP"},  {"¥", "JPY"},   {"JP¥", "JPY"},
    {"CN¥", "CNY"}, {"₹", "INR"},   {"R$", "BRL"},  {"C$", "CAD"}, {"CA$", "CAD"}, {"A$", "AUD"},
    {"AU$", "AUD"}, {"NZ$", "NZD"}, {"HK$", "HKD"}, {"S$", "SGD"}, {"SG$", "SGD"}, {"MX$", "MXN"},
    {"NT$", "TWD"}, {"₩", "KRW"},   {"₽", "RUB"}, {"₺", "TRY"},  {"₪", "ILS"},   {"₫", "VND"},
    {"฿", "THB"},   {"₱", "PHP"},   {"zł", "PLN"},  {"Kč", "CZK"}, {"Ft", "HUF"},  {"₴", "UAH"},
    {"₦", "NGN"},   {"₡", "CRC"},   {"₲", "PYG"},   {"₸", "KZT"},  {"₾", "GEL"}, {"₼", "AZN"},
    {"lei", "RON"}, {"RM", "MYR"},  {"Rp", "IDR"},  {"E£", "EGP"}, {"kr", ""},     {"Kr", ""},
    {"Rs", ""},
};

const CurrencyInfo* find_currency(std::string_view code) {
  if (code.size() != 3) {
    return nullptr;
  }
  const auto* it = std::lower_bound(
      std::begin(kCurrencies), std::end(kCurrencies), code,
      [](const CurrencyInfo& info, std::string_view key) { return info.code < key; });
  if (it == std::end(kCurrencies) || it->code != code) {
    return nullptr;
  }
  return it;
}

const SymbolInfo* find_symbol(std::string_view symbol) {
  for (const SymbolInfo& info : kSymbols) {
    if (info.symbol == symbol) {
      return &info;
    }
  }
  return nullptr;
}

bool is_upper_ascii(char ch) {
  return ch >= 'A' && ch <= 'Z';
}

}  // namespace

bool is_iso_currency(std::string_view code) {
  return find_currency(code) != nullptr;
}

int currency_minor_digits(std::string_view code) {
  const CurrencyInfo* info = find_currency(code);
  return info == nullptr ? -1 : info->minor_digits;
}

std::string_view currency_from_symbol(std::string_view symbol) {
  const SymbolInfo* info = find_symbol(symbol);
  return info == nullptr ? std::string_view() : info->code;
}

bool is_currency_marker(std::string_view text) {
  return find_currency(text) != nullptr || find_symbol(text) != nullptr;
}

std::string_view currency_in_header(std::string_view header) {
  // Scans every "(XYZ)" / "[XYZ]" so "Cost (USD) (incl. tax)" still finds USD.
  for (size_t pos = 0; pos + 5 <= header.size(); ++pos) {
    const char open = header[pos];
    if (open != '(' && open != '[') {
      continue;
    }
    const char close = open == '(' ? ')' : ']';
    const std::string_view inner = header.substr(pos + 1, 3);
    if (header[pos + 4] != close || !is_upper_ascii(inner[0]) || !is_upper_ascii(inner[1]) ||
        !is_upper_ascii(inner[2])) {
      continue;
    }
    if (const CurrencyInfo* info = find_currency(inner)) {
      return info->code;
    }
  }
  return {};
}

}  // namespace adpilot::ingest
