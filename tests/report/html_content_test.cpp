// What the page says: every section in order with its navigation link, headline cards with
// arrows coloured by good or bad news, the KPI table formatted for people with raw values to
// sort on ("—" and an empty key for undefined), one chart per series with its data aligned on
// one day axis, and decisions with their state.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/report/detail/html_charts.h"
#include "adpilot/report/html.h"
#include "report/html_test_util.h"
#include "report/sample_report.h"

namespace adpilot::report {
namespace {

using adpilot::testing::between;
using adpilot::testing::count_of;

// The cells of one KPI table row, found by the campaign's name; [0] is the name (with id,
// channel and status beneath it), then the columns Impressions … Profit.
std::vector<std::string> kpi_cells(const std::string& page, const std::string& name) {
  const std::string row =
      between(page, "<tr><th scope=\"row\" data-value=\"" + name + "\"", "</tr>");
  std::vector<std::string> cells;
  size_t at = 0;
  while ((at = row.find("<t", at)) != std::string::npos) {
    const size_t end = row.find("</t", at);
    cells.push_back(row.substr(at, end - at));
    at = end;
  }
  return cells;
}

constexpr size_t kSpendCell = 3;
constexpr size_t kCtrCell = 6;
constexpr size_t kCpaCell = 10;
constexpr size_t kRoasCell = 11;

TEST(HtmlContentTest, SectionsInOrderWithNavigation) {
  const std::string page = render_html(adpilot::testing::sample_report());
  const std::vector<std::string> ids = {"summary", "campaigns",    "charts",
                                        "trends",  "pacing",       "decisions",
                                        "ad-copy", "data-quality", "provenance"};
  size_t previous = 0;
  for (const std::string& id : ids) {
    const size_t at = page.find("<section id=\"" + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, previous) << id << " is out of order";
    previous = at;
    EXPECT_EQ(count_of(page, "<a href=\"#" + id + "\">"), 1U) << id;
  }
  EXPECT_NE(page.find(">How this was made</h2>"), std::string::npos);
  EXPECT_NE(page.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
}

TEST(HtmlContentTest, HeadlineCardsShowChangeNewsAndSignificance) {
  const std::string page = render_html(adpilot::testing::sample_report());
  // CPA went down (fewer dollars per conversion) — good news, significant at p = 0.003.
  const std::string cpa = between(page, "data-metric=\"cpa\"", "</article>");
  ASSERT_FALSE(cpa.empty());
  EXPECT_NE(cpa.find("<span class=\"change good\">▼ "), std::string::npos) << cpa;
  EXPECT_NE(cpa.find("significant (p = 0.003)"), std::string::npos) << cpa;
  // Spend fell ($18,731.15 against $18,900.65); the fixture marks spend lower-is-better, so
  // the fall is green, and not significant at p = 0.412.
  const std::string spend = between(page, "data-metric=\"spend\"", "</article>");
  EXPECT_NE(spend.find("<p class=\"value\">$18,731.15</p>"), std::string::npos) << spend;
  EXPECT_NE(spend.find("<span class=\"change good\">▼ 0.90%"), std::string::npos) << spend;
  EXPECT_NE(spend.find("not significant (p = 0.412)"), std::string::npos) << spend;
  // Conversions rose (higher is better): green too.
  const std::string conversions = between(page, "data-metric=\"conversions\"", "</article>");
  EXPECT_NE(conversions.find("<span class=\"change good\">▲ "), std::string::npos) << conversions;
  // ROAS is a ratio: printed with ×.
  const std::string roas = between(page, "data-metric=\"roas\"", "</article>");
  EXPECT_NE(roas.find("×</p>"), std::string::npos) << roas;
  // CTR has no previous period: undefined, no arrow, no significance claim.
  const std::string ctr = between(page, "data-metric=\"ctr\"", "</article>");
  EXPECT_NE(ctr.find("<p class=\"value\">3.87%</p>"), std::string::npos) << ctr;
  EXPECT_NE(ctr.find("Previous period: —"), std::string::npos) << ctr;
  EXPECT_NE(ctr.find("<span class=\"change flat\">—</span>"), std::string::npos) << ctr;
  EXPECT_EQ(ctr.find("significant"), std::string::npos) << ctr;
  EXPECT_NE(page.find("<ul class=\"highlights\""), std::string::npos);
}

TEST(HtmlContentTest, KpiTableFormatsForPeopleAndKeepsRawSortKeys) {
  const std::string page = render_html(adpilot::testing::sample_report());
  EXPECT_NE(page.find("id=\"kpi-table\" data-sortable"), std::string::npos);
  // Every column heading is a sort button.
  const std::string head = between(page, "<table class=\"kpi\"", "</thead>");
  EXPECT_EQ(count_of(head, "<button type=\"button\">"), 14U);
  EXPECT_EQ(count_of(head, "data-type=\"number\""), 13U);

  // Search - Generic: 24,370 clicks of 812,340 impressions = 2.99998% CTR; CPA
  // 15,434.75 / 562.5 = 27.4396; ROAS 54,623.65 / 15,434.75 = 3.53900.
  const std::vector<std::string> generic = kpi_cells(page, "Search - Generic");
  ASSERT_EQ(generic.size(), 14U);
  EXPECT_NE(generic[0].find("cmp_102 · google_ads <span class=\"badge good\">ENABLED</span>"),
            std::string::npos)
      << generic[0];
  EXPECT_NE(generic[kSpendCell].find(">$15,434.75"), std::string::npos) << generic[kSpendCell];
  EXPECT_NE(generic[kSpendCell].find("data-value=\"15434.75\""), std::string::npos);
  EXPECT_NE(generic[kCtrCell].find(">3.00%"), std::string::npos) << generic[kCtrCell];
  EXPECT_NE(generic[kCpaCell].find(">$27.44"), std::string::npos) << generic[kCpaCell];
  EXPECT_NE(generic[kRoasCell].find(">3.54×"), std::string::npos) << generic[kRoasCell];

  // Search - Competitors spent nothing: CPA is undefined — "—" with an empty sort key.
  const std::vector<std::string> idle = kpi_cells(page, "Search - Competitors");
  ASSERT_EQ(idle.size(), 14U);
  EXPECT_EQ(idle[kCpaCell], "<td class=\"num undef\" data-value=\"\">—");
  EXPECT_EQ(idle[kCtrCell], "<td class=\"num undef\" data-value=\"\">—");
  EXPECT_NE(idle[kSpendCell].find(">$0.00"), std::string::npos) << idle[kSpendCell];

  // An ampersand in a name is escaped in the text and in the sort key alike.
  EXPECT_EQ(kpi_cells(page, "Shopping &amp; PMax").size(), 14U);
  EXPECT_NE(kpi_cells(page, "Video - Prospecting")[0].find("<span class=\"badge\">PAUSED</span>"),
            std::string::npos);
}

TEST(HtmlContentTest, OneChartContainerPerSeries) {
  const Report report = adpilot::testing::sample_report();
  const std::string page = render_html(report);
  ASSERT_EQ(report.series.size(), 5U);
  EXPECT_EQ(count_of(page, "<figure class=\"chart\""), report.series.size());
  EXPECT_EQ(count_of(page, "<div class=\"chart-plot\"></div>"), report.series.size());
  EXPECT_NE(page.find("<section id=\"charts\" aria-labelledby=\"charts-title\" "
                      "data-chart-count=\"5\">"),
            std::string::npos);
  for (size_t series_idx = 0; series_idx < report.series.size(); ++series_idx) {
    EXPECT_EQ(count_of(page, "data-series=\"" + std::to_string(series_idx) + "\""), 1U);
  }
  // Without JavaScript the caption still says what the chart is.
  EXPECT_EQ(count_of(page, "<noscript>"), report.series.size());
  EXPECT_NE(page.find("<figcaption>Spend"), std::string::npos);
}

TEST(HtmlContentTest, ChartDataAlignsHistoryAnomaliesAndForecastOnOneDayAxis) {
  const Report report = adpilot::testing::sample_report();
  const nlohmann::json data = detail::chart_data(report);
  EXPECT_EQ(data["symbol"], "$");
  ASSERT_EQ(data["series"].size(), 5U);

  const nlohmann::json& spend = data["series"][0];
  EXPECT_EQ(spend["unit"], "money");
  ASSERT_EQ(spend["x"].size(), 44U);     // 30 days of history, 14 of forecast
  EXPECT_EQ(spend["x"][0], 1759276800);  // 2025-10-01T00:00:00Z
  EXPECT_EQ(spend["x"][43].get<int64_t>() - spend["x"][0].get<int64_t>(), 43 * 86400);
  EXPECT_DOUBLE_EQ(spend["values"][0].get<double>(), 1284.50);
  EXPECT_DOUBLE_EQ(spend["values"][29].get<double>(), 1460.25);
  EXPECT_TRUE(spend["values"][30].is_null());
  EXPECT_TRUE(spend["anomalies"][11].is_null());
  EXPECT_DOUBLE_EQ(spend["anomalies"][12].get<double>(), 2461.30);  // Oct 13
  EXPECT_TRUE(spend["forecast"]["mean"][29].is_null());
  EXPECT_DOUBLE_EQ(spend["forecast"]["mean"][30].get<double>(), 1397.50);  // 1395 + 2.5
  EXPECT_LT(spend["forecast"]["lo95"][30].get<double>(),
            spend["forecast"]["lo80"][30].get<double>());
  EXPECT_GT(spend["forecast"]["hi95"][43].get<double>(),
            spend["forecast"]["hi80"][43].get<double>());

  // The campaign CPA has undefined days (no conversions), no anomalies and no forecast.
  const nlohmann::json& campaign_cpa = data["series"][4];
  ASSERT_EQ(campaign_cpa["x"].size(), 30U);
  EXPECT_FALSE(campaign_cpa["values"][0].is_null());
  EXPECT_TRUE(campaign_cpa["values"][1].is_null());
  EXPECT_FALSE(campaign_cpa.contains("anomalies"));
  EXPECT_FALSE(campaign_cpa.contains("forecast"));
}

TEST(HtmlContentTest, TrendsShowTheSignificantAndFoldTheRest) {
  const std::string page = render_html(adpilot::testing::sample_report());
  const std::string section = between(page, "<section id=\"trends\"", "</section>");
  const std::string folded = between(section, "<details", "</details>");
  ASSERT_FALSE(folded.empty());
  const std::string shown = section.substr(0, section.find("<details"));
  // Shown: the account's CPA and the significant CTR of Search - Brand, coloured as news.
  EXPECT_EQ(count_of(shown, "<tr><td"), 2U);
  EXPECT_NE(shown.find("CPA fell 1.9% (p = 0.003)"), std::string::npos);
  EXPECT_NE(shown.find("<span class=\"change bad\">▼ 6.46%</span>"), std::string::npos) << shown;
  // Folded: two campaign rows that are not significant; their change is not coloured.
  EXPECT_NE(folded.find("<summary>2 more campaign trends, none significant</summary>"),
            std::string::npos);
  EXPECT_EQ(count_of(folded, "<tr><td"), 2U);
  EXPECT_NE(folded.find("<span class=\"change flat\">▲ 3.65%</span>"), std::string::npos) << folded;
  EXPECT_NE(folded.find("CPA undefined: no conversions yet"), std::string::npos);
}

TEST(HtmlContentTest, DecisionsCarryStateRuleRationaleAndReason) {
  const std::string page = render_html(adpilot::testing::sample_report());
  EXPECT_EQ(count_of(page, "<article class=\"item decision state-applied\""), 2U);
  const std::string skipped = between(page, "data-state=\"skipped\"", "</article>");
  EXPECT_NE(skipped.find("<span class=\"badge warn\">skipped</span>"), std::string::npos);
  EXPECT_NE(skipped.find("Guardrail max_total_spend_change"), std::string::npos);
  const std::string not_taken = between(page, "data-state=\"not_taken\"", "</article>");
  EXPECT_NE(not_taken.find(">not taken</span>"), std::string::npos);
  EXPECT_EQ(not_taken.find("Plan action #"), std::string::npos);
  const std::string applied = between(page, "data-state=\"applied\"", "</article>");
  EXPECT_NE(applied.find("Rule <strong>pause_expensive_campaigns</strong>"), std::string::npos);
  EXPECT_EQ(count_of(applied, "<li>"), 3U);
  // Ad copy keeps its quotes and angle brackets as text.
  EXPECT_NE(page.find("our *worst* prices ever are &lt;gone&gt; soon."), std::string::npos);
}

TEST(HtmlContentTest, EmptyReportStillRendersEverySection) {
  const std::string page = render_html(Report{});
  EXPECT_EQ(count_of(page, "<section id="), 9U);
  EXPECT_NE(page.find("data-chart-count=\"0\""), std::string::npos);
  EXPECT_EQ(count_of(page, "<figure"), 0U);
  EXPECT_NE(page.find("No budgets were given"), std::string::npos);
  EXPECT_NE(page.find("<title>adpilot report</title>"), std::string::npos);
}

}  // namespace
}  // namespace adpilot::report
