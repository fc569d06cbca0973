#include "adpilot/ingest/detail/preprocess.h"

#include <fmt/format.h>

#include <algorithm>

#include "adpilot/ingest/detail/currency.h"

namespace adpilot::ingest::detail {

Preprocessor::Preprocessor(const Policies& policies, bool lenient, size_t max_rejects,
                           std::optional<Date> since, std::optional<Date> until)
    : policies_(policies), lenient_(lenient), max_rejects_(max_rejects), since_(since),
      until_(until) {}

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
  size_t dropped = 0;
  auto col = [&](int idx) { return idx >= 0 ? &table.column(static_cast<size_t>(idx)) : nullptr; };
  Column* date = col(plan.date_col);
  Column* date_end = col(plan.date_end_col);
  Column* metrics[] = {col(plan.impressions_col), col(plan.clicks_col), col(plan.cost_col),
                       col(plan.conversions_col), col(plan.revenue_col)};
  Column* currency = col(plan.currency_col);
  // Typed views for the row loop: counts and money are int64, conversions double.
  const int64_t* impressions = metrics[0] != nullptr ? metrics[0]->i64().data() : nullptr;
  const int64_t* clicks = metrics[1] != nullptr ? metrics[1]->i64().data() : nullptr;
  const double* conversions = metrics[3] != nullptr ? metrics[3]->f64().data() : nullptr;
  const int64_t* int_metrics[] = {impressions, clicks,
                                  metrics[2] != nullptr ? metrics[2]->i64().data() : nullptr,
                                  metrics[4] != nullptr ? metrics[4]->i64().data() : nullptr};
  const int32_t* dates = date != nullptr ? date->i32().data() : nullptr;

  // Currency codes are checked once per distinct dictionary entry, not per row.
  std::vector<int8_t> currency_ok;
  if (currency != nullptr) {
    currency_ok.resize(static_cast<size_t>(currency->dict().size()));
    for (int32_t code = 0; code < currency->dict().size(); ++code) {
      const std::string_view text = currency->dict().at(code);
      currency_ok[static_cast<size_t>(code)] = text.empty() || is_iso_currency(text) ? 1 : 0;
    }
  }
  // Missing metric cells are rare; skip the per-cell test when a chunk has none.
  bool any_missing = false;
  for (Column* metric : metrics) {
    if (metric != nullptr &&
        std::find(metric->valid().begin(), metric->valid().end(), 0) != metric->valid().end()) {
      any_missing = true;
    }
  }

  auto drop = [&](size_t row) {
    if (keep[row] != 0) {
      keep[row] = 0;
      ++dropped;
    }
  };
  // A flagged row goes the way its policy says; error stops the run at this line.
  auto flag = [&](size_t row, RowPolicy policy, const std::string& field, const std::string& what,
                  const char* option) -> Result<void> {
    if (policy == RowPolicy::kError) {
      return policy_error(report, line_base + chunk.line_offset[row], field, what,
                          fmt::format("set {} keep or drop to accept such rows", option));
    }
    if (policy == RowPolicy::kDrop && keep[row] != 0) {
      drop(row);
      ++counts.rows_dropped_by_checks;
    }
    return {};
  };

  uint64_t last_entity_hash = 0;
  uint32_t last_entity = 0;
  bool have_last_entity = false;
  for (size_t row = 0; row < rows; ++row) {
    if (dates != nullptr && (since_ || until_) && date->is_valid(row)) {
      const Date d = dates[row];
      if ((since_ && d < *since_) || (until_ && d > *until_)) {
        drop(row);
        ++counts.rows_outside_dates;
        continue;
      }
    }
    if (chunk.flags[row] != 0) {
      if (any_missing) {
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
            drop(row);
          }
          metric->valid()[row] = 1;  // the value slot already holds 0
        }
        if (keep[row] == 0) {
          continue;
        }
      }
      bool negative = conversions != nullptr && conversions[row] < 0;
      for (const int64_t* values : int_metrics) {
        negative = negative || (values != nullptr && values[row] < 0);
      }
      if (negative) {
        ++counts.negative_values;
        if (auto r = flag(row, policies_.negative, "", "negative count or amount", "--on-negative");
            !r.ok()) {
          return r;
        }
      }
      if (impressions != nullptr && clicks != nullptr && clicks[row] > impressions[row]) {
        ++counts.clicks_over_impressions;
        if (auto r = flag(row, policies_.inconsistent, "clicks", "more clicks than impressions",
                          "--on-inconsistent");
            !r.ok()) {
          return r;
        }
      }
      if (clicks != nullptr && conversions != nullptr &&
          conversions[row] > static_cast<double>(clicks[row])) {
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
      if (date_end != nullptr && dates != nullptr && date_end->is_valid(row) &&
          date_end->i32()[row] > dates[row]) {
        ++counts.multi_day_rows;
      }
      if (keep[row] == 0) {
        continue;
      }
    }
    // Duplicates: the same entity on the same date seen before, with the same bytes or not.
    const uint64_t entity_hash = chunk.entity_hash[row];
    if (!have_last_entity || entity_hash != last_entity_hash) {
      bool inserted = false;
      last_entity = entity_index_.find_or_insert(entity_hash, num_entities_, inserted);
      num_entities_ += inserted ? 1 : 0;
      last_entity_hash = entity_hash;
      have_last_entity = true;
    }
    uint32_t& slot = seen_.slot(last_entity, dates != nullptr ? dates[row] : 0);
    if (slot == 0) {
      slot = chunk.row_hash[row];
    } else if (slot == chunk.row_hash[row]) {
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
        drop(row);
        ++counts.rows_dropped_by_checks;
      }
    }
  }

  if (dropped > 0) {
    table.filter(keep);
  }
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
