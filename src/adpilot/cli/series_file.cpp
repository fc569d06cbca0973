#include "adpilot/cli/series_file.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>

#include "adpilot/ingest/csv/read_all.h"
#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::cli {

namespace {

// "2014-04-01 00:05:00", "2014-04-01T00:05:00Z", "2014-04-01" or "17" → seconds (or the index).
bool parse_timestamp(std::string_view text, double& out) {
  int64_t index = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (ec == std::errc() && ptr == text.data() + text.size()) {
    out = static_cast<double>(index);
    return true;
  }
  int32_t date = 0;
  if (ingest::parse_date(text, ingest::DateOrder::kAuto, date) != ingest::ParseStatus::kOk) {
    return false;
  }
  double seconds = static_cast<double>(date) * 86400.0;
  if (text.size() >= 19 && (text[10] == ' ' || text[10] == 'T') && text[13] == ':' && text[16] == ':') {
    auto two = [&](size_t pos) { return (text[pos] - '0') * 10 + (text[pos + 1] - '0'); };
    seconds += two(11) * 3600.0 + two(14) * 60.0 + two(17);
  }
  out = seconds;
  return true;
}

}  // namespace

Result<std::vector<PlainSeries>> read_series_file(const std::string& path) {
  auto all = csv::read_all_rows(path);
  if (!all.ok()) {
    return all.error();
  }
  const auto* rows = &all->rows;
  if (rows->size() < 2) {
    return make_error(ErrorCode::kParse, "the series file has no data rows", ErrorContext{path, 1, 0, "", ""});
  }
  const auto& header = (*rows)[0];
  int id_col = -1;
  int ts_col = -1;
  int value_col = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    id_col = header[i] == "series_id" || header[i] == "unique_id" ? static_cast<int>(i) : id_col;
    ts_col = header[i] == "timestamp" || header[i] == "ds" || header[i] == "date" ? static_cast<int>(i) : ts_col;
    value_col = header[i] == "value" || header[i] == "y" ? static_cast<int>(i) : value_col;
  }
  if (ts_col < 0 || value_col < 0) {
    return make_error(ErrorCode::kSchema, "a series file needs timestamp and value columns",
                      ErrorContext{path, 1, 0, "", ""}, "the header is series_id,timestamp,value (series_id optional)");
  }
  std::vector<PlainSeries> out;
  std::map<std::string, size_t> index;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    const ErrorContext at{path, all->lines[r], 0, "", ""};
    if (row.size() != header.size()) {
      return make_error(ErrorCode::kParse, fmt::format("row has {} fields but the header has {}", row.size(), header.size()), at);
    }
    const std::string id = id_col >= 0 ? row[static_cast<size_t>(id_col)] : "series";
    auto [it, inserted] = index.emplace(id, out.size());
    if (inserted) {
      out.push_back(PlainSeries{id, {}, {}, {}});
    }
    PlainSeries& s = out[it->second];
    double seconds = 0.0;
    const std::string& ts = row[static_cast<size_t>(ts_col)];
    if (!parse_timestamp(ts, seconds)) {
      ErrorContext c = at;
      c.column = ts_col + 1;
      c.field = "timestamp";
      return make_error(ErrorCode::kParse, fmt::format("'{}' is not a date, date-time or index", ts), c);
    }
    if (!s.seconds.empty() && seconds <= s.seconds.back()) {
      ErrorContext c = at;
      c.field = "timestamp";
      return make_error(ErrorCode::kParse, fmt::format("series '{}' is not in time order at '{}'", id, ts), c);
    }
    double value = 0.0;
    const auto status = ingest::parse_decimal(row[static_cast<size_t>(value_col)], {}, value);
    if (status != ingest::ParseStatus::kOk) {
      ErrorContext c = at;
      c.column = value_col + 1;
      c.field = "value";
      return make_error(ErrorCode::kParse,
                        fmt::format("'{}' is not a number", row[static_cast<size_t>(value_col)]), c,
                        "series values must be present; fill gaps before forecasting");
    }
    s.timestamps.push_back(ts);
    s.seconds.push_back(seconds);
    s.values.push_back(value);
  }
  return out;
}

}  // namespace adpilot::cli
