#include "adpilot/ingest/detail/currency.h"

#include "adpilot/core/currency.h"

namespace adpilot::ingest {
namespace {

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

// The one ISO 4217 table lives in core/currency.
const IsoCurrency* find_currency(std::string_view code) { return find_iso_currency(code); }

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
  const IsoCurrency* info = find_currency(code);
  return info == nullptr ? -1 : info->digits;
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
    if (const IsoCurrency* info = find_currency(inner)) {
      return info->code;
    }
  }
  return {};
}

}  // namespace adpilot::ingest
