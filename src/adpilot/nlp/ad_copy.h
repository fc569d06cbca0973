// One ad's copy as the copy tools see it: its platform and its text fields in order. Readers of
// ad-copy tables (the CLI) build these; lint, suggestions, features and LLM rewrites read them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot::nlp {

enum class Platform : uint8_t {
  kGoogle,  // Google Ads responsive search ads: headlines, descriptions, display-URL paths
  kMeta,    // Meta (Facebook/Instagram) feed ads: primary text, headline, description
};

const char* platform_name(Platform platform);              // "google", "meta"
std::optional<Platform> parse_platform(std::string_view text);  // also google_ads, rsa, meta_ads, facebook

enum class FieldKind : uint8_t { kHeadline, kDescription, kPath, kPrimaryText };

const char* field_kind_name(FieldKind kind);  // "headline", "description", "path", "primary_text"

struct CopyField {
  std::string name;  // the column it came from: "headline_2", "primary_text"
  FieldKind kind = FieldKind::kHeadline;
  std::string text;
};

struct AdCopy {
  std::string ad_id;
  std::string campaign_id;
  Platform platform = Platform::kGoogle;
  std::vector<CopyField> fields;       // non-empty texts, in column order
  std::string final_url;
  std::vector<std::string> keywords;   // the terms the ad should carry (optional column)
  std::string source_file;             // where the ad was read, for messages
  int64_t source_line = 0;

  size_t count(FieldKind kind) const;
  // The text people read, fields joined by newlines (paths left out): what sentiment and the
  // copy features are computed on.
  std::string visible_text() const;
};

// The most likely brand words from the final URL's host: "www.ridgeline-outfitters.example" →
// {"ridgeline", "outfitters"}. Empty when there is no URL.
std::vector<std::string> brand_words(std::string_view final_url);

}  // namespace adpilot::nlp
