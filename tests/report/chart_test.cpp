// Charts: real PNG and SVG files written by cairo into a temp folder and read back (the PNG
// through cairo's own decoder), plus the tick and label rules the axes rely on.
#include "adpilot/report/chart.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "adpilot/report/detail/chart_draw.h"
#include "adpilot/report/detail/chart_ticks.h"
#include "adpilot/report/detail/format.h"
#include "report/sample_report.h"
#include "store/temp_dir.h"

namespace adpilot::report {
namespace {

using testing::TempDir;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

uint32_t be32(const std::string& bytes, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) {
    v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  }
  return v;
}

struct Image {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{nullptr,
                                                                             cairo_surface_destroy};
  int width = 0;
  int height = 0;

  // r, g, b in 0…255 of an opaque pixel (our charts paint a white background first).
  std::array<int, 3> rgb(int x, int y) const {
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    uint32_t px = 0;
    std::memcpy(&px, data + static_cast<ptrdiff_t>(y) * stride + static_cast<ptrdiff_t>(x) * 4, 4);
    return {static_cast<int>((px >> 16) & 0xff), static_cast<int>((px >> 8) & 0xff),
            static_cast<int>(px & 0xff)};
  }
};

Image load_png(const std::string& path) {
  Image image;
  image.surface.reset(cairo_image_surface_create_from_png(path.c_str()));
  EXPECT_EQ(cairo_surface_status(image.surface.get()), CAIRO_STATUS_SUCCESS) << path;
  cairo_surface_flush(image.surface.get());
  image.width = cairo_image_surface_get_width(image.surface.get());
  image.height = cairo_image_surface_get_height(image.surface.get());
  return image;
}

double luminance_variance(const Image& image) {
  double sum = 0;
  double sum_sq = 0;
  double n = 0;
  for (int y = 0; y < image.height; y += 2) {
    for (int x = 0; x < image.width; x += 2) {
      const auto c = image.rgb(x, y);
      const double l = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
      sum += l;
      sum_sq += l * l;
      n += 1;
    }
  }
  const double mean = sum / n;
  return sum_sq / n - mean * mean;
}

// A colour with alpha `a` painted over `under` (each 0…255).
int over(double colour, double a, double under) {
  return static_cast<int>(std::lround(colour * 255 * a + under * (1 - a)));
}

const MetricSeries& account_cost(const Report& report) {
  return report.series.at(0);  // the fixture's first series: account spend
}

TEST(ChartId, IsFileSafe) {
  const Report report = testing::sample_report();
  EXPECT_EQ(chart_id(report.series[0]), "account_cost");
  EXPECT_EQ(chart_id(report.series[4]), "cmp_104_cpa");
  MetricSeries odd;
  odd.scope = "Cmp 7/Ünïcode.x";
  odd.metric = "CPA";
  EXPECT_EQ(chart_id(odd), "cmp_7_n_code_x_cpa");
  MetricSeries empty;
  EXPECT_EQ(chart_id(empty), "chart");
}

TEST(ChartTitle, NamesMetricAndScope) {
  const Report report = testing::sample_report();
  EXPECT_EQ(chart_title(report.series[0]), "Spend per day — Account");
  EXPECT_EQ(chart_title(report.series[2]), "CPA — Account");
  EXPECT_EQ(chart_title(report.series[4]), "CPA — Video - Prospecting");
  MetricSeries unnamed;
  unnamed.scope = "cmp_9";
  unnamed.metric = "ctr";
  unnamed.label = "CTR";
  EXPECT_EQ(chart_title(unnamed), "CTR — cmp_9");
}

TEST(ChartPng, HasSizeContentAndForecastBand) {
  TempDir dir;
  const Report report = testing::sample_report();
  const MetricSeries& series = account_cost(report);
  ChartStyle style;
  style.width = 800;
  style.height = 360;
  const std::string path = dir.file("account_cost.png");
  const auto written = write_chart_png(series, "$", path, style);
  ASSERT_TRUE(written.ok()) << written.error().to_string();

  const std::string bytes = read_file(path);
  ASSERT_GT(bytes.size(), 33u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(bytes.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(bytes, 16), 800u);
  EXPECT_EQ(be32(bytes, 20), 360u);

  const Image image = load_png(path);
  ASSERT_EQ(image.width, 800);
  ASSERT_EQ(image.height, 360);
  EXPECT_GT(luminance_variance(image), 200.0) << "the chart looks blank";

  // Where the layout puts the 95%-only part of the band (between the 80% and 95% upper edges)
  // on the seventh forecast day, the pixel is the band colour over white.
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> scratch(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(scratch.get()), cairo_destroy);
  const auto layout = detail::layout_chart(cr.get(), series, "$", 800, 360);
  const Fan& fan = *series.forecast;
  const size_t day = 7;
  const double x = layout.x_of(fan.dates[day]);
  const double y95 = layout.y_of((fan.hi80[day] + fan.hi95[day]) / 2);
  const double y80 = layout.y_of((fan.mean[day] + fan.hi80[day]) / 2);
  const auto c = detail::kForecastColour;
  const double a95 = detail::kBand95Alpha;
  const auto outer = image.rgb(static_cast<int>(x), static_cast<int>(y95));
  EXPECT_NEAR(outer[0], over(c.r, a95, 255), 3);
  EXPECT_NEAR(outer[1], over(c.g, a95, 255), 3);
  EXPECT_NEAR(outer[2], over(c.b, a95, 255), 3);
  // Inside the 80% band both layers add up: darker than the 95% band alone.
  const auto inner = image.rgb(static_cast<int>(x), static_cast<int>(y80));
  EXPECT_LT(inner[2], outer[2] - 15);
  EXPECT_NEAR(inner[2], over(c.b, detail::kBand80Alpha, over(c.b, a95, 255)), 3);

  // Before the forecast starts the band colour is nowhere on the same row band.
  int band_pixels_before = 0;
  const int last_actual_x = static_cast<int>(layout.x_of(layout.last_actual)) - 4;
  for (int px = static_cast<int>(layout.plot_left) + 2; px < last_actual_x; ++px) {
    const auto p = image.rgb(px, static_cast<int>(y95));
    if (std::abs(p[2] - outer[2]) <= 2 && std::abs(p[1] - outer[1]) <= 2 &&
        std::abs(p[0] - outer[0]) <= 2) {
      ++band_pixels_before;
    }
  }
  EXPECT_EQ(band_pixels_before, 0);
}

TEST(ChartPng, AnomalyIsMarkedInItsColour) {
  TempDir dir;
  const Report report = testing::sample_report();
  const MetricSeries& series = account_cost(report);
  const std::string path = dir.file("cost.png");
  ASSERT_TRUE(write_chart_png(series, "$", path).ok());
  const Image image = load_png(path);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> scratch(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(scratch.get()), cairo_destroy);
  const ChartStyle style;
  const auto layout = detail::layout_chart(cr.get(), series, "$", style.width, style.height);
  const AnomalyMark& mark = series.anomalies.at(0);
  const auto p = image.rgb(static_cast<int>(std::lround(layout.x_of(mark.date))),
                           static_cast<int>(std::lround(layout.y_of(mark.value))));
  EXPECT_NEAR(p[0], std::lround(detail::kAnomalyColour.r * 255), 4);
  EXPECT_NEAR(p[1], std::lround(detail::kAnomalyColour.g * 255), 4);
  EXPECT_NEAR(p[2], std::lround(detail::kAnomalyColour.b * 255), 4);
}

TEST(ChartSvg, IsSvgWithTitleAndSize) {
  TempDir dir;
  const Report report = testing::sample_report();
  const std::string path = dir.file("account_cpa.svg");
  const auto written = write_chart_svg(report.series[2], "$", path);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  const std::string svg = read_file(path);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("width=\"960pt\""), std::string::npos);
  EXPECT_NE(svg.find("height=\"420pt\""), std::string::npos);
  EXPECT_NE(svg.find("<title>CPA — Account</title>"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  // Text is drawn as glyphs, so a chart with axes, legend and title has many of them.
  size_t glyph_uses = 0;
  for (size_t at = svg.find("xlink:href=\"#glyph"); at != std::string::npos;
       at = svg.find("xlink:href=\"#glyph", at + 1)) {
    ++glyph_uses;
  }
  EXPECT_GT(glyph_uses, 60u);
}

TEST(ChartSvg, EscapesTheTitle) {
  TempDir dir;
  MetricSeries series;
  series.scope = "cmp_1";
  series.scope_name = "Tom & Jerry <Promo>";
  series.metric = "ctr";
  series.label = "CTR";
  series.unit = "percent";
  series.first = date_from_civil(2025, 1, 1);
  series.values = {0.01, 0.012, 0.011};
  const std::string path = dir.file("x.svg");
  ASSERT_TRUE(write_chart_svg(series, "", path).ok());
  EXPECT_NE(read_file(path).find("<title>CTR — Tom &amp; Jerry &lt;Promo&gt;</title>"),
            std::string::npos);
}

TEST(ChartPng, GapsDrawAsBrokenLine) {
  TempDir dir;
  const Report report = testing::sample_report();
  const MetricSeries& gappy = report.series.at(4);  // cmp_104 CPA, undefined on many days
  const std::string png = dir.file("gappy.png");
  const std::string svg = dir.file("gappy.svg");
  ASSERT_TRUE(write_chart_png(gappy, "$", png).ok());
  ASSERT_TRUE(write_chart_svg(gappy, "$", svg).ok());
  const Image image = load_png(png);
  EXPECT_GT(luminance_variance(image), 100.0);

  // Days 3 and 4 are undefined (2 and 5 defined): no actual-line pixel between their centres,
  // at any height of the plot.
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> scratch(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(scratch.get()), cairo_destroy);
  const ChartStyle style;
  const auto layout = detail::layout_chart(cr.get(), gappy, "$", style.width, style.height);
  ASSERT_TRUE(gappy.values[2].has_value());
  ASSERT_FALSE(gappy.values[3].has_value());
  ASSERT_FALSE(gappy.values[4].has_value());
  ASSERT_TRUE(gappy.values[5].has_value());
  const int from = static_cast<int>(layout.x_of(gappy.first + 3)) - 2;
  const int to = static_cast<int>(layout.x_of(gappy.first + 4)) + 2;
  const auto line_pixels = [&](int x_from, int x_to) {
    int count = 0;
    for (int x = x_from; x <= x_to; ++x) {
      for (int y = static_cast<int>(layout.plot_top) + 1; y < static_cast<int>(layout.plot_bottom);
           ++y) {
        const auto p = image.rgb(x, y);
        if (p[2] > 150 && p[0] < 90) {  // the actual line's blue
          ++count;
        }
      }
    }
    return count;
  };
  EXPECT_EQ(line_pixels(from, to), 0);
  // Days 5 and 6 are both defined: the line joins them.
  ASSERT_TRUE(gappy.values[6].has_value());
  EXPECT_GT(line_pixels(static_cast<int>(layout.x_of(gappy.first + 5)) + 3,
                        static_cast<int>(layout.x_of(gappy.first + 6)) - 3),
            5);
}

TEST(ChartPng, NoDataStillMakesAChart) {
  TempDir dir;
  MetricSeries none;
  none.scope = "cmp_105";
  none.metric = "cpa";
  none.label = "CPA";
  none.unit = "money";
  none.first = date_from_civil(2025, 10, 1);
  none.values.assign(10, std::nullopt);
  for (const auto* name : {"undefined", "empty"}) {
    const std::string png = dir.file(std::string(name) + ".png");
    const std::string svg = dir.file(std::string(name) + ".svg");
    ASSERT_TRUE(write_chart_png(none, "$", png).ok()) << name;
    ASSERT_TRUE(write_chart_svg(none, "$", svg).ok()) << name;
    const Image image = load_png(png);
    EXPECT_EQ(image.width, 960);
    EXPECT_GT(luminance_variance(image), 1.0) << "title and message are drawn";
    EXPECT_NE(read_file(svg).find("<title>CPA — cmp_105</title>"), std::string::npos);
    none.values.clear();
  }
}

TEST(ChartErrors, NameThePath) {
  TempDir dir;
  const Report report = testing::sample_report();
  const std::string path = dir.file("missing-folder/chart.png");
  const auto png = write_chart_png(report.series[0], "$", path);
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.error().code, ErrorCode::kIo);
  EXPECT_EQ(png.error().context.file, path);
  const auto svg = write_chart_svg(report.series[0], "$", dir.file("missing-folder/chart.svg"));
  ASSERT_FALSE(svg.ok());
  EXPECT_NE(svg.error().message.find("missing-folder/chart.svg"), std::string::npos);
  ChartStyle tiny;
  tiny.width = 10;
  const auto small = write_chart_png(report.series[0], "$", dir.file("ok.png"), tiny);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.error().code, ErrorCode::kInvalidArgument);
}

TEST(ChartLayout, DateLabelsNeverOverlap) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> scratch(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(scratch.get()), cairo_destroy);
  cairo_select_font_face(cr.get(), detail::kChartFont, CAIRO_FONT_SLANT_NORMAL,
                         CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr.get(), detail::kChartLabelSize);
  const auto width_of = [&](const std::string& text) {
    cairo_text_extents_t extents;
    cairo_text_extents(cr.get(), text.c_str(), &extents);
    return extents.x_advance;
  };
  const Report report = testing::sample_report();
  for (const int days : {7, 30, 100, 400, 1500}) {
    for (const int width : {400, 640, 960, 1600}) {
      MetricSeries series = report.series[0];
      series.values.assign(static_cast<size_t>(days), 1000.0);
      series.anomalies.clear();
      series.forecast.reset();
      const auto layout = detail::layout_chart(cr.get(), series, "$", width, 420);
      ASSERT_FALSE(layout.x_ticks.empty()) << days << " " << width;
      for (size_t i = 1; i < layout.x_ticks.size(); ++i) {
        const auto& a = layout.x_ticks[i - 1];
        const auto& b = layout.x_ticks[i];
        const double gap = layout.x_of(b.date) - layout.x_of(a.date);
        const double needed = (width_of(a.label) + width_of(b.label)) / 2;
        EXPECT_GT(gap, needed + 4)
            << days << " days, " << width << " wide: " << a.label << " / " << b.label;
      }
    }
  }
}

