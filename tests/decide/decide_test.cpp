#include "adpilot/decide/decide.h"

#include <gtest/gtest.h>

#include "decide/decide_test_util.h"

namespace adpilot::decide {
namespace {

using testing::campaign_table;
using testing::CampaignSpec;

RuleSet rules_from(const std::string& text) {
  auto rules = parse_rules(text, "rules.yaml");
  EXPECT_TRUE(rules.ok()) << rules.error().to_string();
  return std::move(*rules);
}

Plan plan_for(const std::string& rules_text, const Table& data, DecideInput input = {}) {
  const RuleSet rules = rules_from(rules_text);
  input.data = &data;
  auto plan = make_plan(rules, input);
  EXPECT_TRUE(plan.ok()) << plan.error().to_string();
  return std::move(*plan);
}

const PlannedAction* action_on(const Plan& plan, const std::string& id) {
  for (const auto& a : plan.actions) {
    if (a.entity.id == id) {
      return &a;
    }
  }
  return nullptr;
}

const NotTaken* not_taken_on(const Plan& plan, const std::string& id, const std::string& rule = "") {
  for (const auto& n : plan.not_taken) {
    if (n.entity.id == id && (rule.empty() || n.rule == rule)) {
      return &n;
    }
  }
  return nullptr;
}

// Three campaigns at CPA $20–$22 and the one under test.
std::vector<CampaignSpec> account_with(CampaignSpec tested) {
  return {{"a", "A", 5000, 100, 100, 5, 500, 200},
          {"b", "B", 5000, 100, 100, 5, 500, 200},
          {"c", "C", 5000, 100, 110, 5, 500, 200},
          std::move(tested)};
}

const char* kPauseHighCpa = R"(rules:
  - name: pause_high_cpa
    when: cpa > 3x account.median(cpa)
    require: {conversions: 5}
    confidence: 90%
    then: pause
)";

TEST(DecideTest, PausesACampaignWhoseCpaIsFarAboveTheMedian) {
  // d: $300 a day for 3 conversions → CPA $100; the median of 20, 20, 22, 100 is 21, 3x is 63.
  const Table data = campaign_table(account_with({"d", "D", 5000, 150, 300, 3, 100, 400}));
  const Plan plan = plan_for(kPauseHighCpa, data);
  ASSERT_EQ(plan.actions.size(), 1U);
  const PlannedAction& a = plan.actions[0];
  EXPECT_EQ(a.entity.id, "d");
  EXPECT_EQ(a.kind, ActionKind::kPause);
  EXPECT_EQ(a.status_before, "ENABLED");
  EXPECT_EQ(a.status_after, "PAUSED");
  EXPECT_EQ(a.rule, "pause_high_cpa");
  EXPECT_EQ(a.summary, "Pause campaign 'D' (d): cpa $100.00 > 3x account.median(cpa) $63.00 [rule pause_high_cpa]");
  const auto& r = a.rationale;
  EXPECT_EQ(r["window"]["start"], "2026-10-15");
  EXPECT_EQ(r["window"]["end"], "2026-10-28");
  EXPECT_DOUBLE_EQ(r["figures"]["cpa"]["value"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(r["figures"]["account.median(cpa)"]["value"].get<double>(), 21.0);
  EXPECT_DOUBLE_EQ(r["totals"]["conversions"].get<double>(), 42.0);
  EXPECT_TRUE(r["guards"][0]["passed"].get<bool>());
  EXPECT_TRUE(r["confidence"]["passed"].get<bool>());
  // The CPA's 90% lower bound: $4,200 over the Poisson upper bound of 42 conversions
  // (R 4.2.2: poisson.test(42, conf.level = 0.9)$conf.int[2] = 54.32394649).
  const double lower = r["confidence"]["comparisons"][0]["left_value"]["value"].get<double>();
  EXPECT_NEAR(lower, 4200.0 / 54.32394649, 1e-5);
  EXPECT_GT(lower, 63.0);
  EXPECT_EQ(plan.not_taken.size(), 0U);
}

TEST(DecideTest, NotEnoughDataMeansNoAction) {
  // CPA $500 but only 2.8 conversions in 14 days: below the guard of 5.
  const Table data = campaign_table(account_with({"d", "D", 5000, 150, 100, 0.2, 20, 400}));
  const Plan plan = plan_for(kPauseHighCpa, data);
  EXPECT_TRUE(plan.actions.empty());
  const NotTaken* n = not_taken_on(plan, "d");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->reason, "not enough data: conversions 2.8 < 5 required");
}

TEST(DecideTest, ConfidenceHoldsBackAnUnsureDecision) {
  // CPA $70 > $63 on 7 conversions: the 90% interval's lower bound ($490 / 13.148 = $37.27, R:
  // poisson.test(7, conf.level = 0.9)$conf.int = 3.285315692 13.148113802) does not
  // clear $63.
  const Table data = campaign_table(account_with({"d", "D", 5000, 150, 35, 0.5, 20, 400}));
  const Plan plan = plan_for(kPauseHighCpa, data);
  EXPECT_TRUE(plan.actions.empty());
  const NotTaken* n = not_taken_on(plan, "d");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->reason.rfind("not confident at 90.00%: cpa lower bound $37.27 is not > 3x account.median(cpa) $63.00", 0), 0U) << n->reason;
  // Without the confidence option the same data acts.
  std::string plain = kPauseHighCpa;
  plain.erase(plain.find("    confidence: 90%\n"), std::string("    confidence: 90%\n").size());
  EXPECT_EQ(plan_for(plain, data).actions.size(), 1U);
}

const char* kDefaultLike = R"(targets: {cpa: $40, roas: 3x}
rules:
  - name: pause_no_conversions
    when: conversions == 0 and cost > 3x target.cpa
    require: {clicks: 100, days: 7}
    then: pause
    priority: 20
  - name: raise_budget_high_roas
    when: roas > 1.5x target.roas and cost >= 90% * budget * days
    require: {conversions: 20, days: 7}
    then: {budget: +20%}
    priority: 10
  - name: cut_budget_low_roas
    when: roas < 60% * target.roas
    require: {conversions: 10, days: 7}
    then: {budget: -25%}
    priority: 10
)";

