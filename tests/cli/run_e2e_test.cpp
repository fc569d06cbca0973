// `adpilot run` and `adpilot demo` through the real binary: the report on the bundled sample
// against a golden file (ADPILOT_NOW pins its time; ADPILOT_UPDATE_GOLDEN=1 rewrites the golden
// file — review the diff before committing it), --apply against a store and a second run that
// does not apply again, the example config, config errors, the progress display's silence off a
// terminal and with --quiet, and a run on a real public data set.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "act/plan_builder.h"
#include "store/temp_dir.h"

namespace adpilot::cli {
namespace {

using adpilot::testing::read_text;
using adpilot::testing::run_adpilot;
using adpilot::testing::TempDir;
using nlohmann::json;

constexpr const char* kNow = "ADPILOT_NOW=2026-10-30T06:00:00Z";

const std::string kSource = ADPILOT_SOURCE_DIR;

// A folder holding a copy of the sample, so the report names its inputs by relative paths.
void copy_sample(const TempDir& dir) {
  for (const char* name : {"performance.csv", "budgets.csv", "ad_copy.csv"}) {
    std::filesystem::copy_file(kSource + "/data/sample/" + name, dir.file(name));
  }
}

const std::string kSampleRun =
    "run performance.csv --budgets budgets.csv --ad-copy ad_copy.csv --db none.db --report-dir "
    "report";

json read_report(const TempDir& dir, const std::string& folder = "report") {
  return json::parse(read_text(dir.file(folder + "/report.json")));
}

std::map<std::string, std::string> decision_states(const json& report) {
  std::map<std::string, std::string> out;
  for (const auto& d : report["decisions"]) {
    if (d["index"].get<int>() >= 0) {
      out[d["entity_id"].get<std::string>()] = d["state"].get<std::string>();
    }
  }
  return out;
}

TEST(RunEndToEndTest, SampleReportHasEverySectionAndMatchesTheGolden) {
  TempDir dir;
  copy_sample(dir);
  const auto run = run_adpilot(dir.path().string(), kSampleRun, kNow);
  ASSERT_EQ(run.status, 0) << run.err << run.out;
  EXPECT_EQ(run.err, "") << "stderr is not a terminal: no progress";
  EXPECT_NE(run.out.find("Report: report/report.html"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Data: 4,320 rows from 1 file, 2026-08-01 to 2026-10-29, USD"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("a dry run"), std::string::npos) << run.out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")))
      << "a dry run must not create the store";
  for (const char* file : {"report/report.html", "report/report.md", "report/report.json"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.file(file))) << file;
  }
  std::set<std::string> chart_kinds;
  for (const auto& entry : std::filesystem::directory_iterator(dir.file("report/charts"))) {
    chart_kinds.insert(entry.path().extension().string());
  }
  EXPECT_EQ(chart_kinds, (std::set<std::string>{".png", ".svg"}));

  const json report = read_report(dir);
  for (const char* section : {"schema_version", "title", "provenance", "summary", "campaigns",
                              "series", "trends", "pacing", "decisions", "copy", "quality"}) {
    EXPECT_TRUE(report.contains(section)) << section;
  }
  // What the sample is built to show (data/sample/README.md).
  ASSERT_EQ(report["campaigns"].size(), 12U);
  EXPECT_EQ(report["campaigns"][0]["campaign_id"], "cmp_104");  // the largest spender
  EXPECT_EQ(report["campaigns"][0]["status"], "ENABLED");
  std::vector<std::string> headlines;
  for (const auto& h : report["summary"]["headlines"]) {
    headlines.push_back(h["metric"].get<std::string>());
  }
  EXPECT_EQ(headlines,
            (std::vector<std::string>{"spend", "conversions", "cpa", "roas", "clicks", "revenue"}));
  const auto states = decision_states(report);
  EXPECT_EQ(states.at("cmp_104"), "planned");
  EXPECT_EQ(states.at("cmp_203"), "planned");
  EXPECT_EQ(report["pacing"].size(), 12U);
  EXPECT_FALSE(report["copy"].empty());
  EXPECT_EQ(report["series"].size(), 7U);
  EXPECT_EQ(report["provenance"]["applied"], false);
  EXPECT_EQ(report["provenance"]["generated_at"], "2026-10-30T06:00:00Z");
  EXPECT_EQ(report["provenance"]["rules_file"], "rules.yaml (bundled)");

