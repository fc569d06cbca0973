// The data-quality report: every policy of preprocess counts what it did, per file and in total,
// so nothing is dropped, filled or kept silently. `adpilot check` prints it; reports embed it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "adpilot/core/date.h"

namespace adpilot::ingest {

enum class MissingPolicy : uint8_t { kZero, kDrop, kError };
enum class RowPolicy : uint8_t { kKeep, kDrop, kError };        // for checks that flag a row
enum class KeyDupPolicy : uint8_t { kKeep, kFirst, kError };     // same key, different values

const char* policy_name(MissingPolicy policy);
const char* policy_name(RowPolicy policy);
const char* policy_name(KeyDupPolicy policy);

struct Policies {
  MissingPolicy missing = MissingPolicy::kZero;  // a metric cell that is empty or "--"
  RowPolicy exact_duplicates = RowPolicy::kDrop; // a row identical to an earlier one
  KeyDupPolicy duplicate_keys = KeyDupPolicy::kKeep;  // same date and entity, other figures
  RowPolicy negative = RowPolicy::kDrop;         // a negative count or amount
  RowPolicy inconsistent = RowPolicy::kKeep;     // clicks > impressions, conversions > clicks
  RowPolicy unknown_currency = RowPolicy::kKeep; // a currency that is not an ISO 4217 code
};

struct QualityCounts {
  int64_t rows_read = 0;            // data rows seen (after the header, totals rows excluded)
  int64_t rows_kept = 0;
  int64_t rows_rejected = 0;        // malformed rows skipped by --lenient
  int64_t total_rows_skipped = 0;   // "Total: …" rows of Google Ads exports
  int64_t missing_cells = 0;        // metric cells that were empty or "--"
  int64_t rows_dropped_missing = 0;
  int64_t exact_duplicates = 0;
  int64_t duplicate_keys = 0;
  int64_t negative_values = 0;
  int64_t clicks_over_impressions = 0;
  int64_t conversions_over_clicks = 0;
  int64_t unknown_currency = 0;
  int64_t rows_dropped_by_checks = 0;  // dropped by a check whose policy is `drop`
  int64_t multi_day_rows = 0;       // rows covering more than one day (Meta date ranges)
  int64_t rows_outside_dates = 0;   // filtered by --since/--until
  std::map<std::string, int64_t> missing_by_column;

  void add(const QualityCounts& other);
};

struct RejectedRow {
  std::string file;
  int64_t line = 0;
  int64_t column = 0;
  std::string field;
  std::string message;
  std::string raw;
};

struct ColumnMapping {
  std::string source;
  std::string target;
  std::string kind;
};

struct FileReport {
  std::string path;
  std::string format;
  bool format_detected = true;
  char delimiter = ',';
  bool had_bom = false;
  int64_t header_line = 0;
  int64_t bytes = 0;
  std::vector<ColumnMapping> mapping;
  std::vector<std::string> ignored_columns;
  std::vector<std::string> currencies;
  Date min_date = 0;
  Date max_date = 0;
  bool has_dates = false;
  QualityCounts counts;
  std::vector<RejectedRow> rejects;  // the first few, for the report
};

struct IngestReport {
  Policies policies;
  std::vector<FileReport> files;
  QualityCounts totals;
  int64_t bytes = 0;
};

}  // namespace adpilot::ingest