TEST(NiceTicks, UseOneTwoFiveSteps) {
  const auto t = detail::nice_ticks(0, 2461.3, 8);
  EXPECT_DOUBLE_EQ(t.step, 500);
  EXPECT_DOUBLE_EQ(t.lo, 0);
  EXPECT_DOUBLE_EQ(t.hi, 2500);
  EXPECT_EQ(t.values.size(), 6u);

  const auto r = detail::nice_ticks(3.12, 3.71, 6);
  EXPECT_DOUBLE_EQ(r.step, 0.2);
  EXPECT_NEAR(r.lo, 3.0, 1e-12);
  EXPECT_NEAR(r.hi, 3.8, 1e-12);

  const auto neg = detail::nice_ticks(-0.13, 0.27, 6);
  EXPECT_DOUBLE_EQ(neg.step, 0.1);
  EXPECT_NEAR(neg.lo, -0.2, 1e-12);
  EXPECT_NEAR(neg.hi, 0.3, 1e-12);

  const auto flat = detail::nice_ticks(50, 50, 6);
  EXPECT_LE(flat.lo, 50);
  EXPECT_GE(flat.hi, 50);
  EXPECT_LT(flat.lo, flat.hi);
  const auto zero = detail::nice_ticks(0, 0, 6);
  EXPECT_DOUBLE_EQ(zero.lo, 0);
  EXPECT_DOUBLE_EQ(zero.hi, 1);
  const auto bad = detail::nice_ticks(NAN, 1, 6);
  EXPECT_DOUBLE_EQ(bad.lo, 0);
  EXPECT_DOUBLE_EQ(bad.hi, 1);
}

