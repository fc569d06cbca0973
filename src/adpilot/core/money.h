// Money: int64 micros (1 currency unit = 1,000,000 micros, the Google Ads convention), so sums
// of millions of rows are exact.
#pragma once

#include <cstdint>
#include <string>

namespace adpilot {

using Micros = int64_t;
inline constexpr Micros kMicrosPerUnit = 1'000'000;

inline double micros_to_units(Micros micros) {
  return static_cast<double>(micros) / static_cast<double>(kMicrosPerUnit);
}

// Rounds half away from zero to the nearest micro.
Micros units_to_micros(double units);

// Exact decimal text of an amount in currency units, without trailing zeros: 1234500000 → "1234.5".
std::string format_micros_plain(Micros micros);

}  // namespace adpilot
