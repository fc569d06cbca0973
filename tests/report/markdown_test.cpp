// The Markdown report: every section of the HTML page, numbers for people, user text escaped;
// and the sample's whole document against a golden file (ADPILOT_UPDATE_GOLDEN=1 rewrites it).
#include "adpilot/report/markdown.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "report/sample_report.h"

namespace adpilot::report {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The line that contains `part` (the first one), for table-row checks.
std::string line_with(const std::string& text, const std::string& part) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (has(line, part)) {
      return line;
    }
  }
  return {};
}

TEST(ReportMarkdown, HasEverySectionInOrder) {
  const std::string md = render_markdown(testing::sample_report());
  EXPECT_EQ(md.rfind("# Acme Outdoor — weekly ads report\n", 0), 0u);
  const std::vector<std::string> headings = {
      "## Summary",   "## Campaigns", "## Charts",       "## Trends",           "## Pacing",
      "## Decisions", "## Ad copy",   "## Data quality", "## How this was made"};
  size_t at = 0;
  for (const auto& heading : headings) {
    const size_t found = md.find("\n" + heading + "\n", at);
    ASSERT_NE(found, std::string::npos) << heading;
    at = found + 1;
  }
  EXPECT_TRUE(has(md, "Generated 2025-10-31T06:00:00Z by adpilot 0.4.0"));
}

TEST(ReportMarkdown, SummaryShowsChangeAndSignificance) {
  const std::string md = render_markdown(testing::sample_report());
  EXPECT_EQ(line_with(md, "| CPA |"),
            "| CPA | $26.42 | $26.92 | ▼ 1.9% | significant (p = 0.003) |");
  EXPECT_EQ(line_with(md, "| Spend |"),
            "| Spend | $18,731.15 | $18,900.65 | ▼ 0.9% | not significant (p = 0.412) |");
  EXPECT_EQ(line_with(md, "| ROAS |"),
            "| ROAS | 3.44× | 3.37× | ▲ 2.0% | significant (p = 0.048) |");
  // CTR has no previous value and no test: undefined, not zero.
  EXPECT_EQ(line_with(md, "| CTR |"), "| CTR | 3.87% | — | — | — |");
  EXPECT_TRUE(has(md, "- CPA fell 1.9% to $26.42 while spend held steady (p = 0.003).\n"));
}

TEST(ReportMarkdown, KpiTableRightAlignsNumbersAndFormatsThem) {
  const std::string md = render_markdown(testing::sample_report());
  EXPECT_TRUE(has(md, "| Campaign | Channel | Status | Impressions |"));
  EXPECT_TRUE(has(md, "| :--- | :--- | :--- | ---: | ---: |"));
  const std::string video = line_with(md, "(cmp_104) | google_ads | PAUSED");
  EXPECT_TRUE(has(video, "| 2,204,800 | 3,110 | $4,180.70 | 15 | $1,250.00 | 0.14% |")) << video;
  EXPECT_TRUE(has(video, "| $278.71 | 0.30× | -$2,930.70 |")) << video;
  const std::string idle = line_with(md, "Search - Competitors (cmp_105) |");
  EXPECT_TRUE(has(idle, "| $0.00 | — | — | — | — | — | $0.00 |")) << idle;
  // Fractional conversions keep their decimals.
  EXPECT_TRUE(has(line_with(md, "(cmp_102) | google_ads"), "| 562.50 |"));
}

TEST(ReportMarkdown, LinksChartsAndListsTheRest) {
  const Report report = testing::sample_report();
  const std::string md = render_markdown(report);
  EXPECT_TRUE(has(md, "![Spend per day — Account](charts/account_cost.png)\n"));
  EXPECT_TRUE(has(md, "![CPA — Video - Prospecting](charts/cmp_104_cpa.png)\n"));
  EXPECT_TRUE(has(md, "- Forecast: ARIMA(1,0,0), 14 days, with 80% and 95% intervals\n"));
  EXPECT_TRUE(has(md, "- Anomaly: 21 conversions on Oct 22, expected about 56\n"));
  EXPECT_TRUE(has(render_markdown(report, "img/"), "](img/account_roas.png)"));
  EXPECT_TRUE(has(render_markdown(report, "charts", "svg"), "](charts/account_roas.svg)"));
  const std::string no_images = render_markdown(report, "charts", "");
  EXPECT_FALSE(has(no_images, "!["));
  EXPECT_TRUE(has(no_images, "### ROAS — Account\n"));

  // Two series with the same id get distinct files.
  Report twice = report;
  twice.series.push_back(report.series[0]);
  EXPECT_TRUE(has(render_markdown(twice), "](charts/account_cost_2.png)"));
}

