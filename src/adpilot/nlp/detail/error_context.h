// Error contexts for the nlp stage's file errors (all members set, so -Wextra stays quiet). The
// message names the tensor or config key itself: ErrorContext::field prints as "(column 'x')",
// which fits tables, not tensors.
#pragma once

#include <cstdint>
#include <string>

#include "adpilot/core/result.h"

namespace adpilot::nlp::detail {

inline ErrorContext at_file(std::string file, int64_t line = 0) {
  return ErrorContext{std::move(file), line, 0, {}, {}};
}

}  // namespace adpilot::nlp::detail
