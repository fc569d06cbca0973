#include "adpilot/core/money.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace adpilot {

Micros units_to_micros(double units) {
  return static_cast<Micros>(std::llround(units * static_cast<double>(kMicrosPerUnit)));
}

std::string format_micros_plain(Micros micros) {
  const bool negative = micros < 0;
  const uint64_t abs_value = negative ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  const uint64_t whole = abs_value / kMicrosPerUnit;
  uint64_t frac = abs_value % kMicrosPerUnit;
  std::string out = negative ? "-" : "";
  out += fmt::format("{}", whole);
  if (frac != 0) {
    std::string digits = fmt::format("{:06}", frac);
    while (!digits.empty() && digits.back() == '0') {
      digits.pop_back();
    }
    out += "." + digits;
  }
  return out;
}

}  // namespace adpilot
