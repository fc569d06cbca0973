// Copy lint: platform limits and policies, and general copywriting advice, each rule with an id
// and an explanation. Lengths are user-perceived characters (grapheme clusters), as the ad
// platforms count them, never bytes.
//
// Example:
//   for (const auto& finding : nlp::lint_ad(ad)) {
//     fmt::print("{} {} {}: {}\n", finding.ad_id, finding.field, finding.rule_id, finding.message);
//   }
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/nlp/ad_copy.h"

namespace adpilot::nlp {

enum class Severity : uint8_t {
  kError,    // the platform rejects or disapproves the ad
  kWarning,  // the ad runs but is cut off or weaker than it should be
  kAdvice,   // general copywriting advice
};

const char* severity_name(Severity severity);  // "error", "warning", "advice"

struct LintRule {
  const char* id;           // "google.headline_length"
  std::optional<Platform> platform;  // nullopt: every platform
  Severity severity;
  const char* summary;      // one line: "Headline over 30 characters"
  const char* explanation;  // why it matters and what to do
};

// Every rule, in a stable order (the order findings are reported in).
std::span<const LintRule> lint_rules();
const LintRule* find_lint_rule(std::string_view id);

struct LintFinding {
  std::string rule_id;
  Severity severity = Severity::kAdvice;
  std::string ad_id;
  std::string field;     // "headline_3"; "" for a finding about the whole ad
  std::string message;   // specific: "headline_3 is 39 characters; the limit is 30"
  size_t length = 0;     // characters, for length rules
  size_t limit = 0;
};

struct LintOptions {
  // Words in capitals that are fine (brand names, product codes) beyond the built-in acronyms
  // (USA, UK, FAQ, GPS, TV, SUV, LED, USB, …).
  std::vector<std::string> acronyms;
  bool advice = true;  // include the general advice rules
};

// User-perceived characters (UAX #29 extended grapheme clusters): "é" as e + U+0301 is one, a
// ZWJ emoji family is one, each CJK character is one.
size_t grapheme_count(std::string_view text);

// The length a platform counts: grapheme clusters, and for Google a double-width (East Asian
// Wide or Fullwidth) character counts two, as Google Ads documents.
size_t platform_length(Platform platform, std::string_view text);

// The platform's character limit for a field, or 0 when it has none. Google: headline 30,
// description 90, path 15. Meta (where the text is cut off behind "See more"): primary text 125,
// headline 40, description 30.
size_t character_limit(Platform platform, FieldKind kind);

// Every finding for one ad, ordered by rule then field.
std::vector<LintFinding> lint_ad(const AdCopy& ad, const LintOptions& options = {});

// One text as if it were a field of this kind (for rewrite candidates): the per-field rules only.
std::vector<LintFinding> lint_text(Platform platform, FieldKind kind, std::string_view text,
                                   const LintOptions& options = {});

}  // namespace adpilot::nlp
