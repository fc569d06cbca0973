#include "adpilot/ingest/formats/format.h"

#include <fmt/format.h>

#include "adpilot/ingest/detail/currency.h"

namespace adpilot::ingest {

ColumnType storage_type(ValueKind kind) {
  switch (kind) {
    case ValueKind::kString: return ColumnType::kString;
    case ValueKind::kDate: return ColumnType::kDate;
    case ValueKind::kCount: return ColumnType::kInt64;
    case ValueKind::kMoney: return ColumnType::kMoney;
    case ValueKind::kDecimal: return ColumnType::kDouble;
    case ValueKind::kMonthName:
    case ValueKind::kDayOfMonth: return ColumnType::kDate;
  }
  return ColumnType::kString;
}

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

char lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; }

bool equal_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool header_matches(std::string_view pattern, std::string_view header) {
  header = trim(header);
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return header.size() >= pattern.size() && equal_ci(header.substr(0, pattern.size()), pattern);
  }
  return equal_ci(pattern, header);
}

Result<BoundFormat> bind_format(const FormatSpec& spec, const std::vector<std::string>& header) {
  BoundFormat bound;
  bound.spec = &spec;
  bound.header_fields = header.size();
  std::vector<uint8_t> claimed(header.size(), 0);
  std::vector<std::string> missing;
  for (const auto& rule : spec.rules) {
    bool found = false;
    for (const auto& pattern : rule.headers) {
      for (size_t idx = 0; idx < header.size() && !found; ++idx) {
        if (claimed[idx] == 0 && header_matches(pattern, header[idx])) {
          claimed[idx] = 1;
          bound.columns.push_back(BoundColumn{idx, header[idx], rule.target, rule.kind});
          if (rule.target == "cost" && bound.header_currency.empty()) {
            bound.header_currency = std::string(currency_in_header(header[idx]));
          }
          found = true;
        }
      }
      if (found) {
        break;
      }
    }
    if (!found && rule.required) {
      missing.push_back(rule.headers.front());
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& name : missing) {
      list += (list.empty() ? "'" : ", '") + name + "'";
    }
    return make_error(ErrorCode::kSchema,
                      fmt::format("the header lacks column(s) {} required by format '{}'", list,
                                  spec.name),
                      {}, "check the export's columns, or map them in the config's `formats:` section");
  }
  for (size_t idx = 0; idx < header.size(); ++idx) {
    if (claimed[idx] != 0) {
      continue;
    }
    const std::string_view name = trim(header[idx]);
    if (spec.keep_unknown_columns && !name.empty()) {
      bound.columns.push_back(BoundColumn{idx, header[idx], std::string(name), ValueKind::kString});
    } else if (!name.empty()) {
      bound.ignored_headers.push_back(header[idx]);
    }
  }
  return bound;
}

}  // namespace adpilot::ingest
