// KPIs at any grouping and time grain, computed as ratios of sums (never means of ratios),
// streamed: feed ingest chunks to a KpiAggregator as they arrive, then finish() once.
//
// Output columns, in order: the group columns (campaign → campaign_id, campaign_name; ad_group →
// ad_group_id, ad_group_name; ad → ad_id, ad_name; date for grains other than total, holding the
// period start), then impressions, clicks, cost, conversions, revenue, ctr, cpc, cpm, cvr, cpa,
// roas, aov, profit, ctr_low, ctr_high, cvr_low, cvr_high (95 % Wilson). A ratio whose
// denominator is zero is missing (invalid), never 0 or inf.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::analyze {

enum class Grain : uint8_t { kDay, kWeek, kMonth, kTotal };

Result<Grain> parse_grain(std::string_view text);
const char* grain_name(Grain grain);

struct KpiQuery {
  std::vector<std::string> by = {"campaign"};  // account, campaign, ad_group, ad, channel, date, segments
  Grain grain = Grain::kTotal;
  std::string sort;                            // a metric or KPI name; empty: by group keys
  size_t top = 0;                              // 0: all groups
};

// The canonical columns a query reads, for ingest's projection.
std::vector<std::string> kpi_input_columns(const KpiQuery& query);

// Ratio helpers: the KPI definitions of DESIGN.md, each nullopt on a zero denominator.
std::optional<double> kpi_ratio(double numerator, double denominator);
struct Interval {
  double low = 0.0;
  double high = 0.0;
};
// 95 % Wilson score interval for successes out of trials; nullopt when trials is 0 or
// successes > trials (a rate above 1 has no binomial interval).
std::optional<Interval> wilson_interval(double successes, double trials, double z = 1.959963984540054);

class KpiAggregator {
 public:
  explicit KpiAggregator(KpiQuery query);
  ~KpiAggregator();
  KpiAggregator(KpiAggregator&&) noexcept;
  KpiAggregator& operator=(KpiAggregator&&) noexcept;

  // Adds one chunk's rows. Fails when a group column is absent from the data.
  Result<void> add(const Table& chunk);
  // The result table, sorted and cut as the query says.
  Result<Table> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One call for a whole table.
Result<Table> compute_kpis(const Table& table, const KpiQuery& query);

}  // namespace adpilot::analyze