TEST(DecideTest, DefaultBehavioursOnHandWorkedCampaigns) {
  const Table data = campaign_table({
      // ROAS 6 and spends its whole $100 budget: raise to $120.
      {"rich", "Rich", 5000, 100, 100, 5, 600, 100},
      // ROAS 6 but spends half its budget: no headroom problem, no raise.
      {"idle", "Idle", 5000, 100, 50, 5, 300, 100},
      // ROAS 1 on 70 conversions: cut by 25%, $200 → $150.
      {"poor", "Poor", 5000, 100, 100, 5, 100, 200},
      // $20 a day, 14 days, no conversion: $280 > $120 → pause.
      {"zero", "Zero", 5000, 100, 20, 0, 0, 50},
      // No conversions but only $10 a day for 14 days ($140 > $120) and 8 clicks a day: clicks guard fails.
      {"thin", "Thin", 500, 7, 10, 0, 0, 50},
  });
  const Plan plan = plan_for(kDefaultLike, data);
  const PlannedAction* rich = action_on(plan, "rich");
  ASSERT_NE(rich, nullptr);
  EXPECT_EQ(rich->kind, ActionKind::kBudget);
  EXPECT_EQ(*rich->budget_before, units_to_micros(100));
  EXPECT_EQ(*rich->budget_after, units_to_micros(120));
  EXPECT_EQ(action_on(plan, "idle"), nullptr);
  const PlannedAction* poor = action_on(plan, "poor");
  ASSERT_NE(poor, nullptr);
  EXPECT_EQ(*poor->budget_after, units_to_micros(150));
  EXPECT_EQ(poor->summary,
            "Cut the daily budget of campaign 'Poor' (poor) from $200.00 to $150.00 (-25.00%): roas 1.00x < 60% * "
            "target.roas 1.80x [rule cut_budget_low_roas]");
  const PlannedAction* zero = action_on(plan, "zero");
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->kind, ActionKind::kPause);
  EXPECT_EQ(action_on(plan, "thin"), nullptr);
  ASSERT_NE(not_taken_on(plan, "thin"), nullptr);
  EXPECT_EQ(not_taken_on(plan, "thin")->reason, "not enough data: clicks 98 < 100 required");
  // Order: priority 20 first.
  EXPECT_EQ(plan.actions[0].entity.id, "zero");
}

