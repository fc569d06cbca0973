// Plain series files for `--series`: long format `series_id,timestamp,value` (series_id may be
// absent for one series). timestamp is a date, a date-time or an integer index; rows of a series
// must be in time order. This is how benchmark series (M4, NAB) and any metric feed come in.
#pragma once

#include <string>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::cli {

struct PlainSeries {
  std::string id;
  std::vector<std::string> timestamps;  // as written, for echoing back
  std::vector<double> seconds;          // seconds since 1970 (dates, date-times) or the index
  std::vector<double> values;
};

Result<std::vector<PlainSeries>> read_series_file(const std::string& path);

}  // namespace adpilot::cli
