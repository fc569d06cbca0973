#include "adpilot/ingest/detail/header_detect.h"

#include <fmt/format.h>

namespace adpilot::ingest::detail {

namespace {

bool has_fingerprint(const FormatSpec& spec, const std::vector<std::string>& row) {
  for (const auto& pattern : spec.fingerprint) {
    bool found = false;
    for (const auto& header : row) {
      found = found || header_matches(pattern, header);
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

// Title lines of Google Ads exports are a single field; a header has several.
constexpr size_t kMaxTitleLines = 10;

}  // namespace

Result<DetectedHeader> detect_header(const std::vector<std::vector<std::string>>& rows,
                                     const FormatRegistry& registry, const std::string& forced_format,
                                     const std::string& file) {
  if (rows.empty()) {
    return make_error(ErrorCode::kParse, "the file is empty", ErrorContext{file, 1, 0, "", ""},
                      "export the report again; an adpilot input needs a header and data rows");
  }
  const size_t limit = std::min(rows.size(), kMaxTitleLines + 1);
  if (!forced_format.empty()) {
    const FormatSpec* spec = registry.find(forced_format);
    if (spec == nullptr) {
      std::string names;
      for (const auto& name : registry.names()) {
        names += (names.empty() ? "" : ", ") + name;
      }
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("unknown format '{}' (known: {})", forced_format, names),
                        ErrorContext{"", 0, 0, "", "--format"});
    }
    Error first_error;
    for (size_t idx = 0; idx < limit; ++idx) {
      auto bound = bind_format(*spec, rows[idx]);
      if (bound.ok()) {
        return DetectedHeader{idx, std::move(bound).value(), false};
      }
      if (idx == 0) {
        first_error = bound.error();
      }
    }
    first_error.context.file = file;
    first_error.context.line = 1;
    return first_error;
  }
  for (size_t idx = 0; idx < limit; ++idx) {
    const FormatSpec* best = nullptr;
    BoundFormat best_bound;
    for (const auto& spec : registry.formats()) {
      if (!has_fingerprint(*spec, rows[idx])) {
        continue;
      }
      auto bound = bind_format(*spec, rows[idx]);
      if (!bound.ok()) {
        continue;
      }
      if (best == nullptr || spec->priority > best->priority ||
          (spec->priority == best->priority && bound->columns.size() > best_bound.columns.size())) {
        best = spec.get();
        best_bound = std::move(bound).value();
      }
    }
    if (best != nullptr) {
      return DetectedHeader{idx, std::move(best_bound), true};
    }
  }
  std::string shown;
  for (const auto& header : rows[0]) {
    shown += (shown.empty() ? "" : ", ") + header;
    if (shown.size() > 160) {
      shown += ", …";
      break;
    }
  }
  return make_error(ErrorCode::kSchema,
                    fmt::format("no known export format fits the header ({})", shown),
                    ErrorContext{file, 1, 0, "", ""},
                    "force one with --format (canonical, google_ads, meta_ads, kaggle_fb, "
                    "online_ads) or map the columns in the config's `formats:` section");
}

}  // namespace adpilot::ingest::detail
