#include "adpilot/ingest/detail/preprocess.h"

#include <fmt/format.h>

#include <algorithm>

#include "adpilot/ingest/detail/currency.h"

namespace adpilot::ingest::detail {

Preprocessor::Preprocessor(const Policies& policies, bool lenient, size_t max_rejects,
                           std::optional<Date> since, std::optional<Date> until)
    : policies_(policies), lenient_(lenient), max_rejects_(max_rejects), since_(since),
      until_(until) {}

uint32_t* Preprocessor::date_slot(uint32_t entity, Date date) {
  EntityDates& dates = entities_[entity];
  if (dates.fingerprints.empty()) {
    dates.base = date;
    dates.fingerprints.assign(1, 0);
  } else if (date < dates.base) {
    const auto shift = static_cast<size_t>(dates.base - date);
    dates.fingerprints.insert(dates.fingerprints.begin(), shift, 0);
    dates.base = date;
  }
  const auto offset = static_cast<size_t>(date - dates.base);
  if (offset >= dates.fingerprints.size()) {
    dates.fingerprints.resize(offset + 1, 0);
  }
  return &dates.fingerprints[offset];
}

namespace {

Error policy_error(const FileReport& report, int64_t line, const std::string& field,
                   std::string message, std::string hint) {
  ErrorContext context;
  context.file = report.path;
  context.line = line;
  context.field = field;
  return make_error(ErrorCode::kData, std::move(message), context, std::move(hint));
}

}  // namespace

Result<void> Preprocessor::apply(const ConvertPlan& plan, ConvertedChunk& chunk, int64_t line_base,
                                 FileReport& report) {
  QualityCounts& counts = report.counts;
  counts.rows_read += chunk.rows_seen;
  counts.total_rows_skipped += chunk.total_rows_skipped;

  for (const auto& problem : chunk.problems) {
    const int64_t line = line_base + problem.line_offset;
    if (!lenient_) {
      ErrorContext context{report.path, line, problem.column, problem.field, ""};
      std::string hint = problem.hint.empty() ? "fix the row" : problem.hint;
      return make_error(ErrorCode::kParse, problem.message, context,
                        hint + "; or pass --lenient to skip malformed rows (they are counted)");
    }
    ++counts.rows_rejected;
    if (report.rejects.size() < max_rejects_) {
      report.rejects.push_back(
          RejectedRow{report.path, line, problem.column, problem.field, problem.message, problem.raw});
    }
  }

  Table& table = chunk.table;
  const size_t rows = table.num_rows();
  std::vector<uint8_t> keep(rows, 1);
  auto col = [&](int idx) { return idx >= 0 ? &table.column(static_cast<size_t>(idx)) : nullptr; };
  Column* date = col(plan.date_col);
  Column* date_end = col(plan.date_end_col);
  Column* metrics[] = {col(plan.impressions_col), col(plan.clicks_col), col(plan.cost_col),
                       col(plan.conversions_col), col(plan.revenue_col)};
  Column* impressions = metrics[0];
  Column* clicks = metrics[1];
  Column* conversions = metrics[3];
  Column* currency = col(plan.currency_col);

  // Currency codes are checked once per distinct dictionary entry, not per row.
  std::vector<int8_t> currency_ok;
  if (currency != nullptr) {
    currency_ok.resize(static_cast<size_t>(currency->dict().size()));
    for (int32_t code = 0; code < currency->dict().size(); ++code) {
      const std::string_view text = currency->dict().at(code);
      currency_ok[static_cast<size_t>(code)] = text.empty() || is_iso_currency(text) ? 1 : 0;
    }
  }

  // A flagged row goes the way its policy says; error stops the run at this line.
  auto flag = [&](size_t row, RowPolicy policy, const std::string& field, const std::string& what,
                  const char* option) -> Result<void> {
    if (policy == RowPolicy::kError) {
      return policy_error(report, line_base + chunk.line_offset[row], field, what,
                          fmt::format("set {} keep or drop to accept such rows", option));
    }
    if (policy == RowPolicy::kDrop && keep[row] != 0) {
      keep[row] = 0;
      ++counts.rows_dropped_by_checks;
    }
    return {};
  };

  for (size_t row = 0; row < rows; ++row) {
    if (date != nullptr && date->is_valid(row)) {
      const Date d = date->i32()[row];
      if ((since_ && d < *since_) || (until_ && d > *until_)) {
        keep[row] = 0;
        ++counts.rows_outside_dates;
        continue;
      }
    }
    for (Column* metric : metrics) {
      if (metric == nullptr || metric->is_valid(row)) {
        continue;
      }
      ++counts.missing_cells;
      ++counts.missing_by_column[metric->name()];
      if (policies_.missing == MissingPolicy::kError) {
        return policy_error(report, line_base + chunk.line_offset[row], metric->name(),
                            "missing value", "set --missing zero or drop to accept missing figures");
      }
      if (policies_.missing == MissingPolicy::kDrop) {
        if (keep[row] != 0) {
          ++counts.rows_dropped_missing;
        }
        keep[row] = 0;
      }
      metric->valid()[row] = 1;  // the value slot already holds 0
    }
    if (keep[row] == 0) {
      continue;
    }
    for (Column* metric : metrics) {
      if (metric != nullptr && metric->number(row) < 0) {
        ++counts.negative_values;
        if (auto r = flag(row, policies_.negative, metric->name(),
                          fmt::format("negative {}", metric->name()), "--on-negative");
            !r.ok()) {
          return r;
        }
        break;
      }
    }
    if (impressions != nullptr && clicks != nullptr && clicks->i64()[row] > impressions->i64()[row]) {
      ++counts.clicks_over_impressions;
      if (auto r = flag(row, policies_.inconsistent, "clicks", "more clicks than impressions",
                        "--on-inconsistent");
          !r.ok()) {
        return r;
      }
    }
    if (clicks != nullptr && conversions != nullptr &&
        conversions->f64()[row] > static_cast<double>(clicks->i64()[row])) {
      ++counts.conversions_over_clicks;
      if (auto r = flag(row, policies_.inconsistent, "conversions", "more conversions than clicks",
                        "--on-inconsistent");
          !r.ok()) {
        return r;
      }
    }
    if (currency != nullptr && currency_ok[static_cast<size_t>(currency->i32()[row])] == 0) {
      ++counts.unknown_currency;
      if (auto r = flag(row, policies_.unknown_currency, "currency",
                        fmt::format("unknown currency '{}'", currency->str(row)),
                        "--on-unknown-currency");
          !r.ok()) {
        return r;
      }
    }
    if (date_end != nullptr && date != nullptr && date_end->is_valid(row) &&
        date_end->i32()[row] > date->i32()[row]) {
      ++counts.multi_day_rows;
    }
    if (keep[row] == 0) {
      continue;
    }
    // Duplicates: the same entity on the same date seen before, with the same bytes or not.
    bool inserted = false;
    const uint32_t entity = entity_index_.find_or_insert(
        chunk.entity_hash[row], static_cast<uint32_t>(entities_.size()), inserted);
    if (inserted) {
      entities_.emplace_back();
    }
    uint32_t* slot = date_slot(entity, date != nullptr ? date->i32()[row] : 0);
    if (*slot == 0) {
      *slot = chunk.row_hash[row];
    } else if (*slot == chunk.row_hash[row]) {
      ++counts.exact_duplicates;
      if (auto r = flag(row, policies_.exact_duplicates, "", "row repeats an earlier row exactly",
                        "--on-duplicate");
          !r.ok()) {
        return r;
      }
    } else {
      ++counts.duplicate_keys;
      if (policies_.duplicate_keys == KeyDupPolicy::kError) {
        return policy_error(report, line_base + chunk.line_offset[row], "",
                            "a row for the same entity and date was seen before, with other figures",
                            "set --on-duplicate-key keep or first to accept such rows");
      }
      if (policies_.duplicate_keys == KeyDupPolicy::kFirst) {
        keep[row] = 0;
        ++counts.rows_dropped_by_checks;
      }
    }
  }

  table.filter(keep);
  chunk.line_offset.clear();  // per-row side data no longer lines up after the filter
  const size_t kept = table.num_rows();
  counts.rows_kept += static_cast<int64_t>(kept);
  if (date != nullptr) {
    for (size_t row = 0; row < kept; ++row) {
      const Date d = date->i32()[row];
      if (!report.has_dates) {
        report.min_date = report.max_date = d;
        report.has_dates = true;
      }
      report.min_date = std::min(report.min_date, d);
      report.max_date = std::max(report.max_date, d);
    }
  }
  if (currency != nullptr) {
    for (int32_t code = 0; code < currency->dict().size(); ++code) {
      const std::string text(currency->dict().at(code));
      if (!text.empty() && std::find(report.currencies.begin(), report.currencies.end(), text) ==
                               report.currencies.end()) {
        report.currencies.push_back(text);
      }
    }
  }
  return {};
}

}  // namespace adpilot::ingest::detail
