// The VADER lexicon as a lookup table: lower-case token → mean valence (−4 … +4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "adpilot/core/result.h"

namespace adpilot::nlp::detail {

// Heterogeneous lookup, so a token view is looked up without building a std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

class VaderLexicon {
 public:
  // Parses the lexicon file's text; a later line for the same token wins (as a Python dict
  // built line by line). A line without a number in its second field is a kParse error naming
  // the line.
  static Result<VaderLexicon> parse(std::string_view text, std::string_view source_name);
  // The embedded lexicon.
  static Result<VaderLexicon> embedded();

  std::optional<double> find(std::string_view lower_token) const {
    const auto it = valence_.find(lower_token);
    return it == valence_.end() ? std::nullopt : std::optional<double>(it->second);
  }
  bool contains(std::string_view lower_token) const { return valence_.find(lower_token) != valence_.end(); }
  size_t size() const { return valence_.size(); }

 private:
  std::unordered_map<std::string, double, StringHash, std::equal_to<>> valence_;
};

}  // namespace adpilot::nlp::detail
