#include "adpilot/report/detail/chart_draw.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace adpilot::report::detail {

namespace {

constexpr double kTitleSize = 17;
constexpr double kLabelSize = kChartLabelSize;
constexpr double kPlotTop = 70;        // title row and legend row above
constexpr double kPlotBottomGap = 44;  // date labels and the year line below
constexpr double kRightGap = 24;
constexpr double kMinYTickGap = 42;  // pixels between horizontal gridlines, at least

enum class Align { kLeft, kCenter, kRight };

bool usable(const std::optional<double>& value) {
  return value && std::isfinite(*value);
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha = 1.0) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

void set_font(cairo_t* cr, double size, bool bold = false) {
  cairo_select_font_face(cr, kChartFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

// Text with its baseline at y.
void draw_text(cairo_t* cr, const std::string& text, double x, double y, Align align) {
  const double w = text_width(cr, text);
  if (align == Align::kCenter) {
    x -= w / 2;
  } else if (align == Align::kRight) {
    x -= w;
  }
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, text.c_str());
}

// The fan's arrays cut to their common length, so a malformed fan cannot read past one.
size_t fan_size(const Fan& fan) {
  return std::min({fan.dates.size(), fan.mean.size(), fan.lo80.size(), fan.hi80.size(),
                   fan.lo95.size(), fan.hi95.size()});
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  bool empty() const { return lo > hi; }
};

struct LegendEntry {
  enum class Kind { kLine, kDashed, kDot, kBand80, kBand95 } kind;
  std::string text;
};

void draw_legend(cairo_t* cr, const ChartLayout& layout, const std::vector<LegendEntry>& entries) {
  set_font(cr, kLabelSize);
  double x = layout.plot_left;
  const double y = 52;  // baseline of the legend row
  for (const auto& entry : entries) {
    const double mid = y - 4;
    switch (entry.kind) {
      case LegendEntry::Kind::kLine:
        set_colour(cr, kActualColour);
        cairo_set_line_width(cr, 2);
        cairo_move_to(cr, x, mid);
        cairo_line_to(cr, x + 20, mid);
        cairo_stroke(cr);
        break;
      case LegendEntry::Kind::kDashed: {
        const double dash[] = {5, 3};
        set_colour(cr, kForecastColour);
        cairo_set_line_width(cr, 2);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, x, mid);
        cairo_line_to(cr, x + 20, mid);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        break;
      }
      case LegendEntry::Kind::kDot:
        set_colour(cr, kAnomalyColour);
        cairo_arc(cr, x + 10, mid, 4.5, 0, 2 * M_PI);
        cairo_fill(cr);
        break;
      case LegendEntry::Kind::kBand80:
        set_colour(cr, kForecastColour, kBand95Alpha);  // as drawn: 80% lies on top of 95%
        cairo_rectangle(cr, x, mid - 6, 20, 12);
        cairo_fill(cr);
        set_colour(cr, kForecastColour, kBand80Alpha);
        cairo_rectangle(cr, x, mid - 6, 20, 12);
        cairo_fill(cr);
        break;
      case LegendEntry::Kind::kBand95:
        set_colour(cr, kForecastColour, kBand95Alpha);
        cairo_rectangle(cr, x, mid - 6, 20, 12);
        cairo_fill(cr);
        break;
    }
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    draw_text(cr, entry.text, x + 26, y, Align::kLeft);
    x += 26 + text_width(cr, entry.text) + 18;
  }
}

// A band from the last actual point (when there is one) along `hi` and back along `lo`.
void fill_band(cairo_t* cr, const ChartLayout& layout, const Fan& fan, size_t n,
               const std::vector<double>& lo, const std::vector<double>& hi,
               const std::optional<double>& anchor, double alpha) {
  cairo_new_path(cr);
  if (anchor) {
    cairo_move_to(cr, layout.x_of(layout.last_actual), layout.y_of(*anchor));
  }
  for (size_t i = 0; i < n; ++i) {
    cairo_line_to(cr, layout.x_of(fan.dates[i]), layout.y_of(hi[i]));
  }
  for (size_t i = n; i-- > 0;) {
    cairo_line_to(cr, layout.x_of(fan.dates[i]), layout.y_of(lo[i]));
  }
  cairo_close_path(cr);
  set_colour(cr, kForecastColour, alpha);
  cairo_fill(cr);
}

}  // namespace

double ChartLayout::x_of(Date date) const {
  // Half a day of padding on both sides keeps the first and last points off the frame.
  const double lo = static_cast<double>(x_first) - 0.5;
  const double hi = static_cast<double>(x_last) + 0.5;
  return plot_left + (static_cast<double>(date) - lo) / (hi - lo) * (plot_right - plot_left);
}

