// The page must open offline and fetch nothing: no external script, style sheet, font, image or
// request, and uPlot inlined byte for byte from the npm package the build embedded.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "adpilot/report/html.h"
#include "report/html_test_util.h"
#include "report/sample_report.h"

namespace adpilot::report {
namespace {

using adpilot::testing::count_of;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool contains_regex(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern, std::regex::icase));
}

TEST(HtmlOfflineTest, FetchesNothingFromTheNetwork) {
  std::string page = render_html(adpilot::testing::sample_report());
  // The one URL in the page is the licence banner comment at the top of uPlot's script.
  const std::string banner = "/*! https://github.com/leeoniya/uPlot";
  ASSERT_EQ(count_of(page, banner), 1U);
  page.erase(page.find(banner), banner.size());

  EXPECT_EQ(count_of(page, "http://"), 0U);
  EXPECT_EQ(count_of(page, "https://"), 0U);
  EXPECT_FALSE(contains_regex(page, R"(<script[^>]*\bsrc\s*=)")) << "an external script";
  EXPECT_FALSE(contains_regex(page, R"(<link\b)")) << "a linked style sheet, font or icon";
  EXPECT_FALSE(contains_regex(page, R"(@import)"));
  EXPECT_FALSE(contains_regex(page, R"(url\s*\()")) << "a CSS url(), e.g. a web font";
  EXPECT_FALSE(contains_regex(page, R"(\bfetch\s*\()"));
  EXPECT_FALSE(contains_regex(page, R"(XMLHttpRequest|WebSocket|EventSource|sendBeacon)"));
  EXPECT_FALSE(contains_regex(page, R"(<(img|iframe|object|embed|video|audio|source)\b)"));
  EXPECT_FALSE(contains_regex(page, R"(\b(src|href|action|poster)\s*=\s*["']?\s*(\w+:)?//)"));
  // In-page navigation only.
  EXPECT_FALSE(contains_regex(page, R"(href\s*=\s*"[^#])"));
}

TEST(HtmlOfflineTest, EmbedsUplotAsThePackageShipsIt) {
  const std::string page = render_html(adpilot::testing::sample_report());
  const std::string dist = std::string(ADPILOT_SOURCE_DIR) + "/node_modules/uplot/dist/";
  const std::string script = read_text(dist + "uPlot.iife.min.js");
  const std::string style = read_text(dist + "uPlot.min.css");
  if (script.empty() || style.empty()) {
    GTEST_SKIP() << "node_modules/uplot is not installed here (scripts/setup.sh runs npm ci)";
  }
  EXPECT_NE(page.find(script), std::string::npos) << "uPlot's script, inlined whole";
  EXPECT_NE(page.find(style), std::string::npos) << "uPlot's style sheet, inlined whole";
  EXPECT_NE(page.find("(v1.6.32)"), std::string::npos);
  // Our scripts come after uPlot's, which defines the global they call.
  EXPECT_LT(page.find("var uPlot="), page.find("new uPlot("));
  // Three script blocks: the chart data, uPlot, ours.
  EXPECT_EQ(count_of(page, "<script"), 3U);
  EXPECT_EQ(count_of(page, "</script>"), 3U);
  EXPECT_EQ(page.rfind("</html>\n"), page.size() - 8);
}

}  // namespace
}  // namespace adpilot::report
