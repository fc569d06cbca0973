// End to end against the Google Ads fake, through the real binary: sync → kpi → plan (with
// --validate) → apply --target google_ads, then the fake's final state; sync's incremental
// look-back; the credentials file's permission rule; secrets never printed.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "act/plan_builder.h"
#include "fakes/google_ads_server.h"
#include "store/temp_dir.h"

namespace adpilot {
namespace {

using testing::GoogleAdsServer;
using testing::read_text;
using testing::run_adpilot;
using testing::TempDir;

void write_file(const std::string& path, const std::string& text, mode_t mode = 0600) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

// 28 days: 111 earns (ROAS 6), 222 spends with no conversion, 333 is middling.
void seed(GoogleAdsServer& fake) {
  fake.add_campaign({.id = 111, .name = "Search - Winners", .budget_id = 901, .budget_micros = 50'000'000});
  fake.add_campaign({.id = 222, .name = "Display - Losers", .budget_id = 902, .budget_micros = 40'000'000});
  fake.add_campaign({.id = 333, .name = "Video - Middling", .budget_id = 903, .budget_micros = 30'000'000});
  for (int day = 1; day <= 28; ++day) {
    const std::string date = fmt::format("2026-10-{:02d}", day);
    fake.add_metrics({"campaign", 111, date, 1000, 50, 50'000'000, 5.0, 300.0});
    fake.add_metrics({"campaign", 222, date, 2000, 40, 40'000'000, 0.0, 0.0});
    fake.add_metrics({"campaign", 333, date, 800, 20, 30'000'000, 1.0, 60.0});
  }
}

const char* kRules = R"(version: 1
rules:
  - name: pause_no_conversions
    scope: campaign
    window: 14d
    when: conversions == 0 and cost > $200
    then: pause
  - name: raise_budget_high_roas
    scope: campaign
    window: 14d
    when: roas > 4x
    then: {budget: +20%}
)";

class GoogleAdsEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(fake_);
    const auto& config = fake_.config();
    write_file(dir_.file("credentials.yaml"),
               fmt::format("google_ads:\n  developer_token: {}\n  client_id: {}\n  client_secret: {}\n"
                           "  refresh_token: {}\n",
                           config.developer_token, config.client_id, config.client_secret, config.refresh_token));
    write_file(dir_.file("rules.yaml"), kRules, 0644);
    connect_ = fmt::format(" --account 123-456-7890 --api-base {} --token-url {} --api-version {} "
                           "--credentials credentials.yaml --db store.db --api-timeout 5",
                           fake_.api_base(), fake_.token_url(), config.version);
  }

  // Every secret of the fake's credentials, to check no output carries one.
  void expect_no_secret(const std::string& text) {
    const auto& config = fake_.config();
    for (const auto& secret : {config.developer_token, config.client_secret, config.refresh_token}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "a secret was printed: " << text;
    }
  }

  GoogleAdsServer fake_;
  TempDir dir_;
  std::string connect_;
};

