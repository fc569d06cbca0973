#include "adpilot/report/chart.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>

#include "adpilot/report/detail/chart_draw.h"
#include "adpilot/report/detail/html_escape.h"

namespace adpilot::report {

namespace {

constexpr int kMinSide = 100;
constexpr int kMaxSide = 10000;

// Daily sums read "per day" in a title; rates and ratios are per day by nature.
bool additive_metric(const std::string& metric) {
  return metric == "cost" || metric == "spend" || metric == "conversions" || metric == "clicks" ||
         metric == "impressions" || metric == "revenue" || metric == "profit";
}

Result<void> check_style(const ChartStyle& style, const std::string& path) {
  if (style.width < kMinSide || style.width > kMaxSide || style.height < kMinSide ||
      style.height > kMaxSide) {
    ErrorContext context;
    context.file = path;
    context.field = "chart size";
    return make_error(ErrorCode::kInvalidArgument,
                      "chart size " + std::to_string(style.width) + "×" +
                          std::to_string(style.height) + " is out of range",
                      context,
                      "width and height must be between " + std::to_string(kMinSide) + " and " +
                          std::to_string(kMaxSide));
  }
  return {};
}

Error cairo_failure(const std::string& what, const std::string& path, cairo_status_t status) {
  ErrorContext context;
  context.file = path;
  return make_error(ErrorCode::kIo, "cannot " + what + ": " + cairo_status_to_string(status),
                    context);
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

// Draws on `surface` and reports the first cairo error.
cairo_status_t draw_on(cairo_surface_t* surface, const MetricSeries& series,
                       const std::string& symbol, const ChartStyle& style) {
  ContextPtr cr(cairo_create(surface));
  detail::draw_chart(cr.get(), series, chart_title(series), symbol, style.width, style.height);
  cairo_status_t status = cairo_status(cr.get());
  cr.reset();
  cairo_surface_flush(surface);
  if (status == CAIRO_STATUS_SUCCESS) {
    status = cairo_surface_status(surface);
  }
  return status;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string chart_id(const MetricSeries& series) {
  std::string id;
  const std::string raw = series.scope + "_" + series.metric;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 && c < 0x80) {
      id += static_cast<char>(std::tolower(c));
    } else if (!id.empty() && id.back() != '_') {
      id += '_';  // runs of anything else (spaces, dots, UTF-8) become one underscore
    }
  }
  while (!id.empty() && id.back() == '_') {
    id.pop_back();
  }
  return id.empty() ? "chart" : id;
}

std::string chart_title(const MetricSeries& series) {
  std::string label = series.label.empty() ? series.metric : series.label;
  if (additive_metric(series.metric)) {
    label += " per day";
  }
  std::string scope = series.scope_name;
  if (scope.empty()) {
    scope = series.scope == "account" ? "Account" : series.scope;
  }
  return scope.empty() ? label : label + " — " + scope;
}

Result<void> write_chart_png(const MetricSeries& series, const std::string& currency_symbol,
                             const std::string& path, const ChartStyle& style) {
  if (auto ok = check_style(style, path); !ok) {
    return ok;
  }
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, style.width, style.height));
  cairo_status_t status = draw_on(surface.get(), series, currency_symbol, style);
  if (status != CAIRO_STATUS_SUCCESS) {
    return cairo_failure("draw the chart for " + path, path, status);
  }
  status = cairo_surface_write_to_png(surface.get(), path.c_str());
  if (status != CAIRO_STATUS_SUCCESS) {
    return cairo_failure("write " + path, path, status);
  }
  return {};
}

Result<void> write_chart_svg(const MetricSeries& series, const std::string& currency_symbol,
                             const std::string& path, const ChartStyle& style) {
  if (auto ok = check_style(style, path); !ok) {
    return ok;
  }
  std::string svg;
  {
    SurfacePtr surface(
        cairo_svg_surface_create_for_stream(append_to_string, &svg, style.width, style.height));
    const cairo_status_t status = draw_on(surface.get(), series, currency_symbol, style);
    cairo_surface_finish(surface.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      return cairo_failure("draw the chart for " + path, path, status);
    }
  }
  // cairo draws text as glyph outlines; a <title> keeps the chart's name readable by screen
  // readers and searchable in the file.
  const size_t svg_open = svg.find("<svg");
  const size_t tag_end = svg_open == std::string::npos ? svg_open : svg.find('>', svg_open);
  if (tag_end != std::string::npos) {
    std::string title = "\n<title>";
    detail::append_escaped(title, chart_title(series));  // the same entities serve SVG
    title += "</title>";
    svg.insert(tag_end + 1, title);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(svg.data(), static_cast<std::streamsize>(svg.size()));
  out.close();
  if (!out) {
    ErrorContext context;
    context.file = path;
    return make_error(ErrorCode::kIo, "cannot write " + path, context);
  }
  return {};
}

}  // namespace adpilot::report