TEST(NiceTicks, CoverTheRangeWithinTheBudgetForManyRanges) {
  for (double lo : {-1234.5, -1.0, 0.0, 0.0004, 3.3, 999.0, 1e6}) {
    for (double span : {1e-3, 0.07, 1.0, 13.0, 777.0, 2.5e5}) {
      for (int max_ticks : {3, 5, 8, 11}) {
        const auto t = detail::nice_ticks(lo, lo + span, max_ticks);
        ASSERT_LE(t.values.size(), static_cast<size_t>(max_ticks)) << lo << " " << span;
        ASSERT_GE(t.values.size(), 2u);
        EXPECT_LE(t.lo, lo + 1e-9 * std::fabs(lo));
        EXPECT_GE(t.hi, lo + span - 1e-9 * std::fabs(lo + span));
        const double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step)));
        EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
                    std::fabs(mantissa - 5) < 1e-9)
            << t.step;
      }
    }
  }
}

TEST(DateTicks, ThirtyDaysGetWeeklyMondays) {
  const Date first = date_from_civil(2025, 10, 1);
  const auto ticks = detail::date_ticks(first, first + 43, 12);
  ASSERT_FALSE(ticks.empty());
  EXPECT_LE(ticks.size(), 12u);
  EXPECT_EQ(ticks[0].label, "Oct 6");  // the first Monday
  EXPECT_EQ(ticks[0].sublabel, "2025");
  for (const auto& tick : ticks) {
    EXPECT_EQ(weekday(tick.date), 0) << tick.label;
  }
  EXPECT_EQ(ticks[4].label, "Nov 3");
  EXPECT_EQ(ticks[4].sublabel, "");
}