TEST(DecideTest, ConflictsPauseBeatsBudgetThenPriorityThenOrder) {
  const Table data = campaign_table({{"x", "X", 5000, 100, 100, 0, 0, 100}});
  const Plan plan = plan_for(R"(rules:
  - name: cut_a
    when: cost > 1
    then: {budget: -10%}
    priority: 5
  - name: cut_b
    when: cost > 1
    then: {budget: -20%}
    priority: 9
  - name: stop
    when: conversions == 0
    then: pause
    priority: 1
  - name: cut_c
    when: cost > 1
    then: {budget: -30%}
    priority: 9
  - name: tell
    when: cost > 1
    then: alert
)", data);
  ASSERT_EQ(plan.actions.size(), 2U);  // the pause and the alert
  EXPECT_EQ(plan.actions[0].rule, "stop");
  EXPECT_EQ(plan.actions[1].kind, ActionKind::kAlert);
  ASSERT_EQ(plan.not_taken.size(), 3U);
  EXPECT_EQ(not_taken_on(plan, "x", "cut_b")->reason,
            "conflict: lost to rule 'stop' (pause campaign; pause beats other changes)");
  EXPECT_EQ(plan.actions[0].rationale["conflicts_won"].size(), 3U);

  // Without the pause: priority 9 beats 5; between the two 9s the earlier rule wins.
  const Plan budgets = plan_for(R"(rules:
  - name: cut_a
    when: cost > 1
    then: {budget: -10%}
    priority: 5
  - name: cut_b
    when: cost > 1
    then: {budget: -20%}
    priority: 9
  - name: cut_c
    when: cost > 1
    then: {budget: -30%}
    priority: 9
)", data);
  ASSERT_EQ(budgets.actions.size(), 1U);
  EXPECT_EQ(budgets.actions[0].rule, "cut_b");
  EXPECT_EQ(not_taken_on(budgets, "x", "cut_a")->reason,
            "conflict: lost to rule 'cut_b' (budget campaign; higher priority 9 > 5)");
  EXPECT_EQ(not_taken_on(budgets, "x", "cut_c")->reason,
            "conflict: lost to rule 'cut_b' (budget campaign; same priority; the earlier rule in the file wins)");
}

TEST(DecideTest, GuardrailsClipAndCap) {
  const Table data = campaign_table({
      {"a", "Alpha", 5000, 100, 100, 5, 500, 100},
      {"b", "Beta", 5000, 100, 100, 5, 500, 1000},
      {"c", "Gamma", 5000, 100, 100, 5, 500, 400},
      {"brand", "Brand - Exact", 5000, 100, 100, 5, 500, 300},
  });
  const std::string rules = R"(guardrails:
  max_budget_change: 30%
  budget_cap: $1,100
  lock: ["Brand*"]
rules:
  - name: raise
    when: roas > 1
    then: {budget: +50%}
)";
  const Plan plan = plan_for(rules, data);
  // a: +50% clipped to +30% → $130; b: capped at $1,100; c: +30% → $520; brand locked.
  ASSERT_EQ(plan.actions.size(), 3U);
  EXPECT_EQ(*action_on(plan, "a")->budget_after, units_to_micros(130));
  EXPECT_EQ(action_on(plan, "a")->rationale["guardrails"][0]["name"], "max_budget_change");
  EXPECT_DOUBLE_EQ(action_on(plan, "a")->rationale["guardrails"][0]["requested"].get<double>(), 150.0);
  EXPECT_EQ(*action_on(plan, "b")->budget_after, units_to_micros(1100));
  EXPECT_EQ(action_on(plan, "b")->rationale["guardrails"][1]["name"], "budget_cap");
  EXPECT_EQ(*action_on(plan, "c")->budget_after, units_to_micros(520));
  EXPECT_EQ(not_taken_on(plan, "brand")->reason, "locked: guardrails.lock lists this entity");

  // Account-wide: total budget $1,800, 10% = $180 of change. In id order a (+30), b (+100),
  // brand is locked, c gets the remaining $50.
  const Plan total = plan_for(R"(guardrails:
  max_budget_change: 30%
  budget_cap: $1,100
  max_total_budget_change: 10%
  lock: ["Brand*"]
rules:
  - name: raise
    when: roas > 1
    then: {budget: +50%}
)", data);
  EXPECT_EQ(*action_on(total, "c")->budget_after, units_to_micros(450));
  EXPECT_EQ(action_on(total, "c")->rationale["guardrails"].back()["name"], "max_total_budget_change");

  // Max actions: one.
  const Plan one = plan_for(R"(guardrails: {max_actions: 1}
rules:
  - name: raise
    when: roas > 1
    then: {budget: +10%}
)", data);
  ASSERT_EQ(one.actions.size(), 1U);
  EXPECT_EQ(one.not_taken.size(), 3U);
  EXPECT_EQ(one.not_taken[0].reason, "guardrail max_actions 1: the run already has 1 changes");
}