  const std::string golden_path = kSource + "/tests/golden/report_demo.json";
  if (std::getenv("ADPILOT_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path) << report.dump(2) << "\n";
  }
  const json expected = json::parse(read_text(golden_path));
  EXPECT_TRUE(report == expected)
      << json::diff(expected, report).dump(1)
      << "\nthe report differs from tests/golden/report_demo.json; if the change is "
         "intended, rerun with ADPILOT_UPDATE_GOLDEN=1 and review the diff";
}

TEST(RunEndToEndTest, DemoIsARunOnTheBundledDataThatLeavesTheStoreAlone) {
  TempDir dir;
  const auto demo = run_adpilot(dir.path().string(), "demo",
                                std::string(kNow) + " XDG_DATA_HOME='" + dir.file("xdg") + "'");
  ASSERT_EQ(demo.status, 0) << demo.err << demo.out;
  EXPECT_NE(demo.out.find("Report: adpilot-demo-report/report.html"), std::string::npos)
      << demo.out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("xdg"))) << "demo must not create a store";
  const json report = read_report(dir, "adpilot-demo-report");
  EXPECT_EQ(
      report["provenance"]["inputs"],
      (json{"data/sample/performance.csv", "data/sample/budgets.csv", "data/sample/ad_copy.csv"}));
  // The demo's report is the run's on the same files (the inputs' names aside).
  copy_sample(dir);
  ASSERT_EQ(run_adpilot(dir.path().string(), kSampleRun, kNow).status, 0);
  json run_report = read_report(dir);
  json demo_report = report;
  for (json* r : {&run_report, &demo_report}) {
    (*r)["provenance"].erase("inputs");
    (*r)["provenance"].erase("plan_id");  // the plan's hash covers its inputs' names
    (*r)["quality"].erase("files");
  }
  EXPECT_TRUE(demo_report == run_report) << json::diff(run_report, demo_report).dump(1);

  const auto other = run_adpilot(dir.path().string(),
                                 "demo --report-dir elsewhere --data-dir '" + kSource + "/data'");
  ASSERT_EQ(other.status, 0) << other.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file("elsewhere/report.json")));
  const auto missing = run_adpilot(dir.path().string(), "demo --data-dir nowhere");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("the bundled sample data is missing"), std::string::npos)
      << missing.err;
}