TEST(DateTicks, ShortRangesAreDaily) {
  const Date first = date_from_civil(2025, 12, 29);
  const auto ticks = detail::date_ticks(first, first + 5, 10);
  ASSERT_EQ(ticks.size(), 6u);
  EXPECT_EQ(ticks[0].label, "Dec 29");
  EXPECT_EQ(ticks[0].sublabel, "2025");
  EXPECT_EQ(ticks[3].label, "Jan 1");
  EXPECT_EQ(ticks[3].sublabel, "2026");  // the year changes
  EXPECT_EQ(ticks[4].sublabel, "");
}

TEST(DateTicks, LongRangesAreMonthsOrYears) {
  const Date first = date_from_civil(2024, 3, 15);
  const auto months = detail::date_ticks(first, date_from_civil(2025, 2, 10), 12);
  ASSERT_FALSE(months.empty());
  EXPECT_EQ(months[0].label, "Apr");
  EXPECT_EQ(months[0].sublabel, "2024");
  EXPECT_EQ(months[9].label, "Jan");
  EXPECT_EQ(months[9].sublabel, "2025");

  const auto years =
      detail::date_ticks(date_from_civil(2001, 5, 1), date_from_civil(2024, 1, 1), 8);
  ASSERT_FALSE(years.empty());
  EXPECT_LE(years.size(), 8u);
  EXPECT_EQ(years[0].label, "2005");
  EXPECT_EQ(years[1].label, "2010");
}

