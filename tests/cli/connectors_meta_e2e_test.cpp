// End to end against the Meta Marketing API fake, through the real binary: sync (paged
// insights) → kpi → plan → apply --target meta_ads (one batch request), then the fake's final
// state; the token comes from the environment and is never printed.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "act/plan_builder.h"
#include "fakes/meta_ads_server.h"
#include "store/temp_dir.h"

namespace adpilot {
namespace {

using testing::MetaAdsServer;
using testing::read_text;
using testing::run_adpilot;
using testing::TempDir;

nlohmann::json insight(int day, const std::string& id, const std::string& name, const std::string& spend,
                       const std::string& purchases, const std::string& value) {
  const std::string date = fmt::format("2026-10-{:02d}", day);
  nlohmann::json row = {{"date_start", date},   {"date_stop", date},     {"campaign_id", id},
                        {"campaign_name", name}, {"impressions", "2000"}, {"clicks", "70"},
                        {"inline_link_clicks", "50"}, {"spend", spend}};
  if (purchases != "0") {
    row["actions"] = {{{"action_type", "offsite_conversion.fb_pixel_purchase"}, {"value", purchases}},
                      {{"action_type", "link_click"}, {"value", "50"}}};
    row["action_values"] = {{{"action_type", "offsite_conversion.fb_pixel_purchase"}, {"value", value}}};
  }
  return row;
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

TEST(MetaAdsEndToEnd, SyncPlanApplyChangesThePlatformInOneBatch) {
  MetaAdsServer fake;
  fake.set_page_size(25);  // 56 rows: three insights pages
  fake.add_campaign("120001", "Prospecting - Winners", "ACTIVE", 5000);
  fake.add_campaign("120002", "Retargeting - Losers", "ACTIVE", 4000);
  for (int day = 1; day <= 28; ++day) {
    fake.add_insight("campaign", insight(day, "120001", "Prospecting - Winners", "50.00", "5", "300.00"));
    fake.add_insight("campaign", insight(day, "120002", "Retargeting - Losers", "39.99", "0", "0"));
  }
  TempDir dir;
  const std::string folder = dir.path().string();
  std::ofstream(dir.file("rules.yaml")) << kRules;
  const std::string connect = fmt::format(" --account {} --api-base {} --api-version {} --db store.db",
                                          fake.account(), fake.base_url(), MetaAdsServer::kVersion);
  const std::string env = std::string("XDG_CONFIG_HOME=") + folder + " ADPILOT_META_ADS_ACCESS_TOKEN=" +
                          MetaAdsServer::kToken;

  auto sync = run_adpilot(folder, "sync --source meta_ads --since 2026-10-01 --until 2026-10-28 --out perf.csv" +
                                      connect, env);
  ASSERT_EQ(sync.status, 0) << sync.err;
  EXPECT_NE(sync.err.find("fetched 2026-10-01 .. 2026-10-28 (28 of 28 days"), std::string::npos) << sync.err;
  const std::string csv = read_text(dir.file("perf.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 56);
  EXPECT_NE(csv.find("39.99"), std::string::npos);  // spend strings kept exact
  EXPECT_EQ(csv.find("40.0000"), std::string::npos);
  EXPECT_EQ((sync.out + sync.err).find(MetaAdsServer::kToken), std::string::npos);

  auto kpi = run_adpilot(folder, "kpi perf.csv --by campaign_id --format csv");
  ASSERT_EQ(kpi.status, 0) << kpi.err;
  EXPECT_NE(kpi.out.find("1119.72"), std::string::npos) << kpi.out;  // 28 × $39.99

  auto plan = run_adpilot(folder, "plan perf.csv --rules rules.yaml --out plan.json --format csv --db store.db");
  ASSERT_EQ(plan.status, 0) << plan.err;
  EXPECT_NE(plan.out.find("pause,campaign,120002"), std::string::npos) << plan.out;
  EXPECT_NE(plan.out.find("budget,campaign,120001"), std::string::npos) << plan.out;

  const size_t before = fake.requests().size();
  auto apply = run_adpilot(folder, "apply plan.json --target meta_ads --format csv" + connect, env);
  ASSERT_EQ(apply.status, 0) << apply.out << apply.err;
  EXPECT_EQ(fake.object("120002")->status, "PAUSED");
  EXPECT_EQ(fake.object("120001")->daily_budget, 6000);  // cents: $50 → $60
  EXPECT_EQ((apply.out + apply.err).find(MetaAdsServer::kToken), std::string::npos);
  // Both changes went out together: one batch POST to the version root.
  const auto requests = fake.requests();
  const auto batches = std::count_if(requests.begin() + static_cast<std::ptrdiff_t>(before), requests.end(),
                                     [](const auto& r) { return r.method == "POST" && r.path == "/v24.0/"; });
  EXPECT_GE(batches, 1);
  EXPECT_LE(batches, 2);  // one read of the current state, one write

  // A second apply changes nothing on the platform.
  auto again = run_adpilot(folder, "apply plan.json --target meta_ads --format csv" + connect, env);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(fake.object("120001")->daily_budget, 6000);
}

TEST(MetaAdsEndToEnd, AnExpiredTokenIsAClearErrorWithoutRetries) {
  MetaAdsServer fake;
  fake.add_campaign("120001", "Prospecting", "ACTIVE", 5000);
  TempDir dir;
  const std::string folder = dir.path().string();
  const std::string connect = fmt::format(" --account {} --api-base {} --db store.db", fake.account(), fake.base_url());
  auto sync = run_adpilot(folder, "sync --source meta_ads --since 2026-10-01 --until 2026-10-02" + connect,
                          std::string("XDG_CONFIG_HOME=") + folder + " ADPILOT_META_ADS_ACCESS_TOKEN=EAAB-stale-token");
  EXPECT_NE(sync.status, 0);
  EXPECT_NE(sync.err.find("token"), std::string::npos) << sync.err;
  EXPECT_EQ(sync.err.find("EAAB-stale-token"), std::string::npos) << sync.err;
  EXPECT_LE(fake.requests().size(), 1U) << "a refused token must not be retried";
}

}  // namespace
}  // namespace adpilot