double ChartLayout::y_of(double value) const {
  return plot_bottom - (value - y.lo) / (y.hi - y.lo) * (plot_bottom - plot_top);
}

ChartLayout layout_chart(cairo_t* cr, const MetricSeries& series, const std::string& symbol,
                         double width, double height) {
  ChartLayout layout;
  layout.width = width;
  layout.height = height;
  layout.plot_top = kPlotTop;
  layout.plot_bottom = height - kPlotBottomGap;
  layout.plot_right = width - kRightGap;

  Range range;
  for (const auto& value : series.values) {
    if (usable(value)) {
      range.add(*value);
    }
  }
  for (const auto& mark : series.anomalies) {
    range.add(mark.value);
  }
  const Date last_day =
      series.first + static_cast<Date>(std::max<size_t>(series.values.size(), 1) - 1);
  layout.x_first = series.first;
  layout.x_last = last_day;
  layout.last_actual = last_day;
  if (series.forecast) {
    const Fan& fan = *series.forecast;
    const size_t n = fan_size(fan);
    for (size_t i = 0; i < n; ++i) {
      range.add(fan.lo95[i]);
      range.add(fan.hi95[i]);
      range.add(fan.mean[i]);
      layout.x_last = std::max(layout.x_last, fan.dates[i]);
    }
  }
  layout.has_data = !range.empty();

  // A positive series whose floor is near zero starts at zero, so a dip is not exaggerated;
  // one far from zero (a ratio around 3×) keeps a tight range so its movement stays visible.
  double lo = range.empty() ? 0 : range.lo;
  const double hi = range.empty() ? 1 : range.hi;
  if (lo >= 0 && lo <= 0.5 * hi) {
    lo = 0;
  }
  const double plot_height = layout.plot_bottom - layout.plot_top;
  const int max_y_ticks = std::max(3, static_cast<int>(plot_height / kMinYTickGap) + 1);
  layout.y = nice_ticks(lo, hi, max_y_ticks);
  layout.y_format.unit = series.unit;
  layout.y_format.symbol = symbol;
  layout.y_format.step = layout.y.step;
  layout.y_format.max_abs = std::max(std::fabs(layout.y.lo), std::fabs(layout.y.hi));

  set_font(cr, kLabelSize);
  double widest = 0;
  if (layout.has_data) {
    for (const double tick : layout.y.values) {
      widest = std::max(widest, text_width(cr, axis_label(tick, layout.y_format)));
    }
  }
  layout.plot_left = std::max(48.0, 16 + widest + 10);

  if (layout.has_data) {
    // "Sep 30" is as wide as a day label gets; keep a gap of two letters between labels.
    const double label_width = text_width(cr, "Sep 30") + 20;
    const int budget =
        std::max(1, static_cast<int>((layout.plot_right - layout.plot_left) / label_width));
    layout.x_ticks = date_ticks(layout.x_first, layout.x_last, budget);
  }
  return layout;
}