TEST(DateTicks, NeverExceedTheBudget) {
  const Date first = date_from_civil(2023, 1, 17);
  std::set<size_t> granularities;
  for (int span : {0, 1, 6, 13, 29, 44, 90, 200, 400, 1000, 4000, 20000}) {
    for (int budget : {1, 2, 4, 7, 12, 20}) {
      const auto ticks = detail::date_ticks(first, first + span, budget);
      ASSERT_FALSE(ticks.empty()) << span << " " << budget;
      EXPECT_LE(ticks.size(), static_cast<size_t>(budget)) << span << " " << budget;
      for (size_t i = 0; i < ticks.size(); ++i) {
        EXPECT_GE(ticks[i].date, first);
        EXPECT_LE(ticks[i].date, first + span);
        if (i > 0) {
          EXPECT_GT(ticks[i].date, ticks[i - 1].date);
        }
      }
      granularities.insert(ticks.size());
    }
  }
  EXPECT_GT(granularities.size(), 5u);
}

TEST(AxisLabels, FollowTheUnit) {
  using detail::axis_label;
  using detail::AxisFormat;
  EXPECT_EQ(axis_label(1200, AxisFormat{"money", "$", 200, 2000}), "$1,200");
  EXPECT_EQ(axis_label(1200, AxisFormat{"money", "$", 100, 20000}), "$1.2k");
  EXPECT_EQ(axis_label(15000, AxisFormat{"money", "$", 5000, 20000}), "$15k");
  EXPECT_EQ(axis_label(2500000, AxisFormat{"money", "€", 500000, 3e6}), "€2.5M");
  EXPECT_EQ(axis_label(22.5, AxisFormat{"money", "$", 0.5, 30}), "$22.50");
  EXPECT_EQ(axis_label(-500, AxisFormat{"money", "$", 250, 1000}), "-$500");
  EXPECT_EQ(axis_label(0.015, AxisFormat{"percent", "", 0.005, 0.03}), "1.5%");
  EXPECT_EQ(axis_label(0.02, AxisFormat{"percent", "", 0.01, 0.03}), "2%");
  EXPECT_EQ(axis_label(3.2, AxisFormat{"ratio", "", 0.2, 4}), "3.2×");
  EXPECT_EQ(axis_label(3.0, AxisFormat{"ratio", "", 1, 4}), "3×");
  EXPECT_EQ(axis_label(12000, AxisFormat{"number", "", 2000, 14000}), "12k");
  EXPECT_EQ(axis_label(1500, AxisFormat{"number", "", 500, 2000}), "1,500");
  EXPECT_EQ(axis_label(-0.0, AxisFormat{"number", "", 10, 50}), "0");
  EXPECT_EQ(detail::decimals_for_step(0.05), 2);
  EXPECT_EQ(detail::decimals_for_step(20), 0);
}

}  // namespace
}  // namespace adpilot::report
