#include "adpilot/core/currency.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

namespace adpilot {
namespace {

using MinorUnit = IsoCurrency;

// Sorted by code for binary search (checked at compile time below).
constexpr MinorUnit kMinorUnits[] = {
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

static_assert(std::is_sorted(std::begin(kMinorUnits), std::end(kMinorUnits),
                             [](const MinorUnit& a, const MinorUnit& b) { return a.code < b.code; }),
              "kMinorUnits must be sorted by code");

Error digits_error(int digits) {
  return make_error(ErrorCode::kInvalidArgument,
                    fmt::format("a currency's minor unit must have 0 to 6 decimals, not {}", digits));
}

}  // namespace

const IsoCurrency* find_iso_currency(std::string_view code) {
  if (code.size() != 3) {
    return nullptr;
  }
  const auto* it = std::lower_bound(std::begin(kMinorUnits), std::end(kMinorUnits), code,
                                    [](const MinorUnit& unit, std::string_view key) { return unit.code < key; });
  return it == std::end(kMinorUnits) || it->code != code ? nullptr : it;
}

Result<int> currency_minor_digits(std::string_view code) {
  const IsoCurrency* it = find_iso_currency(code);
  if (it == nullptr) {
    return make_error(ErrorCode::kData, fmt::format("'{}' is not an ISO 4217 currency code", code), {},
                      "currency codes are three upper-case letters such as USD, EUR or JPY");
  }
  if (it->digits < 0) {
    return make_error(ErrorCode::kData, fmt::format("ISO 4217 gives {} no minor unit; it is not a currency "
                                                    "an amount can be spent in", code));
  }
  return static_cast<int>(it->digits);
}

int64_t micros_per_minor_unit(int digits) {
  int64_t scale = kMicrosPerUnit;
  for (int i = 0; i < digits && scale > 1; ++i) {
    scale /= 10;
  }
  return scale;
}

Result<int64_t> micros_to_minor_units(Micros micros, int digits) {
  if (digits < 0 || digits > 6) {
    return digits_error(digits);
  }
  const int64_t scale = micros_per_minor_unit(digits);
  if (micros % scale != 0) {
    return make_error(ErrorCode::kData,
                      fmt::format("{} is not a whole number of minor units (the currency has {} decimals)",
                                  format_micros_plain(micros), digits));
  }
  return micros / scale;
}

Result<Micros> minor_units_to_micros(int64_t minor, int digits) {
  if (digits < 0 || digits > 6) {
    return digits_error(digits);
  }
  const int64_t scale = micros_per_minor_unit(digits);
  if (minor > std::numeric_limits<int64_t>::max() / scale || minor < std::numeric_limits<int64_t>::min() / scale) {
    return make_error(ErrorCode::kData, fmt::format("{} minor units is too large an amount", minor));
  }
  return minor * scale;
}

Result<int64_t> currency_micros_to_minor(Micros micros, std::string_view code) {
  const auto digits = currency_minor_digits(code);
  if (!digits.ok()) {
    return digits.error();
  }
  return micros_to_minor_units(micros, *digits);
}

Result<Micros> currency_minor_to_micros(int64_t minor, std::string_view code) {
  const auto digits = currency_minor_digits(code);
  if (!digits.ok()) {
    return digits.error();
  }
  return minor_units_to_micros(minor, *digits);
}

Micros round_to_minor_unit(Micros micros, int digits) {
  const int64_t scale = micros_per_minor_unit(std::clamp(digits, 0, 6));
  const int64_t remainder = micros % scale;
  const Micros down = micros - remainder;  // toward zero
  if (remainder * 2 >= scale) {
    return down + scale;
  }
  if (remainder * 2 <= -scale) {
    return down - scale;
  }
  return down;
}

}  // namespace adpilot