TEST(RunEndToEndTest, ApplyChangesTheStoreOnceAndASecondRunDoesNotApplyAgain) {
  TempDir dir;
  copy_sample(dir);
  const auto first = run_adpilot(dir.path().string(),
                                 "run performance.csv --apply --db s.db --report-dir r1", kNow);
  ASSERT_EQ(first.status, 0) << first.err << first.out;
  const json r1 = read_report(dir, "r1");
  const auto states = decision_states(r1);
  EXPECT_EQ(states.at("cmp_104"), "applied");
  EXPECT_EQ(states.at("cmp_203"), "applied");
  EXPECT_EQ(r1["provenance"]["applied"], true);
  EXPECT_EQ(r1["provenance"]["run_id"], 1);
  EXPECT_EQ(r1["provenance"]["store_path"], "s.db");
  for (const auto& campaign : r1["campaigns"]) {
    if (campaign["campaign_id"] == "cmp_104") {
      EXPECT_EQ(campaign["status"], "PAUSED") << "the report shows the state after apply";
    }
  }
  const auto state = run_adpilot(dir.path().string(), "state --db s.db --format json");
  ASSERT_EQ(state.status, 0) << state.err;
  std::map<std::string, std::string> status;
  for (const auto& entity : json::parse(state.out)) {
    status[entity["id"].get<std::string>()] = entity["status"].get<std::string>();
  }
  EXPECT_EQ(status.at("cmp_104"), "PAUSED");
  EXPECT_EQ(status.at("cmp_203"), "PAUSED");
  EXPECT_EQ(status.at("cmp_101"), "ENABLED");

  const auto second = run_adpilot(dir.path().string(),
                                  "run performance.csv --apply --db s.db --report-dir r2", kNow);
  ASSERT_EQ(second.status, 0) << second.err << second.out;
  const json r2 = read_report(dir, "r2");
  bool cooldown = false;
  for (const auto& d : r2["decisions"]) {
    EXPECT_NE(d["state"], "applied") << d.dump();
    cooldown = cooldown || d["reason"].get<std::string>().rfind("cooldown:", 0) == 0 ||
               d["reason"].get<std::string>() == "already paused";
  }
  EXPECT_TRUE(cooldown) << r2["decisions"].dump(1);
  const auto history = run_adpilot(dir.path().string(), "history --db s.db --format json");
  ASSERT_EQ(history.status, 0) << history.err;
  size_t applied = 0;
  for (const auto& row : json::parse(history.out)) {
    applied += row["run_id"] == 1 ? 1U : 0U;
  }
  EXPECT_EQ(applied,
            r1["decisions"].size() - static_cast<size_t>(std::count_if(
                                         r1["decisions"].begin(), r1["decisions"].end(),
                                         [](const json& d) { return d["index"].get<int>() < 0; })));
}

TEST(RunEndToEndTest, AnActionTheTargetRefusesIsFailedAndExitsOne) {
  TempDir dir;
  copy_sample(dir);
  // An alert-only plan seeds the simulated platform with the sample's campaigns and changes
  // nothing.
  std::ofstream(dir.file("alert.yaml"))
      << "version: 1\nrules:\n  - name: note_high_roas\n    scope: campaign\n"
         "    window: 14d\n    when: roas > 4x\n    then: {alert: \"high ROAS\"}\n";
  std::ofstream(dir.file("raise.yaml"))
      << "version: 1\nrules:\n  - name: raise_budget\n    scope: campaign\n"
         "    window: 14d\n    when: roas > 4x\n    then: {budget: +10%}\n";
  const auto seeded =
      run_adpilot(dir.path().string(),
                  "run performance.csv --rules alert.yaml --apply --db s.db --report-dir r0");
  ASSERT_EQ(seeded.status, 0) << seeded.err;
  // Someone removed cmp_202 on the platform since: the simulated platform refuses to change it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("s.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE entities SET status = 'REMOVED' WHERE id = 'cmp_202'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_close(db);
  const auto run =
      run_adpilot(dir.path().string(),
                  "run performance.csv --rules raise.yaml --apply --db s.db --report-dir r1");
  EXPECT_EQ(run.status, 1) << run.err << run.out;
  EXPECT_NE(run.out.find("1 failed"), std::string::npos) << run.out;
  const json report = read_report(dir, "r1");
  const auto states = decision_states(report);
  EXPECT_EQ(states.at("cmp_202"), "failed");
  EXPECT_EQ(states.at("cmp_101"), "applied");
  for (const auto& d : report["decisions"]) {
    if (d["entity_id"] == "cmp_202") {
      EXPECT_NE(d["reason"].get<std::string>().find("REMOVED"), std::string::npos) << d.dump();
    }
  }
}

TEST(RunEndToEndTest, TheExampleConfigRunsOnTheBundledSample) {
  TempDir dir;
  const auto run = run_adpilot(
      dir.path().string(),
      "run --config '" + kSource + "/data/adpilot.yaml' --report-dir out --db none.db", kNow);
  ASSERT_EQ(run.status, 0) << run.err << run.out;
  const json report = read_report(dir, "out");
  EXPECT_EQ(report["title"], "Ridgeline Outfitters — weekly review");
  EXPECT_EQ(report["campaigns"].size(), 12U);
  EXPECT_EQ(report["pacing"].size(), 12U);
  EXPECT_FALSE(report["copy"].empty());
  EXPECT_EQ(report["provenance"]["config_file"], kSource + "/data/adpilot.yaml");
  EXPECT_EQ(report["provenance"]["inputs"][0], kSource + "/data/sample/performance.csv");
}

