#include "adpilot/decide/rules.h"

#include <gtest/gtest.h>

namespace adpilot::decide {
namespace {

const char* kMinimal = R"(rules:
  - name: r1
    when: cpa > 10
    then: pause
)";

// Loads text and expects a failure with the message substring at line:column.
void expect_error(const std::string& text, const std::string& message, int64_t line, int64_t column = -1) {
  auto rules = parse_rules(text, "rules.yaml");
  ASSERT_FALSE(rules.ok()) << text;
  const Error& error = rules.error();
  EXPECT_NE(error.message.find(message), std::string::npos) << error.to_string();
  EXPECT_EQ(error.context.file, "rules.yaml");
  EXPECT_EQ(error.context.line, line) << error.to_string();
  if (column >= 0) {
    EXPECT_EQ(error.context.column, column) << error.to_string();
  }
}

TEST(RulesTest, ParsesEveryField) {
  auto rules = parse_rules(R"(version: 1
targets:
  cpa: $40
  roas: 3x
guardrails:
  max_budget_change: 30%
  max_total_budget_change: 10%
  max_actions: 5
  budget_cap: $1,500
  budget_floor: $20
  lock: [cmp_1, "Brand*"]
rules:
  - name: pause_high_cpa
    description: too expensive
    scope: campaign
    window: 2w
    when: cpa > 2x account.median(cpa)
    require: {clicks: 100, conversions: 5, cost: $50, days: 7d}
    confidence: 90%
    then: pause
    cooldown: 7d
    priority: 20
  - name: raise
    window: this_month
    when: roas > target.roas
    confidence: {level: 95%, kpis: [roas]}
    then: {budget: +20%}
  - name: set_it
    when: clicks > 1
    then: {budget: set $150}
  - name: bids
    scope: ad_group
    when: cvr < 1%
    then: {bid: -15%}
  - name: tell
    scope: ad
    when: trend.ctr.change < -20% and trend.ctr.significant
    then: {alert: "CTR falling"}
)", "rules.yaml");
  ASSERT_TRUE(rules.ok()) << rules.error().to_string();
  ASSERT_EQ(rules->rules.size(), 5U);
  EXPECT_DOUBLE_EQ(rules->targets.at("cpa").number, 40.0);
  EXPECT_EQ(rules->targets.at("cpa").unit, Unit::kMoney);
  EXPECT_DOUBLE_EQ(rules->targets.at("roas").number, 3.0);
  EXPECT_EQ(rules->targets.at("roas").unit, Unit::kRatio);
  const Guardrails& g = rules->guardrails;
  EXPECT_DOUBLE_EQ(*g.max_budget_change, 0.3);
  EXPECT_DOUBLE_EQ(*g.max_total_budget_change, 0.1);
  EXPECT_EQ(*g.max_actions, 5);
  EXPECT_DOUBLE_EQ(*g.budget_cap, 1500.0);
  EXPECT_DOUBLE_EQ(*g.budget_floor, 20.0);
  EXPECT_TRUE(is_locked(g, "cmp_1", "x"));
  EXPECT_TRUE(is_locked(g, "cmp_9", "Brand - Exact"));
  EXPECT_FALSE(is_locked(g, "cmp_9", "Generic"));

  const Rule& r = rules->rules[0];
  EXPECT_EQ(r.name, "pause_high_cpa");
  EXPECT_EQ(r.description, "too expensive");
  EXPECT_EQ(r.window.days, 14);
  EXPECT_EQ(r.when.source(), "cpa > 2x account.median(cpa)");
  EXPECT_DOUBLE_EQ(*r.require.clicks, 100);
  EXPECT_DOUBLE_EQ(*r.require.cost, 50);
  EXPECT_DOUBLE_EQ(*r.require.days, 7);
  EXPECT_FALSE(r.require.impressions.has_value());
  EXPECT_DOUBLE_EQ(r.confidence, 0.9);
  EXPECT_EQ(r.confident_kpis, std::vector<std::string>{"cpa"});  // taken from the condition
  EXPECT_EQ(r.then.kind, ActionKind::kPause);
  EXPECT_EQ(r.cooldown_days, 7);
  EXPECT_EQ(r.priority, 20);
  EXPECT_EQ(r.line, 13);

  EXPECT_TRUE(rules->rules[1].window.this_month);
  EXPECT_EQ(rules->rules[1].then.kind, ActionKind::kBudget);
  EXPECT_DOUBLE_EQ(rules->rules[1].then.change, 0.2);
  EXPECT_DOUBLE_EQ(rules->rules[1].confidence, 0.95);
  EXPECT_TRUE(rules->rules[2].then.budget_set);
  EXPECT_DOUBLE_EQ(rules->rules[2].then.set_units, 150.0);
  EXPECT_EQ(rules->rules[2].window.days, 14);  // the default window
  EXPECT_EQ(rules->rules[3].scope, EntityLevel::kAdGroup);
  EXPECT_DOUBLE_EQ(rules->rules[3].then.change, -0.15);
  EXPECT_EQ(rules->rules[4].then.kind, ActionKind::kAlert);
  EXPECT_EQ(rules->rules[4].then.message, "CTR falling");
  EXPECT_EQ(rules->hash.size(), 16U);
}

TEST(RulesTest, MinimalRuleTakesDefaults) {
  auto rules = parse_rules(kMinimal, "rules.yaml");
  ASSERT_TRUE(rules.ok()) << rules.error().to_string();
  EXPECT_EQ(rules->rules[0].scope, EntityLevel::kCampaign);
  EXPECT_EQ(rules->rules[0].priority, 0);
  EXPECT_EQ(rules->rules[0].cooldown_days, 0);
}

TEST(RulesTest, ConditionErrorsPointIntoTheFile) {
  // The condition starts at column 11 of line 3; the bad token is 6 characters in.
  expect_error("rules:\n  - name: r1\n    when: cpa > > 3\n    then: pause\n",
               "rule 'r1': when: expected a value after '>', found '>'", 3, 17);
  // Quoted: the column skips the quote.
  expect_error("rules:\n  - name: r1\n    when: \"cpa > > 3\"\n    then: pause\n",
               "expected a value after '>'", 3, 18);
  expect_error("rules:\n  - name: r1\n    when: cpaa > 3\n    then: pause\n",
               "rule 'r1': when: unknown name 'cpaa'; did you mean 'cpa'?", 3, 11);
  expect_error("rules:\n  - name: r1\n    when: cpa > account.medain(cpa)\n    then: pause\n",
               "account.medain is not an aggregate", 3, 17);
  expect_error("rules:\n  - name: r1\n    when: cpa > account.median(cpx)\n    then: pause\n",
               "'cpx' is not a metric; did you mean 'cpc'?", 3, 17);
  expect_error("rules:\n  - name: r1\n    when: cpa > target.cpa\n    then: pause\n",
               "'target.cpa' is not set under `targets:`", 3, 17);
  expect_error("rules:\n  - name: r1\n    when: trend.ctr.chnage < 0\n    then: pause\n",
               "trend.<metric>.<change|p|significant|slope|direction>", 3, 11);
  expect_error("rules:\n  - name: r1\n    when: cpa * 2\n    then: pause\n",
               "when must be a condition", 3);
  expect_error("rules:\n  - name: r1\n    when: |\n      cpa >\n    then: pause\n",
               "expected a value after '>'", 3);
}

TEST(RulesTest, StructureErrorsNameTheRuleAndKey) {
  expect_error("rules:\n  - name: r1\n    wen: cpa > 3\n    then: pause\n", "rule 'r1': unknown key 'wen' in a rule", 3, 5);
  expect_error("rules:\n  - name: r1\n    then: pause\n", "rule 'r1': 'when' is missing", 2);
  expect_error("rules:\n  - when: cpa > 3\n    then: pause\n", "rule #1 has no name", 2);
  expect_error(std::string(kMinimal) + "  - name: r1\n    when: cpa > 1\n    then: pause\n",
               "two rules are named 'r1'", 5);
  expect_error("rules:\n  - name: r1\n    scope: account\n    when: cpa > 3\n    then: pause\n",
               "scope 'account' is not campaign, ad_group or ad", 3);
}

TEST(RulesTest, ActionErrors) {
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    then: stop\n", "unknown action 'stop'", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    then: {budget: 20%}\n",
               "budget '20%' must be a signed percentage such as +20% or -30%, or set 150", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    then: {budget: -100%}\n",
               "budget cannot fall by 100% or more; use pause", 4);
  expect_error("rules:\n  - name: r1\n    scope: ad\n    when: cpa > 3\n    then: {budget: +10%}\n",
               "budget actions need scope: campaign", 5);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    then: {bid: set 3}\n", "bid takes a relative change", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    then: {budget: set -5}\n",
               "budget: set needs a positive daily budget", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    then: {raise: +5%}\n", "unknown action 'raise'", 4);
}

