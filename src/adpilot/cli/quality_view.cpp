#include "adpilot/cli/quality_view.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adpilot/core/format_number.h"

namespace adpilot::cli {

namespace {

using ingest::QualityCounts;

// One line per check: label, count, and what the policy did with it.
struct CheckLine {
  const char* key;
  const char* label;
  int64_t QualityCounts::*count;
};

constexpr CheckLine kChecks[] = {
    {"rows_rejected", "malformed rows skipped (--lenient)", &QualityCounts::rows_rejected},
    {"total_rows_skipped", "totals rows skipped", &QualityCounts::total_rows_skipped},
    {"missing_cells", "missing metric cells", &QualityCounts::missing_cells},
    {"rows_dropped_missing", "rows dropped for missing values", &QualityCounts::rows_dropped_missing},
    {"exact_duplicates", "exact duplicate rows", &QualityCounts::exact_duplicates},
    {"duplicate_keys", "duplicate keys (same entity and date)", &QualityCounts::duplicate_keys},
    {"negative_values", "rows with negative values", &QualityCounts::negative_values},
    {"clicks_over_impressions", "rows with clicks > impressions", &QualityCounts::clicks_over_impressions},
    {"conversions_over_clicks", "rows with conversions > clicks", &QualityCounts::conversions_over_clicks},
    {"unknown_currency", "rows with an unknown currency", &QualityCounts::unknown_currency},
    {"rows_dropped_by_checks", "rows dropped by the checks above", &QualityCounts::rows_dropped_by_checks},
    {"multi_day_rows", "rows covering several days", &QualityCounts::multi_day_rows},
    {"rows_outside_dates", "rows outside --since/--until", &QualityCounts::rows_outside_dates},
};

std::string counts_text(const QualityCounts& counts, const ingest::Policies& policies) {
  std::string out = fmt::format("  rows read {:>12}\n  rows kept {:>12}\n",
                                format_count(static_cast<double>(counts.rows_read), 0),
                                format_count(static_cast<double>(counts.rows_kept), 0));
  for (const auto& check : kChecks) {
    const int64_t value = counts.*check.count;
    if (value == 0) {
      continue;
    }
    out += fmt::format("  {:<42} {:>10}\n", check.label, format_count(static_cast<double>(value), 0));
  }
  for (const auto& [column, count] : counts.missing_by_column) {
    out += fmt::format("    missing {:<34} {:>10}\n", column, format_count(static_cast<double>(count), 0));
  }
  (void)policies;
  return out;
}

}  // namespace

bool has_findings(const QualityCounts& counts) {
  return counts.rows_rejected + counts.missing_cells + counts.exact_duplicates +
             counts.duplicate_keys + counts.negative_values + counts.clicks_over_impressions +
             counts.conversions_over_clicks + counts.unknown_currency >
         0;
}

std::string quality_text(const ingest::IngestReport& report, bool verbose) {
  const auto& p = report.policies;
  std::string out = fmt::format(
      "policies: missing={} duplicates={} duplicate-keys={} negative={} inconsistent={} "
      "unknown-currency={}\n",
      ingest::policy_name(p.missing), ingest::policy_name(p.exact_duplicates),
      ingest::policy_name(p.duplicate_keys), ingest::policy_name(p.negative),
      ingest::policy_name(p.inconsistent), ingest::policy_name(p.unknown_currency));
  for (const auto& file : report.files) {
    out += fmt::format("\n{}\n  format {} ({}), delimiter '{}', header on line {}{}\n", file.path,
                       file.format, file.format_detected ? "detected" : "forced",
                       file.delimiter == '\t' ? std::string("tab") : std::string(1, file.delimiter),
                       file.header_line, file.had_bom ? ", UTF-8 BOM" : "");
    if (file.has_dates) {
      out += fmt::format("  dates {} .. {}\n", format_date(file.min_date), format_date(file.max_date));
    } else {
      out += "  dates: none (the format has no date column)\n";
    }
    if (!file.currencies.empty()) {
      out += fmt::format("  currencies {}\n", fmt::join(file.currencies, ", "));
    }
    if (verbose) {
      for (const auto& m : file.mapping) {
        out += fmt::format("    {:<32} → {} ({})\n", m.source, m.target, m.kind);
      }
    }
    if (!file.ignored_columns.empty()) {
      out += fmt::format("  ignored columns: {}\n", fmt::join(file.ignored_columns, ", "));
    }
    out += counts_text(file.counts, report.policies);
    for (const auto& reject : file.rejects) {
      out += fmt::format("  rejected {}:{}:{}: {}\n", reject.file, reject.line, reject.column,
                         reject.message);
    }
  }
  if (report.files.size() > 1) {
    out += "\nall files\n" + counts_text(report.totals, report.policies);
  }
  return out;
}

std::string quality_json(const ingest::IngestReport& report) {
  auto counts_json = [](const QualityCounts& counts) {
    nlohmann::ordered_json j;
    j["rows_read"] = counts.rows_read;
    j["rows_kept"] = counts.rows_kept;
    for (const auto& check : kChecks) {
      j[check.key] = counts.*check.count;
    }
    j["missing_by_column"] = counts.missing_by_column;
    return j;
  };
  const auto& p = report.policies;
  nlohmann::ordered_json root;
  root["policies"] = {{"missing", ingest::policy_name(p.missing)},
                      {"duplicates", ingest::policy_name(p.exact_duplicates)},
                      {"duplicate_keys", ingest::policy_name(p.duplicate_keys)},
                      {"negative", ingest::policy_name(p.negative)},
                      {"inconsistent", ingest::policy_name(p.inconsistent)},
                      {"unknown_currency", ingest::policy_name(p.unknown_currency)}};
  root["files"] = nlohmann::ordered_json::array();
  for (const auto& file : report.files) {
    nlohmann::ordered_json f;
    f["path"] = file.path;
    f["format"] = file.format;
    f["format_detected"] = file.format_detected;
    f["delimiter"] = std::string(1, file.delimiter);
    f["header_line"] = file.header_line;
    f["bytes"] = file.bytes;
    f["first_date"] = file.has_dates ? nlohmann::ordered_json(format_date(file.min_date)) : nullptr;
    f["last_date"] = file.has_dates ? nlohmann::ordered_json(format_date(file.max_date)) : nullptr;
    f["currencies"] = file.currencies;
    f["mapping"] = nlohmann::ordered_json::array();
    for (const auto& m : file.mapping) {
      f["mapping"].push_back({{"source", m.source}, {"target", m.target}, {"kind", m.kind}});
    }
    f["ignored_columns"] = file.ignored_columns;
    f["counts"] = counts_json(file.counts);
    f["rejects"] = nlohmann::ordered_json::array();
    for (const auto& r : file.rejects) {
      f["rejects"].push_back({{"line", r.line}, {"column", r.column}, {"field", r.field},
                              {"message", r.message}, {"raw", r.raw}});
    }
    root["files"].push_back(std::move(f));
  }
  root["totals"] = counts_json(report.totals);
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace adpilot::cli
