// User text — campaign names, ad copy, rule names, file names — must print as written and never
// become markup: not in element text, not in attributes, not inside the chart data's script.
#include "adpilot/report/detail/html_escape.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "adpilot/report/html.h"
#include "report/html_test_util.h"
#include "report/sample_report.h"

namespace adpilot::report {
namespace {

using adpilot::testing::between;
using adpilot::testing::count_of;

const std::string kHostile = "<script>alert(\"x\")</script> & 'Co' </script><!-- <b>";
const std::string kHostileEscaped =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39; "
    "&lt;/script&gt;&lt;!-- &lt;b&gt;";

Report hostile_report() {
  Report report = adpilot::testing::sample_report();
  report.title = kHostile;
  report.campaigns[0].campaign_name = kHostile;
  report.campaigns[0].channel = kHostile;
  report.series[0].scope_name = kHostile;
  report.series[0].label = kHostile;
  report.series[0].forecast->model = kHostile;
  report.summary.highlights.push_back(kHostile);
  report.trends[0].scope_name = kHostile;
  report.pacing[0].campaign_name = kHostile;
  report.decisions[0].summary = kHostile;
  report.decisions[0].rationale.push_back(kHostile);
  report.decisions[0].state = kHostile;
  report.copy[0].text = kHostile;
  report.copy[0].issues[0].rule_id = kHostile;
  report.quality.issues[0].example = kHostile;
  report.provenance.inputs.push_back(kHostile);
  return report;
}

TEST(HtmlEscapeTest, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(detail::escape_html(kHostile), kHostileEscaped);
  EXPECT_EQ(detail::escape_html("Shopping & PMax — “quoted”"), "Shopping &amp; PMax — “quoted”");
  EXPECT_EQ(detail::escape_html(""), "");
}

TEST(HtmlEscapeTest, ScriptJsonCannotCloseItsScriptTag) {
  const nlohmann::json value = {{"name", kHostile}};
  const std::string text = detail::script_json(value);
  EXPECT_EQ(text.find('<'), std::string::npos) << text;
  EXPECT_EQ(nlohmann::json::parse(text)["name"], kHostile);
  // Invalid UTF-8 in a name must not throw out of the renderer.
  const std::string replaced = detail::script_json(nlohmann::json{{"name", "bad \xff byte"}});
  EXPECT_EQ(nlohmann::json::parse(replaced)["name"], "bad \xEF\xBF\xBD byte");
}

TEST(HtmlEscapeTest, HostileNamesPrintAsTextEverywhere) {
  const std::string page = render_html(hostile_report());
  // The raw text never reaches the page, and no tag it holds was opened: the page still has
  // exactly its own three script blocks and no <b>.
  EXPECT_EQ(page.find(kHostile), std::string::npos);
  EXPECT_EQ(page.find("alert(\""), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(count_of(page, "<script"), 3U);
  EXPECT_EQ(count_of(page, "</script>"), 3U);
  EXPECT_EQ(count_of(page, "<!--"), 0U);
  // Title, KPI name (text and sort attribute), caption, highlight, trend, pacing, decision,
  // rationale, state class, copy text, rule id, quality example, provenance input.
  EXPECT_GE(count_of(page, kHostileEscaped), 16U);
  EXPECT_NE(page.find("<title>" + kHostileEscaped + "</title>"), std::string::npos);
  EXPECT_NE(page.find("<th scope=\"row\" data-value=\"" + kHostileEscaped + "\">"),
            std::string::npos);
}

TEST(HtmlEscapeTest, HostileNamesSurviveTheChartData) {
  const std::string page = render_html(hostile_report());
  const std::string open = "<script type=\"application/json\" id=\"chart-data\">";
  const std::string block = between(page, open, "</script>");
  ASSERT_FALSE(block.empty());
  const std::string text = block.substr(open.size(), block.size() - open.size() - 9);
  const nlohmann::json data = nlohmann::json::parse(text);
  EXPECT_EQ(data["series"][0]["label"], kHostile);
  EXPECT_EQ(data["series"][0]["forecast"]["model"], kHostile);
}

}  // namespace
}  // namespace adpilot::report
