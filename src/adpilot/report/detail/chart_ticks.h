// Axis ticks for the charts: "nice" value ticks (steps of 1, 2 or 5 times a power of ten) for
// the y axis, and calendar ticks for the x axis (every day, every other day, weekly on Mondays,
// every other week, monthly, quarterly or yearly: the finest that fits the label budget).
#pragma once

#include <string>
#include <vector>

#include "adpilot/core/date.h"

namespace adpilot::report::detail {

struct ValueTicks {
  double lo = 0;  // the axis range: the first and last tick
  double hi = 1;
  double step = 1;
  std::vector<double> values;  // lo, lo + step, …, hi
};

// The coarsest-needed 1-2-5 step that covers [lo, hi] with at most max_ticks ticks (at least
// three). A flat range is widened around its value; non-finite input gives the range 0…1.
ValueTicks nice_ticks(double lo, double hi, int max_ticks);

struct DateTick {
  Date date = 0;
  std::string label;     // "Oct 6", or "Oct" when ticks are months
  std::string sublabel;  // the year on the first tick and where the year changes, else ""
};

// Ticks inside [first, last], never more than max_labels (at least one tick for any range).
std::vector<DateTick> date_ticks(Date first, Date last, int max_labels);

}  // namespace adpilot::report::detail