TEST(DecideTest, CooldownFromHistory) {
  const Table data = campaign_table({{"x", "X", 5000, 100, 100, 5, 500, 100}});
  const std::string rules = R"(rules:
  - name: raise
    when: roas > 1
    then: {budget: +10%}
    cooldown: 7d
)";
  DecideInput input;
  const Date as_of = *parse_iso_date("2026-10-28");
  input.history.push_back(PastChange{EntityLevel::kCampaign, "x", ActionKind::kBudget, as_of - 3, "raise"});
  const Plan blocked = plan_for(rules, data, input);
  EXPECT_TRUE(blocked.actions.empty());
  ASSERT_NE(not_taken_on(blocked, "x"), nullptr);
  EXPECT_EQ(not_taken_on(blocked, "x")->reason,
            "cooldown: changed (budget) by rule 'raise' for 2026-10-25; rule 'raise' waits 7 days");
  input.history[0].plan_as_of = as_of - 7;  // a week ago: the cooldown is over
  EXPECT_EQ(plan_for(rules, data, input).actions.size(), 1U);
}

TEST(DecideTest, CurrentStateReplacesTheData) {
  const Table data = campaign_table(account_with({"d", "D", 5000, 150, 300, 3, 100, 400}));
  DecideInput input;
  input.current_state.push_back(EntityState{EntityLevel::kCampaign, "d", "PAUSED", units_to_micros(400)});
  const Plan plan = plan_for(kPauseHighCpa, data, input);
  EXPECT_TRUE(plan.actions.empty());
  EXPECT_EQ(not_taken_on(plan, "d")->reason, "already paused");
}

TEST(DecideTest, WindowsAndAsOf) {
  // 28 days: the first 14 at CPA $100, the last 14 at CPA $20. As of the 14th day the rule fires.
  Table data = campaign_table(account_with({"d", "D", 5000, 150, 20, 1, 100, 400}));
  Table early = campaign_table(account_with({"d", "D", 5000, 150, 300, 3, 100, 400}), "2026-10-14");
  data.append(early);
  EXPECT_TRUE(plan_for(kPauseHighCpa, data).actions.empty());
  DecideInput input;
  input.as_of = *parse_iso_date("2026-10-14");
  const Plan plan = plan_for(kPauseHighCpa, data, input);
  ASSERT_EQ(plan.actions.size(), 1U);
  EXPECT_EQ(format_date(plan.as_of), "2026-10-14");
}

