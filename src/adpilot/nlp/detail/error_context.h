// Error contexts for the nlp stage's file errors (all members set, so -Wextra stays quiet).
#pragma once

#include <cstdint>
#include <string>

#include "adpilot/core/result.h"

namespace adpilot::nlp::detail {

inline ErrorContext at_file(std::string file, std::string field = {}, int64_t line = 0) {
  return ErrorContext{std::move(file), line, 0, std::move(field), {}};
}

}  // namespace adpilot::nlp::detail
