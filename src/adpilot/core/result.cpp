#include "adpilot/core/result.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace adpilot {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kIo: return "i/o error";
    case ErrorCode::kParse: return "parse error";
    case ErrorCode::kSchema: return "schema error";
    case ErrorCode::kData: return "data error";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kInternal: return "internal error";
  }
  return "error";
}

std::string Error::to_string() const {
  std::string out;
  if (!context.file.empty()) {
    out += context.file;
    if (context.line > 0) {
      out += fmt::format(":{}", context.line);
      if (context.column > 0) {
        out += fmt::format(":{}", context.column);
      }
    }
    out += ": ";
  }
  out += message;
  if (!context.field.empty()) {
    out += fmt::format(" (column '{}')", context.field);
  }
  if (!context.option.empty()) {
    out += fmt::format(" (option {})", context.option);
  }
  if (!hint.empty()) {
    out += "\n  hint: " + hint;
  }
  return out;
}

void detail_assert_fail(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "adpilot: internal assertion failed: %s (%s:%d)\n", expr, file, line);
  std::abort();
}

}  // namespace adpilot
