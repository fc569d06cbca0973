// Small helpers for the HTML page tests: counting substrings and cutting out one element.
#pragma once

#include <string>
#include <string_view>

namespace adpilot::testing {

inline size_t count_of(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The text from the first `start` to the next `end` after it (both included); "" when absent.
inline std::string between(const std::string& text, const std::string& start,
                           const std::string& end) {
  const size_t from = text.find(start);
  if (from == std::string::npos) {
    return "";
  }
  const size_t to = text.find(end, from + start.size());
  if (to == std::string::npos) {
    return "";
  }
  return text.substr(from, to + end.size() - from);
}

}  // namespace adpilot::testing
