// FormatSpec: how one export layout maps onto the canonical columns of DESIGN.md. The presets
// (canonical, google_ads, meta_ads, kaggle_fb, online_ads) and user mappings from the config file
// are all FormatSpecs, detected from the header row and kept in a FormatRegistry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/core/table.h"
#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::ingest {

enum class ValueKind : uint8_t {
  kString,     // dictionary-encoded text
  kDate,       // a full date in any accepted layout
  kCount,      // int64 (impressions, clicks)
  kMoney,      // int64 micros (cost, revenue, budget)
  kDecimal,    // double (conversions: platforms report fractions)
  kMonthName,  // "April": combined with kDayOfMonth and the --year option into `date`
  kDayOfMonth,
};

ColumnType storage_type(ValueKind kind);

// One source column → one canonical column. A header pattern may end in '*' to match a prefix
// (Meta's "Amount spent (USD)"); matching ignores case and surrounding spaces.
struct ColumnRule {
  std::vector<std::string> headers;
  std::string target;
  ValueKind kind = ValueKind::kString;
  bool required = false;
};

struct FormatSpec {
  std::string name;
  std::string description;
  std::vector<ColumnRule> rules;
  // Headers that must all be present for detection to pick this format (besides required ones).
  std::vector<std::string> fingerprint;
  int priority = 0;                  // a more specific format wins a detection tie
  bool skip_total_rows = false;      // Google Ads closes its exports with "Total: …" rows
  bool keep_unknown_columns = false; // canonical keeps extra columns as text segments
  std::string channel;               // constant `channel` when the file has none
  DateOrder date_order = DateOrder::kAuto;
  NumberLocale locale;
  bool locale_set = false;           // a user mapping chose the decimal separator itself
};

// A format bound to one file's header: for each source column, the rule that claimed it.
struct BoundColumn {
  size_t source_idx = 0;
  std::string source_header;
  std::string target;
  ValueKind kind = ValueKind::kString;
};

struct BoundFormat {
  const FormatSpec* spec = nullptr;
  std::vector<BoundColumn> columns;
  std::vector<std::string> ignored_headers;
  size_t header_fields = 0;
  std::string header_currency;  // from "Amount spent (EUR)"
};

// Case- and space-insensitive header comparison with a trailing '*' wildcard.
bool header_matches(std::string_view pattern, std::string_view header);

// Binds spec to header, or explains which required columns are missing.
Result<BoundFormat> bind_format(const FormatSpec& spec, const std::vector<std::string>& header);

}  // namespace adpilot::ingest
