#include "adpilot/analyze/kpi.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "adpilot/analyze/detail/group_keys.h"

namespace adpilot::analyze {

Result<Grain> parse_grain(std::string_view text) {
  if (text == "day") {
    return Grain::kDay;
  }
  if (text == "week") {
    return Grain::kWeek;
  }
  if (text == "month") {
    return Grain::kMonth;
  }
  if (text == "total") {
    return Grain::kTotal;
  }
  return make_error(ErrorCode::kInvalidArgument,
                    fmt::format("unknown grain '{}' (use day, week, month or total)", text),
                    ErrorContext{"", 0, 0, "", "--grain"});
}

const char* grain_name(Grain grain) {
  switch (grain) {
    case Grain::kDay: return "day";
    case Grain::kWeek: return "week";
    case Grain::kMonth: return "month";
    case Grain::kTotal: return "total";
  }
  return "?";
}

std::optional<double> kpi_ratio(double numerator, double denominator) {
  if (denominator == 0.0) {
    return std::nullopt;
  }
  return numerator / denominator;
}

std::optional<Interval> wilson_interval(double successes, double trials, double z) {
  if (trials <= 0.0 || successes < 0.0 || successes > trials) {
    return std::nullopt;
  }
  const double p = successes / trials;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / trials;
  const double center = (p + z2 / (2.0 * trials)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials));
  return Interval{std::max(0.0, center - half), std::min(1.0, center + half)};
}

std::vector<std::string> kpi_input_columns(const KpiQuery& query) {
  std::vector<std::string> columns = {"date", "impressions", "clicks", "cost", "conversions",
                                      "revenue"};
  for (const auto& dim : query.by) {
    for (const auto& name : detail::dim_columns(dim)) {
      columns.push_back(name);
    }
  }
  return columns;
}

struct KpiAggregator::State {
  KpiQuery query;
  detail::GroupKeys keys;
  std::vector<int64_t> impressions;
  std::vector<int64_t> clicks;
  std::vector<int64_t> cost;
  std::vector<double> conversions;
  std::vector<int64_t> revenue;
  bool has_revenue = false;
};

KpiAggregator::KpiAggregator(KpiQuery query) : state_(std::make_unique<State>()) {
  state_->query = std::move(query);
  state_->keys.configure(state_->query.by, state_->query.grain);
}
KpiAggregator::~KpiAggregator() = default;
KpiAggregator::KpiAggregator(KpiAggregator&&) noexcept = default;
KpiAggregator& KpiAggregator::operator=(KpiAggregator&&) noexcept = default;

Result<void> KpiAggregator::add(const Table& chunk) {
  State& s = *state_;
  std::vector<uint32_t> group_of_row;
  if (auto grouped = s.keys.assign(chunk, group_of_row); !grouped.ok()) {
    return grouped;
  }
  const size_t groups = s.keys.num_groups();
  s.impressions.resize(groups, 0);
  s.clicks.resize(groups, 0);
  s.cost.resize(groups, 0);
  s.conversions.resize(groups, 0.0);
  s.revenue.resize(groups, 0);
  auto sum_i64 = [&](const char* name, std::vector<int64_t>& acc) {
    const Column* column = chunk.find(name);
    if (column == nullptr) {
      return false;
    }
    const auto& values = column->i64();
    for (size_t row = 0; row < group_of_row.size(); ++row) {
      acc[group_of_row[row]] += values[row];
    }
    return true;
  };
  sum_i64("impressions", s.impressions);
  sum_i64("clicks", s.clicks);
  sum_i64("cost", s.cost);
  s.has_revenue = sum_i64("revenue", s.revenue) || s.has_revenue;
  if (const Column* column = chunk.find("conversions"); column != nullptr) {
    const auto& values = column->f64();
    for (size_t row = 0; row < group_of_row.size(); ++row) {
      s.conversions[group_of_row[row]] += values[row];
    }
  }
  return {};
}

