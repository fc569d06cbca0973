// What a rule condition can name about an entity (docs/rules.md, "Names"): its totals and KPIs in
// the rule's window with intervals, its state, trend and anomaly facts, account aggregates over
// the entities of the same scope, and the rules file's targets. Values are computed on first use
// and cached, so a rule that never names a trend never runs the trend tests.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/analyze/series.h"
#include "adpilot/analyze/trend.h"
#include "adpilot/decide/expr.h"
#include "adpilot/decide/plan.h"

namespace adpilot::decide {

// nullopt when `ref` names a fact; otherwise why not, with a suggestion.
std::optional<std::string> check_fact_name(const NameRef& ref, const std::map<std::string, Value>& targets);

// Whether a KPI has an interval (ctr, cvr, cpc, cpm, cpa, roas): `<kpi>.lower`, confidence.
bool has_interval(const std::string& kpi);

// The display unit of a metric or KPI name: cpa → money, ctr → percent, roas → ratio.
Unit fact_unit(const std::string& name);

// Sums of one entity over a window.
struct WindowTotals {
  double impressions = 0.0;
  double clicks = 0.0;
  double cost = 0.0;
  double conversions = 0.0;
  double revenue = 0.0;
  double active_days = 0.0;  // days with impressions or cost
};

// The entities of one scope (campaign, ad group or ad) over one window, with lazily computed
// trend, anomaly and account facts shared by every rule that uses the same scope and window.
class ScopeWindow {
 public:
  ScopeWindow(const std::vector<analyze::DailySeries>& series, const std::vector<EntitySnapshot>& entities,
              Date as_of, Date begin, const std::map<std::string, Value>& targets);

  size_t size() const { return totals_.size(); }
  const WindowTotals& totals(size_t entity) const { return totals_[entity]; }
  const EntitySnapshot& entity(size_t idx) const { return entities_[idx]; }
  Date begin() const { return begin_; }
  Date end() const { return as_of_; }
  int days() const { return static_cast<int>(as_of_ - begin_ + 1); }

  // A KPI or sum of one entity's totals (undefined on a zero denominator).
  Value metric(size_t entity, const std::string& name) const;
  // The interval bound ("lower"/"upper") of a ratio KPI at `confidence`.
  Value bound(size_t entity, const std::string& kpi, const std::string& which, double confidence) const;
  Value account_metric(const std::string& name);
  Value account_aggregate(const std::string& aggregate, const std::string& kpi);
  Value trend(size_t entity, const std::string& metric, const std::string& field);
  Value anomalies(size_t entity, const std::string& metric);
  Value target(const std::string& name) const;

 private:
  const std::vector<analyze::DailySeries>& series_;
  const std::vector<EntitySnapshot>& entities_;
  Date as_of_;
  Date begin_;
  const std::map<std::string, Value>& targets_;
  std::vector<WindowTotals> totals_;
  WindowTotals account_;
  std::map<std::string, Value> aggregates_;
  std::optional<std::vector<analyze::TrendFinding>> trends_;  // every entity × metric
  std::map<std::pair<std::string, analyze::Metric>, size_t> trend_index_;  // (entity id, metric) → finding
  std::map<std::pair<size_t, std::string>, int> anomaly_counts_;
};

// The environment a condition is evaluated in: one entity of a ScopeWindow, with the rule's
// confidence level for interval bounds. Remembers every value it looked up, for the rationale.
class EntityEnvironment : public ExprEnvironment {
 public:
  EntityEnvironment(ScopeWindow& window, size_t entity, double confidence)
      : window_(window), entity_(entity), confidence_(confidence) {}
  std::optional<std::string> check(const NameRef& ref) const override;
  Value lookup(const NameRef& ref) override;

  // name → value, in first-lookup order.
  const std::vector<std::pair<std::string, Value>>& seen() const { return seen_; }

 private:
  Value resolve(const NameRef& ref);
  ScopeWindow& window_;
  size_t entity_;
  double confidence_;
  std::vector<std::pair<std::string, Value>> seen_;
};

}  // namespace adpilot::decide