TEST(DecideTest, PlanIdIsAContentHashAndRoundTrips) {
  const Table data = campaign_table(account_with({"d", "D", 5000, 150, 300, 3, 100, 400}));
  const Plan a = plan_for(kPauseHighCpa, data);
  const Plan b = plan_for(kPauseHighCpa, data);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.id.size(), 32U);
  DecideInput input;
  input.as_of = *parse_iso_date("2026-10-27");
  EXPECT_NE(plan_for(kPauseHighCpa, data, input).id, a.id);

  const auto json = plan_to_json(a);
  auto back = plan_from_json(json, "plan.json");
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->id, a.id);
  EXPECT_EQ(back->actions.size(), 1U);
  EXPECT_EQ(back->entities.size(), 4U);
  EXPECT_EQ(plan_to_json(*back), json);

  auto tampered = json;
  tampered["actions"][0]["status_after"] = "REMOVED";
  auto refused = plan_from_json(tampered, "plan.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("the plan was changed after it was made"), std::string::npos);
  EXPECT_EQ(refused.error().context.field, "$.id");

  auto wrong = json;
  wrong["actions"][0]["budget_before_micros"] = "400";
  auto typed = plan_from_json(wrong, "plan.json");
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().message, "plan: $.actions[0].budget_before_micros is not an integer number of micros or null");
  auto version = json;
  version["schema_version"] = 9;
  EXPECT_NE(plan_from_json(version, "p").error().message.find("this adpilot reads version 1"), std::string::npos);
}

TEST(DecideTest, AccountAggregatesAndTrendFacts) {
  // p75 of CPAs 20, 20, 22, 100 (type 7) = 22 + 0.25 * 78 = 41.5.
  const Table data = campaign_table(account_with({"d", "D", 5000, 150, 300, 3, 100, 400}));
  const Plan plan = plan_for(R"(rules:
  - name: p75
    when: cpa > account.p75(cpa) and account.cpa > 30 and account.count(cpa) == 4
    then: alert
)", data);
  ASSERT_EQ(plan.actions.size(), 1U);
  EXPECT_DOUBLE_EQ(plan.actions[0].rationale["figures"]["account.p75(cpa)"]["value"].get<double>(), 41.5);
  // account.cpa: (100+100+110+300) × 14 / (18 × 14) = 33.89
  EXPECT_NEAR(plan.actions[0].rationale["figures"]["account.cpa"]["value"].get<double>(), 610.0 / 18.0, 1e-9);
}

TEST(DecideTest, ShippedRulesFileLoadsAndItsAlertCatchesACtrDrop) {
  auto rules = load_rules(std::string(ADPILOT_SOURCE_DIR) + "/data/rules.yaml");
  ASSERT_TRUE(rules.ok()) << rules.error().to_string();
  ASSERT_EQ(rules->rules.size(), 5U);
  // 10,000 impressions a day; CTR 2% for 14 days, then 1.5% (−25%, thousands of clicks: significant).
  // Converting well enough that no other rule fires: CPA $20, ROAS 5, half the budget spent.
  Table data = campaign_table({{"x", "X", 10000, 150, 100, 5, 500, 500}});
  data.append(campaign_table({{"x", "X", 10000, 200, 100, 5, 500, 500}}, "2026-10-14"));
  DecideInput input;
  input.data = &data;
  auto plan = make_plan(*rules, input);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_EQ(plan->actions.size(), 1U) << plan_to_json(*plan).dump(1);
  const PlannedAction& alert = plan->actions[0];
  EXPECT_EQ(alert.kind, ActionKind::kAlert);
  EXPECT_EQ(alert.rule, "alert_ctr_drop");
  EXPECT_DOUBLE_EQ(alert.rationale["figures"]["trend.ctr.change"]["value"].get<double>(), -0.25);
  EXPECT_EQ(alert.summary.rfind("Alert on campaign 'X' (x): CTR is falling", 0), 0U) << alert.summary;
  // The same drop on 100 impressions a day is not significant: no alert.
  Table small = campaign_table({{"x", "X", 100, 1.5, 1, 0.05, 5, 500}});
  small.append(campaign_table({{"x", "X", 100, 2, 1, 0.05, 5, 500}}, "2026-10-14"));
  input.data = &small;
  EXPECT_TRUE(make_plan(*rules, input)->actions.empty());
}

}  // namespace
}  // namespace adpilot::decide