Result<Table> KpiAggregator::finish() {
  State& s = *state_;
  Table out = s.keys.key_table();  // group columns, one row per group, in group order
  const size_t groups = s.keys.num_groups();
  auto& impressions = out.add_column("impressions", ColumnType::kInt64);
  impressions.i64() = s.impressions;
  impressions.valid().assign(groups, 1);
  auto& clicks = out.add_column("clicks", ColumnType::kInt64);
  clicks.i64() = s.clicks;
  clicks.valid().assign(groups, 1);
  auto& cost = out.add_column("cost", ColumnType::kMoney);
  cost.i64() = s.cost;
  cost.valid().assign(groups, 1);
  auto& conversions = out.add_column("conversions", ColumnType::kDouble);
  conversions.f64() = s.conversions;
  conversions.valid().assign(groups, 1);
  auto& revenue = out.add_column("revenue", ColumnType::kMoney);
  revenue.i64() = s.revenue;
  revenue.valid().assign(groups, s.has_revenue ? 1 : 0);

  auto add_ratio = [&](const char* name, auto compute) {
    Column& column = out.add_column(name, ColumnType::kDouble);
    column.resize(groups);
    for (size_t g = 0; g < groups; ++g) {
      const std::optional<double> value = compute(g);
      column.f64()[g] = value.value_or(0.0);
      column.valid()[g] = value.has_value() ? 1 : 0;
    }
  };
  const auto imp = [&](size_t g) { return static_cast<double>(s.impressions[g]); };
  const auto clk = [&](size_t g) { return static_cast<double>(s.clicks[g]); };
  const auto cst = [&](size_t g) { return micros_to_units(s.cost[g]); };
  const auto rev = [&](size_t g) { return micros_to_units(s.revenue[g]); };
  const auto cnv = [&](size_t g) { return s.conversions[g]; };
  const bool has_rev = s.has_revenue;
  const std::optional<double> none;
  add_ratio("ctr", [&](size_t g) { return kpi_ratio(clk(g), imp(g)); });
  add_ratio("cpc", [&](size_t g) { return kpi_ratio(cst(g), clk(g)); });
  add_ratio("cpm", [&](size_t g) { return kpi_ratio(1000.0 * cst(g), imp(g)); });
  add_ratio("cvr", [&](size_t g) { return kpi_ratio(cnv(g), clk(g)); });
  add_ratio("cpa", [&](size_t g) { return kpi_ratio(cst(g), cnv(g)); });
  add_ratio("roas", [&](size_t g) { return has_rev ? kpi_ratio(rev(g), cst(g)) : none; });
  add_ratio("aov", [&](size_t g) { return has_rev ? kpi_ratio(rev(g), cnv(g)) : none; });
  {
    Column& profit = out.add_column("profit", ColumnType::kMoney);
    profit.resize(groups);
    for (size_t g = 0; g < groups; ++g) {
      profit.i64()[g] = s.revenue[g] - s.cost[g];
      profit.valid()[g] = has_rev ? 1 : 0;
    }
  }
  std::vector<std::optional<Interval>> ctr_ci(groups);
  std::vector<std::optional<Interval>> cvr_ci(groups);
  for (size_t g = 0; g < groups; ++g) {
    ctr_ci[g] = wilson_interval(clk(g), imp(g));
    cvr_ci[g] = wilson_interval(cnv(g), clk(g));
  }
  auto bound = [](const std::optional<Interval>& ci, bool low) -> std::optional<double> {
    if (!ci) {
      return std::nullopt;
    }
    return low ? ci->low : ci->high;
  };
  add_ratio("ctr_low", [&](size_t g) { return bound(ctr_ci[g], true); });
  add_ratio("ctr_high", [&](size_t g) { return bound(ctr_ci[g], false); });
  add_ratio("cvr_low", [&](size_t g) { return bound(cvr_ci[g], true); });
  add_ratio("cvr_high", [&](size_t g) { return bound(cvr_ci[g], false); });

  std::vector<size_t> order = s.keys.sorted_order();
  if (!s.query.sort.empty()) {
    const Column* key = out.find(s.query.sort);
    if (key == nullptr || key->type() == ColumnType::kString || key->type() == ColumnType::kDate) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("cannot sort by '{}': not a metric or KPI", s.query.sort),
                        ErrorContext{"", 0, 0, "", "--sort"},
                        "use one of impressions, clicks, cost, conversions, revenue, ctr, cpc, "
                        "cpm, cvr, cpa, roas, aov, profit");
    }
    // Largest first, undefined last; the key order breaks ties so output is deterministic.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (key->is_valid(a) != key->is_valid(b)) {
        return key->is_valid(a);
      }
      return key->number(a) > key->number(b);
    });
  }
  if (s.query.top > 0 && order.size() > s.query.top) {
    order.resize(s.query.top);
  }
  Table sorted = out.take(order);
  return sorted;
}

Result<Table> compute_kpis(const Table& table, const KpiQuery& query) {
  KpiAggregator aggregator(query);
  if (auto added = aggregator.add(table); !added.ok()) {
    return added.error();
  }
  return aggregator.finish();
}

}  // namespace adpilot::analyze