TEST_F(GoogleAdsEndToEnd, SyncPlanValidateApplyChangesThePlatform) {
  const std::string folder = dir_.path().string();
  auto sync = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-28 --out perf.csv" +
                                      connect_);
  ASSERT_EQ(sync.status, 0) << sync.err;
  EXPECT_NE(sync.err.find("fetched 2026-10-01 .. 2026-10-28 (28 of 28 days"), std::string::npos) << sync.err;
  EXPECT_NE(sync.err.find("operations against the daily quota"), std::string::npos) << sync.err;
  const std::string csv = read_text(dir_.file("perf.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 3 * 28) << csv.substr(0, 400);
  expect_no_secret(sync.out + sync.err);

  // The synced CSV is ordinary input for every other command.
  auto kpi = run_adpilot(folder, "kpi perf.csv --by campaign_id --format csv");
  ASSERT_EQ(kpi.status, 0) << kpi.err;
  EXPECT_NE(kpi.out.find("222,"), std::string::npos);
  EXPECT_NE(kpi.out.find("1120"), std::string::npos) << kpi.out;  // 28 × $40 spent by 222

  auto plan = run_adpilot(folder, "plan perf.csv --rules rules.yaml --out plan.json --format csv --db store.db");
  ASSERT_EQ(plan.status, 0) << plan.err;
  EXPECT_NE(plan.out.find("pause,campaign,222"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("budget,campaign,111"), std::string::npos) << plan.out;

  // validateOnly: the platform accepts both, nothing changes.
  auto validate = run_adpilot(folder, "plan perf.csv --rules rules.yaml --validate --target google_ads --format csv" +
                                          connect_);
  ASSERT_EQ(validate.status, 0) << validate.err;
  EXPECT_NE(validate.err.find("accepts every action"), std::string::npos) << validate.err;
  EXPECT_EQ(fake_.campaign(222)->status, "ENABLED");
  EXPECT_EQ(fake_.applied_operations(), 0);

  auto apply = run_adpilot(folder, "apply plan.json --target google_ads --format csv" + connect_);
  ASSERT_EQ(apply.status, 0) << apply.out << apply.err;
  EXPECT_EQ(fake_.campaign(222)->status, "PAUSED");
  EXPECT_EQ(fake_.campaign(111)->budget_micros, 60'000'000);
  EXPECT_EQ(fake_.campaign(333)->status, "ENABLED");
  EXPECT_EQ(fake_.campaign(333)->budget_micros, 30'000'000);
  EXPECT_NE(apply.err.find("of the 15,000 a day of basic access"), std::string::npos) << apply.err;
  expect_no_secret(apply.out + apply.err);

  // Applying again sends no change: the audit log holds both actions.
  const int mutates = fake_.count(":mutate");
  auto again = run_adpilot(folder, "apply plan.json --target google_ads --format csv" + connect_);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(fake_.count(":mutate"), mutates);

  auto history = run_adpilot(folder, "history --db store.db --format csv");
  ASSERT_EQ(history.status, 0) << history.err;
  // One audit row per action, both applied, although apply ran twice.
  EXPECT_EQ(std::count(history.out.begin(), history.out.end(), '\n'), 3) << history.out;
  EXPECT_NE(history.out.find("222,Display - Losers,pause,applied"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("111,Search - Winners,budget,applied"), std::string::npos) << history.out;
}

TEST_F(GoogleAdsEndToEnd, RunApplyCarriesThePlanOutOnThePlatformAndReportsIt) {
  const std::string folder = dir_.path().string();
  auto sync = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-28 --out perf.csv" +
                                      connect_);
  ASSERT_EQ(sync.status, 0) << sync.err;
  auto run = run_adpilot(folder, "run perf.csv --rules rules.yaml --apply --target google_ads --quiet "
                                 "--report-dir report" + connect_);
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_EQ(fake_.campaign(222)->status, "PAUSED");
  EXPECT_EQ(fake_.campaign(111)->budget_micros, 60'000'000);
  const auto report = nlohmann::json::parse(read_text(dir_.file("report/report.json")));
  EXPECT_EQ(report["provenance"]["target"], "google_ads");
  EXPECT_EQ(report["provenance"]["applied"], true);
  int applied = 0;
  for (const auto& decision : report["decisions"]) {
    applied += decision["state"] == "applied" ? 1 : 0;
  }
  EXPECT_EQ(applied, 2) << report["decisions"].dump(2);
  expect_no_secret(run.out + run.err + read_text(dir_.file("report/report.json")) +
                   read_text(dir_.file("report/report.html")));
}

TEST_F(GoogleAdsEndToEnd, SyncFetchesOnlyMissingDaysAndTheLookBack) {
  const std::string folder = dir_.path().string();
  auto first = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-20" + connect_);
  ASSERT_EQ(first.status, 0) << first.err;
  auto second = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-28 --lookback 3" +
                                        connect_);
  ASSERT_EQ(second.status, 0) << second.err;
  // Days 21–28 are new; the look-back (26–28) lies inside them, so the fetch starts on the 21st.
  EXPECT_NE(second.out.find("fetched 2026-10-21 .. 2026-10-28 (8 of 28 days; 20 were stored already)"),
            std::string::npos)
      << second.out;
  auto third = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-28 --lookback 3" +
                                       connect_);
  ASSERT_EQ(third.status, 0) << third.err;
  EXPECT_NE(third.out.find("fetched 2026-10-26 .. 2026-10-28 (3 of 28 days; 28 were stored already)"),
            std::string::npos)
      << third.out;
  auto none = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-28 --lookback 0" +
                                      connect_);
  ASSERT_EQ(none.status, 0) << none.err;
  EXPECT_NE(none.out.find("nothing fetched"), std::string::npos) << none.out;
  // The history still holds all 84 rows, written out on request.
  auto out = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-28 --lookback 0 "
                                 "--out all.csv" + connect_);
  ASSERT_EQ(out.status, 0) << out.err;
  const std::string csv = read_text(dir_.file("all.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 84);
}

TEST_F(GoogleAdsEndToEnd, ACredentialsFileOthersCanReadIsRefused) {
  const std::string folder = dir_.path().string();
  ::chmod(dir_.file("credentials.yaml").c_str(), 0644);
  auto sync = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-02" + connect_);
  EXPECT_EQ(sync.status, 2) << sync.err;
  EXPECT_NE(sync.err.find("may be read by others"), std::string::npos) << sync.err;
  EXPECT_NE(sync.err.find("chmod 600"), std::string::npos) << sync.err;
  EXPECT_EQ(fake_.requests().size(), 0U);  // refused before anything was sent
  expect_no_secret(sync.out + sync.err);
}

TEST_F(GoogleAdsEndToEnd, CredentialsFromTheEnvironmentAndMissingOnesNamed) {
  const std::string folder = dir_.path().string();
  std::filesystem::remove(dir_.file("credentials.yaml"));
  const std::string no_file = fmt::format(" --account 1234567890 --api-base {} --token-url {} --db store.db",
                                          fake_.api_base(), fake_.token_url());
  const auto& config = fake_.config();
  auto missing = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-02" + no_file,
                             "env -u ADPILOT_GOOGLE_ADS_REFRESH_TOKEN XDG_CONFIG_HOME=" + folder +
                                 " ADPILOT_GOOGLE_ADS_DEVELOPER_TOKEN=" + config.developer_token);
  EXPECT_EQ(missing.status, 2) << missing.err;
  EXPECT_NE(missing.err.find("missing credentials"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("refresh_token"), std::string::npos) << missing.err;
  expect_no_secret(missing.out + missing.err);
  auto ok = run_adpilot(folder, "sync --source google_ads --since 2026-10-01 --until 2026-10-02" + no_file,
                        "XDG_CONFIG_HOME=" + folder + " ADPILOT_GOOGLE_ADS_DEVELOPER_TOKEN=" + config.developer_token +
                            " ADPILOT_GOOGLE_ADS_CLIENT_ID=" + config.client_id +
                            " ADPILOT_GOOGLE_ADS_CLIENT_SECRET=" + config.client_secret +
                            " ADPILOT_GOOGLE_ADS_REFRESH_TOKEN=" + config.refresh_token);
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("fetched 2026-10-01 .. 2026-10-02"), std::string::npos) << ok.out;
  expect_no_secret(ok.out + ok.err);
}

}  // namespace
}  // namespace adpilot
