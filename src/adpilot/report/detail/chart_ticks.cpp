#include "adpilot/report/detail/chart_ticks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace adpilot::report::detail {

namespace {

constexpr std::array<const char*, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char* month_name(int month) {
  return kMonthNames[static_cast<size_t>(month - 1)];
}

// Month-granular candidates count months since year 0 so that "every 3 months" lands on
// quarters and "every 12" on Januaries whatever the range's start.
int month_index(const CivilDate& c) {
  return c.year * 12 + (c.month - 1);
}

std::vector<Date> day_candidates(Date first, Date last, Date start, int step) {
  std::vector<Date> dates;
  for (Date d = start; d <= last; d += step) {
    if (d >= first) {
      dates.push_back(d);
    }
  }
  return dates;
}

std::vector<Date> month_candidates(Date first, Date last, int step_months) {
  std::vector<Date> dates;
  const CivilDate start = civil_from_date(first);
  int index = month_index(start);
  if (start.day != 1) {
    ++index;  // the first month start inside the range
  }
  index = (index + step_months - 1) / step_months * step_months;
  for (;; index += step_months) {
    const Date d = date_from_civil(index / 12, index % 12 + 1, 1);
    if (d > last) {
      break;
    }
    dates.push_back(d);
  }
  return dates;
}

}  // namespace

ValueTicks nice_ticks(double lo, double hi, int max_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) {
    std::swap(lo, hi);
  }
  if (hi == lo) {
    const double pad = lo == 0 ? 1.0 : std::fabs(lo) * 0.1;
    lo -= lo == 0 ? 0 : pad;
    hi += pad;
  }
  // A range across zero needs three ticks (−step, 0, step) at the least.
  max_ticks = std::max(3, max_ticks);
  const double range = hi - lo;
  int exponent = static_cast<int>(std::floor(std::log10(range / (max_ticks - 1)))) - 1;
  ValueTicks ticks;
  // A few decades are always enough: the first candidate is at most ten times too fine.
  for (;; ++exponent) {
    for (const double mantissa : {1.0, 2.0, 5.0}) {
      const double step = mantissa * std::pow(10.0, exponent);
      const double first = std::floor(lo / step + 1e-9);
      const double last = std::ceil(hi / step - 1e-9);
      if (last - first + 1 <= max_ticks) {
        ticks.step = step;
        const auto count = static_cast<int>(last - first) + 1;
        for (int i = 0; i < count; ++i) {
          ticks.values.push_back((first + i) * step);
        }
        ticks.lo = ticks.values.front();
        ticks.hi = ticks.values.back();
        return ticks;
      }
    }
  }
}

std::vector<DateTick> date_ticks(Date first, Date last, int max_labels) {
  if (last < first) {
    std::swap(first, last);
  }
  max_labels = std::max(1, max_labels);
  const auto fits = [&](const std::vector<Date>& dates) {
    return !dates.empty() && dates.size() <= static_cast<size_t>(max_labels);
  };

  std::vector<Date> dates;
  int month_step = 0;  // 0: day ticks
  const Date monday = week_start(first);
  const std::vector<std::vector<Date>> by_day = {
      day_candidates(first, last, first, 1),
      day_candidates(first, last, first, 2),
      day_candidates(first, last, monday, 7),
      day_candidates(first, last, monday < first ? monday + 7 : monday, 14),
  };
  for (const auto& candidate : by_day) {
    if (fits(candidate)) {
      dates = candidate;
      break;
    }
  }
  if (dates.empty()) {
    for (const int step : {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000}) {
      auto candidate = month_candidates(first, last, step);
      if (fits(candidate)) {
        dates = std::move(candidate);
        month_step = step;
        break;
      }
    }
  }
  if (dates.empty()) {
    dates.push_back(first);  // nothing finer fits: one label at the start
  }

  std::vector<DateTick> ticks;
  ticks.reserve(dates.size());
  int previous_year = 0;
  for (size_t i = 0; i < dates.size(); ++i) {
    const CivilDate c = civil_from_date(dates[i]);
    DateTick tick;
    tick.date = dates[i];
    if (month_step >= 12) {
      tick.label = std::to_string(c.year);
    } else {
      tick.label = month_step > 0 ? std::string(month_name(c.month))
                                  : std::string(month_name(c.month)) + " " + std::to_string(c.day);
      if (i == 0 || c.year != previous_year) {
        tick.sublabel = std::to_string(c.year);
      }
    }
    previous_year = c.year;
    ticks.push_back(std::move(tick));
  }
  return ticks;
}

}  // namespace adpilot::report::detail
