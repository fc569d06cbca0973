// The JSON report: the schema of docs/report.md, filled from the sample fixture, read back with
// nlohmann's parser; and the whole document against a checked-in golden file
// (ADPILOT_UPDATE_GOLDEN=1 rewrites it; review the diff before committing).
#include "adpilot/report/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "report/sample_report.h"

namespace adpilot::report {
namespace {

using nlohmann::json;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ReportJson, HasEverySectionInSchemaOrder) {
  const std::string text = render_json(testing::sample_report());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.rfind("{\n  \"schema_version\": 1,\n", 0), 0u) << text.substr(0, 80);
  const auto doc = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& item : doc.items()) {
    keys.push_back(item.key());
  }
  const std::vector<std::string> expected = {"schema_version", "title",  "provenance", "summary",
                                             "campaigns",      "series", "trends",     "pacing",
                                             "decisions",      "copy",   "quality"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(doc["schema_version"], kReportSchemaVersion);
  EXPECT_EQ(doc["campaigns"].size(), 5u);
  EXPECT_EQ(doc["series"].size(), 5u);
  EXPECT_EQ(doc["trends"].size(), 4u);
  EXPECT_EQ(doc["pacing"].size(), 2u);
  EXPECT_EQ(doc["decisions"].size(), 4u);
  EXPECT_EQ(doc["copy"].size(), 2u);
  EXPECT_EQ(doc["quality"]["issues"].size(), 3u);
  EXPECT_EQ(doc["summary"]["headlines"].size(), 5u);
  EXPECT_EQ(doc["provenance"]["forecast_model"], "auto");
}

TEST(ReportJson, WritesUndefinedAsNull) {
  Report report = testing::sample_report();
  const json doc = report_to_json(report);
  const json& idle = doc["campaigns"][4];  // cmp_105 spent nothing: every ratio undefined
  ASSERT_EQ(idle["campaign_id"], "cmp_105");
  for (const char* key : {"ctr", "cpc", "cpm", "cvr", "cpa", "roas", "aov"}) {
    EXPECT_TRUE(idle[key].is_null()) << key;
  }
  EXPECT_EQ(idle["cost"], 0.0);  // a sum of nothing is zero, not undefined
  EXPECT_TRUE(doc["summary"]["headlines"][4]["previous"].is_null());
  EXPECT_TRUE(doc["summary"]["headlines"][4]["p_value"].is_null());
  const json& gappy = doc["series"][4];
  EXPECT_TRUE(gappy["values"][1].is_null());
  EXPECT_FALSE(gappy["values"][0].is_null());
  EXPECT_TRUE(gappy["forecast"].is_null());
  EXPECT_TRUE(doc["pacing"][1]["recommended_daily_budget"].is_null());
  EXPECT_EQ(doc["provenance"]["run_id"], 12);

  report.provenance.run_id.reset();
  report.campaigns[0].ctr = std::nan("");
  report.series[0].values[3] = INFINITY;
  const json changed = report_to_json(report);
  EXPECT_TRUE(changed["provenance"]["run_id"].is_null());
  EXPECT_TRUE(changed["campaigns"][0]["ctr"].is_null());
  EXPECT_TRUE(changed["series"][0]["values"][3].is_null());
  EXPECT_EQ(render_json(report).find("NaN"), std::string::npos);
}

TEST(ReportJson, FormatsDatesAsIsoStrings) {
  const json doc = report_to_json(testing::sample_report());
  EXPECT_EQ(doc["summary"]["current"]["first"], "2025-10-17");
  EXPECT_EQ(doc["summary"]["current"]["last"], "2025-10-30");
  EXPECT_EQ(doc["summary"]["previous"]["first"], "2025-10-03");
  EXPECT_EQ(doc["series"][0]["first"], "2025-10-01");
  EXPECT_EQ(doc["series"][0]["anomalies"][0]["date"], "2025-10-13");
  EXPECT_EQ(doc["series"][0]["forecast"]["dates"][0], "2025-10-31");
  EXPECT_EQ(doc["series"][0]["forecast"]["dates"][13], "2025-11-13");
  EXPECT_EQ(doc["quality"]["dates"]["last"], "2025-10-30");
}

TEST(ReportJson, ValuesReadBackExactly) {
  const Report report = testing::sample_report();
  const json doc = json::parse(render_json(report));
  ASSERT_EQ(doc["series"][0]["values"].size(), report.series[0].values.size());
  for (size_t i = 0; i < report.series[0].values.size(); ++i) {
    EXPECT_EQ(doc["series"][0]["values"][i].get<double>(), *report.series[0].values[i]);
  }
  EXPECT_EQ(doc["campaigns"][0]["ctr"].get<double>(), *report.campaigns[0].ctr);
  EXPECT_EQ(doc["series"][2]["forecast"]["hi95"][5].get<double>(),
            report.series[2].forecast->hi95[5]);
  EXPECT_EQ(doc["series"][2]["forecast"]["model"], "ARIMA(1,0,0)");
  EXPECT_EQ(doc["summary"]["headlines"][2]["current"].get<double>(), 26.42);
  EXPECT_EQ(doc["summary"]["headlines"][2]["significant"], true);
  EXPECT_EQ(doc["decisions"][2]["state"], "skipped");
  EXPECT_EQ(doc["decisions"][3]["index"], -1);
  EXPECT_EQ(doc["decisions"][0]["rationale"].size(), 3u);
  EXPECT_EQ(doc["copy"][0]["issues"][0]["severity"], "error");
  EXPECT_EQ(doc["copy"][1]["text"], report.copy[1].text);
  EXPECT_EQ(doc["quality"]["rows_rejected"], 27);
  // The sorted-key document is the same document.
  EXPECT_EQ(report_to_json(report), doc);
}

TEST(ReportJson, ReplacesInvalidUtf8InsteadOfFailing) {
  Report report = testing::sample_report();
  report.campaigns[0].campaign_name = "Caf\xe9 Sale";  // Latin-1, not UTF-8
  const std::string text = render_json(report);
  EXPECT_NE(text.find("Caf\xef\xbf\xbd Sale"), std::string::npos);
  EXPECT_TRUE(json::accept(text));
}

TEST(ReportJson, MatchesTheGoldenFile) {
  const std::string golden_path =
      std::string(ADPILOT_SOURCE_DIR) + "/tests/golden/report_sample.json";
  const std::string text = render_json(testing::sample_report());
  const char* update = std::getenv("ADPILOT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden_path, std::ios::binary) << text;
  }
  EXPECT_EQ(text, read_text(golden_path))
      << "render_json differs from tests/golden/report_sample.json; if the change is intended, "
         "rerun with ADPILOT_UPDATE_GOLDEN=1 and review the diff";
}

}  // namespace
}  // namespace adpilot::report