TEST(RulesTest, GuardAndOptionErrors) {
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    require: {clickz: 5}\n    then: pause\n",
               "unknown key 'clickz' in require", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    require: {clicks: -5}\n    then: pause\n",
               "require.clicks cannot be negative", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    require: {clicks: many}\n    then: pause\n",
               "clicks 'many' must be a constant", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    confidence: 150%\n    then: pause\n",
               "confidence 150% must be a level between 50% and 100%", 4);
  expect_error("rules:\n  - name: r1\n    when: clicks > 3\n    confidence: 90%\n    then: pause\n",
               "compares no KPI with an interval", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    confidence: {level: 90%, kpis: [clicks]}\n    then: pause\n",
               "confidence.kpis: 'clicks' has no interval", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    cooldown: soon\n    then: pause\n",
               "cooldown 'soon' is not a number of days", 4);
  expect_error("rules:\n  - name: r1\n    when: cpa > 3\n    priority: 1.5\n    then: pause\n",
               "priority must be a whole number", 4);
  expect_error("rules:\n  - name: r1\n    window: fortnight\n    when: cpa > 3\n    then: pause\n",
               "window 'fortnight' is not a number of days", 3);
}

TEST(RulesTest, FileLevelErrors) {
  expect_error("rules: [\n", "not valid YAML", 2);
  expect_error("- a\n- b\n", "a rules file is a mapping", 1);
  expect_error("version: 2\nrules: []\n", "version 2 is not supported", 1);
  expect_error("rulez: []\n", "unknown key 'rulez' in the rules file", 1);
  expect_error("targets: {cpa: cheap}\nrules: []\n", "targets.cpa 'cheap' must be a constant", 1);
  expect_error("guardrails: {max_budget_change: 30}\nrules: []\n",
               "max_budget_change must be a positive percentage", 1);
  expect_error("guardrails: {budget_cap: 10%}\nrules: []\n", "budget_cap must be an amount", 1);
  expect_error("guardrails: {max_actions: 2.5}\nrules: []\n", "max_actions must be a whole number", 1);
  expect_error("guardrails: {max_action: 2}\nrules: []\n", "unknown key 'max_action' in guardrails", 1);
  expect_error("guardrails: {}\n", "`rules:` must be a list of rules", 1);
  auto missing = load_rules("/nonexistent/rules.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("cannot open rules file '/nonexistent/rules.yaml'"), std::string::npos);
}

TEST(RulesTest, DayCounts) {
  EXPECT_EQ(parse_day_count("14d"), 14);
  EXPECT_EQ(parse_day_count("2w"), 14);
  EXPECT_EQ(parse_day_count("30"), 30);
  EXPECT_FALSE(parse_day_count("d").has_value());
  EXPECT_FALSE(parse_day_count("3m").has_value());
  EXPECT_FALSE(parse_day_count("").has_value());
}

}  // namespace
}  // namespace adpilot::decide