void draw_chart(cairo_t* cr, const MetricSeries& series, const std::string& title,
                const std::string& symbol, double width, double height) {
  const ChartLayout layout = layout_chart(cr, series, symbol, width, height);

  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  set_font(cr, kTitleSize, true);
  cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
  draw_text(cr, title, layout.plot_left, 28, Align::kLeft);

  const double plot_w = layout.plot_right - layout.plot_left;
  const double plot_h = layout.plot_bottom - layout.plot_top;
  cairo_set_line_width(cr, 1);

  if (!layout.has_data) {
    cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
    cairo_rectangle(cr, layout.plot_left + 0.5, layout.plot_top + 0.5, plot_w, plot_h);
    cairo_stroke(cr);
    set_font(cr, 15);
    cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
    draw_text(cr, "No data for this period", layout.plot_left + plot_w / 2,
              layout.plot_top + plot_h / 2, Align::kCenter);
    return;
  }

  // Gridlines and y labels. Lines sit on half pixels so one-pixel lines stay crisp.
  set_font(cr, kLabelSize);
  for (const double tick : layout.y.values) {
    const double y = std::round(layout.y_of(tick)) + 0.5;
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_move_to(cr, layout.plot_left, y);
    cairo_line_to(cr, layout.plot_right, y);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    draw_text(cr, axis_label(tick, layout.y_format), layout.plot_left - 8, y + 4, Align::kRight);
  }
  for (const auto& tick : layout.x_ticks) {
    const double x = std::round(layout.x_of(tick.date)) + 0.5;
    cairo_set_source_rgb(cr, 0.94, 0.94, 0.94);
    cairo_move_to(cr, x, layout.plot_top);
    cairo_line_to(cr, x, layout.plot_bottom);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_move_to(cr, x, layout.plot_bottom);
    cairo_line_to(cr, x, layout.plot_bottom + 4);
    cairo_stroke(cr);
    draw_text(cr, tick.label, x, layout.plot_bottom + 18, Align::kCenter);
    if (!tick.sublabel.empty()) {
      draw_text(cr, tick.sublabel, x, layout.plot_bottom + 33, Align::kCenter);
    }
  }
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_move_to(cr, layout.plot_left, std::round(layout.plot_bottom) + 0.5);
  cairo_line_to(cr, layout.plot_right, std::round(layout.plot_bottom) + 0.5);
  cairo_stroke(cr);

  std::vector<LegendEntry> legend = {{LegendEntry::Kind::kLine, "Actual"}};
  if (!series.anomalies.empty()) {
    legend.push_back({LegendEntry::Kind::kDot, "Anomaly"});
  }

  cairo_save(cr);
  cairo_rectangle(cr, layout.plot_left, layout.plot_top, plot_w, plot_h);
  cairo_clip(cr);

  // The forecast fan: 95% band, 80% band on top, then the mean, all joined to the last actual.
  const size_t fan_n = series.forecast ? fan_size(*series.forecast) : 0;
  if (fan_n > 0) {
    const Fan& fan = *series.forecast;
    std::optional<double> anchor;
    if (!series.values.empty() && usable(series.values.back())) {
      anchor = *series.values.back();
    }
    const double boundary =
        std::round(layout.x_of(layout.last_actual) + (layout.x_of(1) - layout.x_of(0)) / 2) + 0.5;
    const double dash[] = {3, 3};
    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, boundary, layout.plot_top);
    cairo_line_to(cr, boundary, layout.plot_bottom);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);

    fill_band(cr, layout, fan, fan_n, fan.lo95, fan.hi95, anchor, kBand95Alpha);
    fill_band(cr, layout, fan, fan_n, fan.lo80, fan.hi80, anchor, kBand80Alpha);
    const double mean_dash[] = {6, 4};
    set_colour(cr, kForecastColour);
    cairo_set_line_width(cr, 2);
    cairo_set_dash(cr, mean_dash, 2, 0);
    if (anchor) {
      cairo_move_to(cr, layout.x_of(layout.last_actual), layout.y_of(*anchor));
    }
    for (size_t i = 0; i < fan_n; ++i) {
      cairo_line_to(cr, layout.x_of(fan.dates[i]), layout.y_of(fan.mean[i]));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    legend.push_back({LegendEntry::Kind::kDashed, "Forecast"});
    legend.push_back({LegendEntry::Kind::kBand80, "80%"});
    legend.push_back({LegendEntry::Kind::kBand95, "95%"});
  }

  // The actual line, broken where a day is undefined; a lone defined day is a dot.
  set_colour(cr, kActualColour);
  cairo_set_line_width(cr, 2);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  const size_t n = series.values.size();
  for (size_t i = 0; i < n; ++i) {
    if (!usable(series.values[i])) {
      continue;
    }
    const double x = layout.x_of(series.first + static_cast<Date>(i));
    const double y = layout.y_of(*series.values[i]);
    const bool has_prev = i > 0 && usable(series.values[i - 1]);
    const bool has_next = i + 1 < n && usable(series.values[i + 1]);
    if (!has_prev && !has_next) {
      cairo_stroke(cr);
      cairo_arc(cr, x, y, 2.5, 0, 2 * M_PI);
      cairo_fill(cr);
      continue;
    }
    if (has_prev) {
      cairo_line_to(cr, x, y);
    } else {
      cairo_move_to(cr, x, y);
    }
    if (!has_next) {
      cairo_stroke(cr);
    }
  }
  cairo_stroke(cr);

  for (const auto& mark : series.anomalies) {
    if (!std::isfinite(mark.value)) {
      continue;
    }
    const double x = layout.x_of(mark.date);
    const double y = layout.y_of(mark.value);
    cairo_arc(cr, x, y, 5.5, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    cairo_arc(cr, x, y, 4.5, 0, 2 * M_PI);
    set_colour(cr, kAnomalyColour);
    cairo_fill(cr);
  }
  cairo_restore(cr);

  draw_legend(cr, layout, legend);
}

}  // namespace adpilot::report::detail
