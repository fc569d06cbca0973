#include "adpilot/analyze/pacing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "adpilot/analyze/forecast/naive.h"
#include "adpilot/core/format_number.h"
#include "adpilot/ingest/csv/read_all.h"
#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::analyze {

namespace {

Error budget_error(const std::string& path, int64_t line, const std::string& field, std::string message) {
  return make_error(ErrorCode::kParse, std::move(message), ErrorContext{path, line, 0, field, ""},
                    "budgets.csv has the columns campaign_id,month,budget (month as YYYY-MM)");
}

bool parse_month(std::string_view text, int& year, int& month) {
  if (text.size() != 7 || text[4] != '-') {
    return false;
  }
  int32_t date = 0;
  const std::string full = std::string(text) + "-01";
  if (ingest::parse_date(full, ingest::DateOrder::kAuto, date) != ingest::ParseStatus::kOk) {
    return false;
  }
  const CivilDate c = civil_from_date(date);
  year = c.year;
  month = c.month;
  return true;
}

}  // namespace

Result<std::vector<MonthlyBudget>> read_budgets(const std::string& path,
                                                std::optional<std::pair<int, int>> default_month) {
  auto all = csv::read_all_rows(path);
  if (!all.ok()) {
    return all.error();
  }
  const auto* rows = &all->rows;
  if (rows->empty()) {
    return budget_error(path, 1, "", "the budgets file is empty");
  }
  const auto& header = (*rows)[0];
  int id_col = -1;
  int month_col = -1;
  int budget_col = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    id_col = h == "campaign_id" ? static_cast<int>(i) : id_col;
    month_col = h == "month" ? static_cast<int>(i) : month_col;
    budget_col = h == "budget" || h == "monthly_budget" ? static_cast<int>(i) : budget_col;
  }
  if (id_col < 0 || budget_col < 0) {
    return budget_error(path, 1, "", "the header needs campaign_id and budget columns");
  }
  if (month_col < 0 && !default_month) {
    return budget_error(path, 1, "month", "no month column: add one or pass --month YYYY-MM");
  }
  std::vector<MonthlyBudget> out;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    const int64_t line = all->lines[r];
    if (row.size() != header.size()) {
      return budget_error(path, line, "", fmt::format("row has {} fields but the header has {}",
                                                      row.size(), header.size()));
    }
    MonthlyBudget b;
    b.campaign_id = row[static_cast<size_t>(id_col)];
    if (month_col >= 0) {
      if (!parse_month(row[static_cast<size_t>(month_col)], b.year, b.month)) {
        return budget_error(path, line, "month",
                            fmt::format("'{}' is not a month (YYYY-MM)", row[static_cast<size_t>(month_col)]));
      }
    } else {
      b.year = default_month->first;
      b.month = default_month->second;
    }
    int64_t micros = 0;
    if (ingest::parse_money(row[static_cast<size_t>(budget_col)], {}, micros) != ingest::ParseStatus::kOk ||
        micros <= 0) {
      return budget_error(path, line, "budget",
                          fmt::format("'{}' is not a positive amount", row[static_cast<size_t>(budget_col)]));
    }
    b.amount = micros_to_units(micros);
    out.push_back(std::move(b));
  }
  return out;
}

