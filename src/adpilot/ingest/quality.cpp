#include "adpilot/ingest/quality.h"

namespace adpilot::ingest {

const char* policy_name(MissingPolicy policy) {
  switch (policy) {
    case MissingPolicy::kZero: return "zero";
    case MissingPolicy::kDrop: return "drop";
    case MissingPolicy::kError: return "error";
  }
  return "?";
}

const char* policy_name(RowPolicy policy) {
  switch (policy) {
    case RowPolicy::kKeep: return "keep";
    case RowPolicy::kDrop: return "drop";
    case RowPolicy::kError: return "error";
  }
  return "?";
}

const char* policy_name(KeyDupPolicy policy) {
  switch (policy) {
    case KeyDupPolicy::kKeep: return "keep";
    case KeyDupPolicy::kFirst: return "first";
    case KeyDupPolicy::kError: return "error";
  }
  return "?";
}

void QualityCounts::add(const QualityCounts& other) {
  rows_read += other.rows_read;
  rows_kept += other.rows_kept;
  rows_rejected += other.rows_rejected;
  total_rows_skipped += other.total_rows_skipped;
  missing_cells += other.missing_cells;
  rows_dropped_missing += other.rows_dropped_missing;
  exact_duplicates += other.exact_duplicates;
  duplicate_keys += other.duplicate_keys;
  negative_values += other.negative_values;
  clicks_over_impressions += other.clicks_over_impressions;
  conversions_over_clicks += other.conversions_over_clicks;
  unknown_currency += other.unknown_currency;
  rows_dropped_by_checks += other.rows_dropped_by_checks;
  multi_day_rows += other.multi_day_rows;
  rows_outside_dates += other.rows_outside_dates;
  for (const auto& [name, count] : other.missing_by_column) {
    missing_by_column[name] += count;
  }
}

}  // namespace adpilot::ingest