TEST(ReportMarkdown, TrendsPacingDecisionsCopyQualityAndMethod) {
  Report report = testing::sample_report();
  std::swap(report.trends[0], report.trends[2]);  // a non-significant row first
  const std::string md = render_markdown(report);
  const size_t significant = md.find("| Account | CPA | $26.42");
  const size_t not_significant = md.find("| Search - Generic (cmp_102) | ROAS | 3.41×");
  ASSERT_NE(significant, std::string::npos);
  ASSERT_NE(not_significant, std::string::npos);
  EXPECT_LT(significant, not_significant) << "significant trends come first";

  EXPECT_TRUE(has(line_with(md, "| 2025-10 | $15,500.00"),
                  "| $15,860.40 – $16,042.75 | 102.91% | over-pacing | $65.25 |"));
  EXPECT_TRUE(has(md, "- **Applied**: Pause cmp_104 (CPA $278.71 vs median $26.50)\n"));
  EXPECT_TRUE(has(md,
                  "  - Rule pause_expensive_campaigns on campaign Video - Prospecting "
                  "(cmp_104), action pause (plan action 0)\n"));
  EXPECT_TRUE(has(md, "  - Guard: at least 10 conversions (15) — met.\n"));
  EXPECT_TRUE(has(md, "- **Skipped**: Raise the budget of cmp_102"));
  EXPECT_TRUE(has(md, "  - Reason: Guardrail max_total_spend_change (10% per day)"));
  EXPECT_TRUE(has(md, "- **Not taken**: Alert: CTR of cmp_104 below 0.2%\n"));
  EXPECT_TRUE(has(md, "  - error length.headline: Headline is 60 characters"));
  EXPECT_TRUE(has(md, "  - Suggestion: “Best Hiking Boots, Free Shipping”\n"));
  EXPECT_TRUE(has(md, "— sentiment negative (-0.41)\n"));
  EXPECT_TRUE(has(md, "Rows read 3,125, kept 3,098, rejected 27"));
  EXPECT_TRUE(has(md, "| duplicate row | 6 | drop |"));
  EXPECT_TRUE(has(md, "- Rules: rules.yaml (sha256:3f9a1c0e5b7d2a48)\n"));
  EXPECT_TRUE(has(md, "- Anomalies: seasonal_robust\n"));
  EXPECT_TRUE(
      has(md, "- Actions: simulate, applied, plan plan_7c41e2, run 12, store adpilot.db\n"));

  report.provenance.applied = false;
  report.provenance.run_id.reset();
  report.decisions[0].state = "planned";
  const std::string dry = render_markdown(report);
  EXPECT_TRUE(has(dry, "- Actions: simulate, planned only (dry run), plan plan_7c41e2, store"));
  EXPECT_TRUE(has(dry, "- **Planned (dry run)**: Pause cmp_104"));
}

TEST(ReportMarkdown, EscapesUserText) {
  Report report = testing::sample_report();
  report.campaigns[0].campaign_name = "Brand | Exact *top* [EU]";
  report.copy[0].text = "Line one\nline two with <b>tags</b> & `code` _under_ #1";
  report.title = "# Q4 > plan";
  const std::string md = render_markdown(report);
  const std::string row = line_with(md, "(cmp_102) | google_ads");
  EXPECT_TRUE(has(row, "| Brand \\| Exact \\*top\\* \\[EU\\] (cmp_102) | google_ads |")) << row;
  // Splitting the row on unescaped pipes gives exactly the table's columns.
  size_t cells = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) {
      ++cells;
    }
  }
  EXPECT_EQ(cells, 15u);  // 14 columns
  EXPECT_TRUE(has(md, "“Line one line two with \\<b>tags\\</b> & \\`code\\` \\_under\\_ #1”"));
  EXPECT_EQ(md.rfind("# \\# Q4 > plan\n", 0), 0u);
  EXPECT_TRUE(has(md, "(cmp_102)")) << "underscores inside words stay readable";
}

TEST(ReportMarkdown, EmptyReportStillRenders) {
  Report empty;
  empty.title = "Empty";
  const std::string md = render_markdown(empty);
  EXPECT_TRUE(has(md, "No campaign data."));
  EXPECT_TRUE(has(md, "No rule fired: nothing to change."));
  EXPECT_TRUE(has(md, "No issues found."));
  EXPECT_FALSE(has(md, "## Charts"));
  EXPECT_FALSE(has(md, "## Pacing"));
}

TEST(ReportMarkdown, MatchesTheGoldenFile) {
  const std::string golden_path =
      std::string(ADPILOT_SOURCE_DIR) + "/tests/golden/report_sample.md";
  const std::string md = render_markdown(testing::sample_report());
  const char* update = std::getenv("ADPILOT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden_path, std::ios::binary) << md;
  }
  EXPECT_EQ(md, read_text(golden_path))
      << "render_markdown differs from tests/golden/report_sample.md; if the change is "
         "intended, rerun with ADPILOT_UPDATE_GOLDEN=1 and review the diff";
}

}  // namespace
}  // namespace adpilot::report