Result<std::vector<PacingRow>> compute_pacing(const std::vector<DailySeries>& campaigns,
                                              const std::vector<MonthlyBudget>& budgets,
                                              const forecast::ForecasterRegistry& registry,
                                              const PacingOptions& options) {
  std::vector<PacingRow> out;
  for (const auto& budget : budgets) {
    const auto it = std::find_if(campaigns.begin(), campaigns.end(),
                                 [&](const DailySeries& s) { return s.id == budget.campaign_id; });
    PacingRow row;
    row.campaign_id = budget.campaign_id;
    row.month = fmt::format("{:04}-{:02}", budget.year, budget.month);
    row.budget = budget.amount;
    if (it == campaigns.end()) {
      row.verdict = "no data";
      row.explanation = "the campaign has no rows in the data";
      out.push_back(std::move(row));
      continue;
    }
    const DailySeries& s = *it;
    row.campaign_name = s.name;
    const Date month_first = date_from_civil(budget.year, budget.month, 1);
    const Date month_last = month_first + days_in_month(budget.year, budget.month) - 1;
    const Date as_of = std::min(options.as_of.value_or(s.last()), month_last);
    if (as_of < month_first - 1) {
      row.verdict = "no data";
      row.explanation = "the data ends before the month starts";
      out.push_back(std::move(row));
      continue;
    }
    row.days_elapsed = as_of - month_first + 1;
    row.days_remaining = month_last - as_of;
    const auto end = static_cast<size_t>(std::max<Date>(0, as_of - s.first + 1));
    const auto begin = static_cast<size_t>(std::max<Date>(0, month_first - s.first));
    for (size_t i = begin; i < end && i < s.size(); ++i) {
      row.spend_to_date += s.cost[i];
    }
    double remaining_mean = 0.0;
    double remaining_variance = 0.0;
    row.model = "none";
    if (row.days_remaining > 0) {
      const std::vector<double> history(s.cost.begin(), s.cost.begin() + static_cast<long>(std::min(end, s.size())));
      forecast::ForecastOptions fo;
      fo.period = 7;
      auto model = registry.create(options.model, fo);
      if (!model.ok()) {
        return model.error();
      }
      const bool fitted = (*model)->fit(history).ok();
      auto predicted = fitted ? (*model)->predict(row.days_remaining, {95.0})
                              : Result<forecast::ForecastResult>(make_error(ErrorCode::kInvalidArgument, ""));
      if (predicted.ok()) {
        row.model = predicted->model;
        const double z = forecast::normal_quantile_for_level(95.0);
        for (int h = 0; h < row.days_remaining; ++h) {
          const double mean = std::max(0.0, predicted->mean[static_cast<size_t>(h)]);
          const double sd = (predicted->upper[0][static_cast<size_t>(h)] - predicted->mean[static_cast<size_t>(h)]) / z;
          remaining_mean += mean;
          remaining_variance += sd * sd;  // independent daily errors: the interval is optimistic
        }
      } else {
        // Too little history to fit: the average of the last 7 days, with its spread.
        const size_t from = end >= 7 ? end - 7 : 0;
        double sum = 0.0;
        double ss = 0.0;
        for (size_t i = from; i < end; ++i) {
          sum += s.cost[i];
        }
        const double avg = end > from ? sum / static_cast<double>(end - from) : 0.0;
        for (size_t i = from; i < end; ++i) {
          ss += (s.cost[i] - avg) * (s.cost[i] - avg);
        }
        const double sd = end - from > 1 ? std::sqrt(ss / static_cast<double>(end - from - 1)) : 0.0;
        row.model = "7-day average";
        remaining_mean = avg * row.days_remaining;
        remaining_variance = sd * sd * row.days_remaining;
      }
    }
    row.projected = row.spend_to_date + remaining_mean;
    const double sd = std::sqrt(remaining_variance);
    const double z80 = forecast::normal_quantile_for_level(80.0);
    const double z95 = forecast::normal_quantile_for_level(95.0);
    row.projected_low_80 = std::max(row.spend_to_date, row.projected - z80 * sd);
    row.projected_high_80 = row.projected + z80 * sd;
    row.projected_low_95 = std::max(row.spend_to_date, row.projected - z95 * sd);
    row.projected_high_95 = row.projected + z95 * sd;
    row.projected_share = row.projected / row.budget;
    if (row.days_remaining > 0) {
      row.recommended_daily_budget = std::max(0.0, (row.budget - row.spend_to_date) / row.days_remaining);
    }
    if (row.spend_to_date >= row.budget) {
      row.verdict = "exhausted";
    } else if (row.projected > row.budget * (1.0 + options.tolerance)) {
      row.verdict = "over-pacing";
    } else if (row.projected < row.budget * (1.0 - options.tolerance)) {
      row.verdict = "under-pacing";
    } else {
      row.verdict = "on track";
    }
    row.explanation = fmt::format(
        "spent {} of {} in {} days; projected {} ({} of budget, 95% {}–{}) by {}", format_money(row.spend_to_date, ""),
        format_money(row.budget, ""), row.days_elapsed, format_money(row.projected, ""),
        format_percent(row.projected_share), format_money(row.projected_low_95, ""),
        format_money(row.projected_high_95, ""), format_date(month_last));
    if (row.recommended_daily_budget && row.verdict != "on track") {
      row.explanation += fmt::format("; {}/day for the remaining {} days lands on target",
                                     format_money(*row.recommended_daily_budget, ""), row.days_remaining);
    }
    out.push_back(std::move(row));
  }
  return out;
}

Table pacing_table(const std::vector<PacingRow>& rows) {
  Table t;
  Column& id = t.add_column("campaign_id", ColumnType::kString);
  Column& name = t.add_column("campaign_name", ColumnType::kString);
  Column& month = t.add_column("month", ColumnType::kString);
  std::vector<Column*> money;
  for (const char* n : {"budget", "spend_to_date", "projected", "projected_low_80", "projected_high_80",
                        "projected_low_95", "projected_high_95", "recommended_daily_budget"}) {
    money.push_back(&t.add_column(n, ColumnType::kMoney));
  }
  Column& share = t.add_column("projected_share", ColumnType::kDouble);
  Column& elapsed = t.add_column("days_elapsed", ColumnType::kInt64);
  Column& remaining = t.add_column("days_remaining", ColumnType::kInt64);
  Column& verdict = t.add_column("verdict", ColumnType::kString);
  Column& model = t.add_column("model", ColumnType::kString);
  Column& explanation = t.add_column("explanation", ColumnType::kString);
  for (const auto& r : rows) {
    id.append_string(r.campaign_id);
    name.append_string(r.campaign_name);
    month.append_string(r.month);
    const double values[] = {r.budget, r.spend_to_date, r.projected, r.projected_low_80, r.projected_high_80,
                             r.projected_low_95, r.projected_high_95, r.recommended_daily_budget.value_or(0.0)};
    const bool has_data = r.verdict != "no data";
    for (size_t i = 0; i < money.size(); ++i) {
      money[i]->i64().push_back(units_to_micros(values[i]));
      const bool valid = i == 0 || (has_data && (i != 7 || r.recommended_daily_budget.has_value()));
      money[i]->valid().push_back(valid ? 1 : 0);
    }
    share.f64().push_back(r.projected_share);
    share.valid().push_back(has_data ? 1 : 0);
    elapsed.i64().push_back(r.days_elapsed);
    elapsed.valid().push_back(1);
    remaining.i64().push_back(r.days_remaining);
    remaining.valid().push_back(1);
    verdict.append_string(r.verdict);
    model.append_string(r.model);
    explanation.append_string(r.explanation);
  }
  return t;
}

}  // namespace adpilot::analyze
