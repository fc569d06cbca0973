// Header detection: which of the first rows is the header, and which format it belongs to.
#pragma once

#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/ingest/formats/registry.h"

namespace adpilot::ingest::detail {

struct DetectedHeader {
  size_t row_idx = 0;  // rows before it are title lines (Google Ads exports)
  BoundFormat bound;
  bool detected = true;
};

// Tries the rows in order; the first row that fits some format (all required columns and the
// format's fingerprint) is the header. With forced_format, only that format is tried.
Result<DetectedHeader> detect_header(const std::vector<std::vector<std::string>>& rows,
                                     const FormatRegistry& registry, const std::string& forced_format,
                                     const std::string& file);

}  // namespace adpilot::ingest::detail