TEST(RunEndToEndTest, AConfigWithAnUnknownKeyIsBadUsageNamingFileAndLine) {
  TempDir dir;
  copy_sample(dir);
  std::ofstream(dir.file("bad.yaml")) << "data: [performance.csv]\nanalyze:\n  windw: 7d\n";
  const auto run = run_adpilot(dir.path().string(), "run --config bad.yaml --report-dir out");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(
      run.err.find("bad.yaml:3:3: unknown setting 'windw' in analyze: (did you mean 'window'?)"),
      std::string::npos)
      << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("out")));
}

TEST(RunEndToEndTest, ProgressShowsOnATerminalOnlyAndNotWithQuiet) {
  TempDir dir;
  copy_sample(dir);
  if (std::system("script -qec true /dev/null >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "script(1) from util-linux is needed to give adpilot a terminal";
  }
  // script(1) gives adpilot a pseudo-terminal on stdout and stderr; its transcript is the output.
  const std::string base =
      "script -qec \"'" + std::string(ADPILOT_BINARY) + "' run performance.csv --db none.db";
  const int shown = std::system(
      ("cd '" + dir.path().string() + "' && " + base + " --report-dir a\" /dev/null > tty.txt 2>&1")
          .c_str());
  ASSERT_EQ(shown, 0);
  const std::string tty = read_text(dir.file("tty.txt"));
  for (const char* stage :
       {"ingest", "KPIs", "trends", "anomalies", "forecasts", "rules", "report"}) {
    EXPECT_NE(tty.find(std::string("✓ ") + stage), std::string::npos) << stage << "\n" << tty;
  }
  EXPECT_NE(tty.find("\r\033[K"), std::string::npos);
  EXPECT_NE(tty.find("adpilot run: done in"), std::string::npos);
  const int quiet = std::system(("cd '" + dir.path().string() + "' && " + base +
                                 " --report-dir b --quiet\" /dev/null > quiet.txt 2>&1")
                                    .c_str());
  ASSERT_EQ(quiet, 0);
  const std::string quiet_text = read_text(dir.file("quiet.txt"));
  EXPECT_EQ(quiet_text.find("✓"), std::string::npos) << quiet_text;
  EXPECT_NE(quiet_text.find("Report: b/report.html"), std::string::npos) << quiet_text;
  // Off a terminal, --quiet or not, stderr stays empty.
  const auto off =
      run_adpilot(dir.path().string(), "run performance.csv --db none.db --report-dir c --quiet");
  ASSERT_EQ(off.status, 0) << off.err;
  EXPECT_EQ(off.err, "");
}

TEST(RunEndToEndTest, RunsOnThePublicOnlineAdvertisingData) {
  const std::string file =
      kSource + "/../shared/data/campaigns/online_advertising_performance_data.csv";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "the shared data set is absent: " << file;
  }
  TempDir dir;
  const auto run = run_adpilot(
      dir.path().string(),
      "run '" + file + "' --year 2020 --db none.db --report-dir out --forecast-model ets", kNow);
  ASSERT_EQ(run.status, 0) << run.err << run.out;
  const json report = read_report(dir, "out");
  EXPECT_GE(report["campaigns"].size(), 2U);
  EXPECT_GT(report["quality"]["rows_read"].get<int64_t>(), 15000);
  EXPECT_EQ(
      report["quality"]["rows_read"].get<int64_t>() - report["quality"]["rows_kept"].get<int64_t>(),
      6)
      << "six rows repeat an earlier row exactly (tests/cases/ingest/online_ads_real.test)";
  EXPECT_GE(report["series"].size(), 4U);
}

}  // namespace
}  // namespace adpilot::cli
