// ISO 4217 minor units and exact conversions between money in micros and an amount in a
// currency's minor unit (cents, yen, fils), as the ad platforms take budgets.
//
//   auto cents = currency_micros_to_minor(12'340'000, "USD");   // 1234
//   auto micros = currency_minor_to_micros(1234, "USD");        // 12'340'000
//
// No floating point anywhere: a minor unit is 10^(6 - digits) micros.
#pragma once

#include <cstdint>
#include <string_view>

#include "adpilot/core/money.h"
#include "adpilot/core/result.h"

namespace adpilot {

// One row of the ISO 4217 table (list one, with HRK, SLL and CUC kept for historical data, ZWG
// and XCG added). digits is -1 for the codes ISO gives no minor unit (XAU, XDR, XXX, …).
struct IsoCurrency {
  std::string_view code;
  int8_t digits;
};

// The table's row for an upper-case code; nullptr when unknown. Allocation-free (ingest calls
// it per cell).
const IsoCurrency* find_iso_currency(std::string_view code);

// The ISO 4217 minor-unit exponent: 2 for USD and EUR, 0 for JPY, KRW, CLP, VND, ISK, …, 3 for
// BHD, IQD, JOD, KWD, LYD, OMR, TND, 4 for CLF and UYW. An unknown code, a lower-case one and a
// code ISO gives no minor unit (XAU, XDR, XXX, …) are errors naming the code.
Result<int> currency_minor_digits(std::string_view code);

// Micros in one minor unit for an exponent in [0, 6]: 10'000 for 2 digits, 1'000'000 for 0.
int64_t micros_per_minor_unit(int digits);

// An amount in micros as a whole number of minor units; an amount that is not one (12.345 USD)
// is a kData error rather than a silent rounding.
Result<int64_t> micros_to_minor_units(Micros micros, int digits);
Result<int64_t> currency_micros_to_minor(Micros micros, std::string_view code);

// The amount in micros of a number of minor units; an amount beyond int64 micros is an error.
Result<Micros> minor_units_to_micros(int64_t minor, int digits);
Result<Micros> currency_minor_to_micros(int64_t minor, std::string_view code);

// The nearest whole number of minor units, halves away from zero (a budget raised by 15% lands
// on a fraction of a cent; the platform can only take whole ones): 12'345'000 → 12'350'000 (USD).
Micros round_to_minor_unit(Micros micros, int digits);

}  // namespace adpilot
