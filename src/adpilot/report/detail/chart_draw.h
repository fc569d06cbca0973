// The drawing behind report/chart.h, shared by the PNG and SVG surfaces: one function lays the
// chart out (plot area, axis ranges and ticks, from the series and the canvas size) and one
// draws it on any cairo context. The layout is public to the tests, which find the pixels of
// the forecast band through it.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "adpilot/report/detail/chart_ticks.h"
#include "adpilot/report/detail/format.h"
#include "adpilot/report/report.h"

namespace adpilot::report::detail {

struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};

inline constexpr Rgb kActualColour = {0.122, 0.467, 0.706};    // #1f77b4
inline constexpr Rgb kAnomalyColour = {0.839, 0.153, 0.157};   // #d62728
inline constexpr Rgb kForecastColour = {0.902, 0.427, 0.039};  // #e66d0a
inline constexpr double kBand95Alpha = 0.16;
inline constexpr double kBand80Alpha = 0.30;
inline constexpr const char* kChartFont = "DejaVu Sans";
inline constexpr double kChartLabelSize = 12;  // axis labels and legend

struct ChartLayout {
  double width = 0;
  double height = 0;
  double plot_left = 0;
  double plot_top = 0;
  double plot_right = 0;
  double plot_bottom = 0;
  bool has_data = false;  // false: the frame and a "no data" message only
  Date x_first = 0;       // first and last day on the x axis (actuals and forecast)
  Date x_last = 0;
  Date last_actual = 0;  // the series' last day
  ValueTicks y;
  AxisFormat y_format;
  std::vector<DateTick> x_ticks;

  // Canvas coordinates of a day's centre and of a value.
  double x_of(Date date) const;
  double y_of(double value) const;
};

// `cr` measures text (the y labels set the left margin); nothing is drawn.
ChartLayout layout_chart(cairo_t* cr, const MetricSeries& series, const std::string& symbol,
                         double width, double height);

// Draws the whole chart (background, title, legend, grid, axes, fan, line, anomalies).
void draw_chart(cairo_t* cr, const MetricSeries& series, const std::string& title,
                const std::string& symbol, double width, double height);

}  // namespace adpilot::report::detail
