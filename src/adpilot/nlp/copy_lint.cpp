#include "adpilot/nlp/copy_lint.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>

#include "adpilot/nlp/detail/copy_signals.h"
#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp {

namespace {

constexpr Severity kE = Severity::kError;
constexpr Severity kW = Severity::kWarning;
constexpr Severity kA = Severity::kAdvice;
constexpr std::optional<Platform> kGoogle = Platform::kGoogle;
constexpr std::optional<Platform> kMeta = Platform::kMeta;
constexpr std::optional<Platform> kAny = std::nullopt;

// clang-format off
const LintRule kRules[] = {
  {"google.headline_length", kGoogle, kE, "Headline over 30 characters",
   "Google Ads does not accept a responsive search ad headline longer than 30 characters. Wide "
   "characters (Chinese, Japanese, Korean) count twice, as Google counts them."},
  {"google.description_length", kGoogle, kE, "Description over 90 characters",
   "Google Ads does not accept a description longer than 90 characters."},
  {"google.path_length", kGoogle, kE, "Display path over 15 characters",
   "Each of the two display-URL paths may hold at most 15 characters."},
  {"google.headline_count", kGoogle, kE, "Fewer than 3 or more than 15 headlines",
   "A responsive search ad needs at least 3 headlines and takes at most 15; more headlines give "
   "Google more combinations to test."},
  {"google.description_count", kGoogle, kE, "Fewer than 2 or more than 4 descriptions",
   "A responsive search ad needs at least 2 descriptions and takes at most 4."},
  {"google.headline_exclamation", kGoogle, kE, "Exclamation mark in a headline",
   "Google Ads' editorial policy disapproves headlines with '!'; descriptions may have one."},
  {"google.repeated_punctuation", kGoogle, kE, "Repeated punctuation",
   "Runs such as '!!', '?!' or '$$' are gimmicky punctuation under Google Ads' editorial policy."},
  {"google.symbols", kGoogle, kE, "Gimmicky symbols or emoji",
   "Decorative symbols and emoji (★ ✓ ➤ 😀) are not allowed in Google Ads text; ®, © and ™ are."},
  {"google.capitals", kGoogle, kE, "Words in capitals",
   "Google Ads disapproves words in capitals used for emphasis ('FREE'); accepted acronyms such as "
   "USA or GPS are fine. Write the word in title or sentence case."},
  {"google.duplicate_headline", kGoogle, kE, "Duplicate headlines",
   "Headlines of one ad must differ; a repeated headline is rejected and wastes a slot."},
  {"google.duplicate_description", kGoogle, kE, "Duplicate descriptions",
   "Descriptions of one ad must differ."},
  {"meta.primary_text_length", kMeta, kW, "Primary text over 125 characters",
   "Meta shows about 125 characters of primary text in the feed and hides the rest behind "
   "'See more'; put the offer and the call to action first."},
  {"meta.headline_length", kMeta, kW, "Headline over 40 characters",
   "Meta cuts headlines after about 40 characters on most placements."},
  {"meta.description_length", kMeta, kW, "Description over 30 characters",
   "Meta shows about 30 characters of the link description, and only on some placements."},
  {"copy.call_to_action", kAny, kW, "No call to action",
   "Tell people what to do next ('Shop now', 'Order today', 'Get a quote'): ads with a clear "
   "call to action usually draw more clicks."},
  {"copy.number_or_benefit", kAny, kA, "No number or concrete benefit",
   "A price, a discount, a rating or a concrete benefit (free shipping, a guarantee) is more "
   "convincing than an adjective."},
  {"copy.brand", kGoogle, kA, "Brand not mentioned",
   "The brand (taken from the final URL's domain) appears nowhere in the ad; naming it in a "
   "headline builds recognition and reassures people they are in the right place. (Meta shows "
   "the Page name above every ad, so Meta copy is not checked.)"},
  {"copy.keyword", kAny, kA, "Keyword not in a headline",
   "None of the ad's keywords appears in a headline; matching the search term raises relevance "
   "and the quality score."},
  {"copy.readability", kAny, kA, "Hard to read",
   "A sentence of more than 25 words or a Flesch reading ease below 50 is hard to take in at a "
   "glance; split it and prefer short words."},
  {"copy.weak_words", kAny, kA, "Weak or vague words",
   "Filler ('very', 'just'), vague words ('things', 'nice') and unproven superlatives ('best') "
   "cost characters and persuade nobody."},
};
// clang-format on

constexpr size_t kRulesCount = sizeof(kRules) / sizeof(kRules[0]);

size_t rule_index(std::string_view id) {
  for (size_t idx = 0; idx < kRulesCount; ++idx) {
    if (id == kRules[idx].id) {
      return idx;
    }
  }
  return kRulesCount;
}

const char* length_rule(Platform platform, FieldKind kind) {
  if (platform == Platform::kGoogle) {
    switch (kind) {
      case FieldKind::kHeadline: return "google.headline_length";
      case FieldKind::kDescription: return "google.description_length";
      case FieldKind::kPath: return "google.path_length";
      case FieldKind::kPrimaryText: return nullptr;
    }
  }
  switch (kind) {
    case FieldKind::kHeadline: return "meta.headline_length";
    case FieldKind::kDescription: return "meta.description_length";
    case FieldKind::kPrimaryText: return "meta.primary_text_length";
    case FieldKind::kPath: return nullptr;
  }
  return nullptr;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "'" : ", '") + item + "'";
  }
  return out;
}

class Linter {
 public:
  Linter(Platform platform, std::string ad_id, const LintOptions& options)
      : platform_(platform), ad_id_(std::move(ad_id)), options_(options) {}

  void field_rules(const CopyField& field) {
    const std::string_view text = field.text;
    const size_t limit = character_limit(platform_, field.kind);
    if (const char* rule = length_rule(platform_, field.kind); rule != nullptr && limit > 0) {
      const size_t length = platform_length(platform_, text);
      if (length > limit) {
        const bool google = platform_ == Platform::kGoogle;
        add(rule, field.name,
            fmt::format("{} is {} characters; {} {}", field.name, length, google ? "the limit is" : "Meta shows about",
                        limit),
            length, limit);
      }
    }
    if (platform_ == Platform::kGoogle) {
      if (field.kind == FieldKind::kHeadline && text.find('!') != std::string_view::npos) {
        add("google.headline_exclamation", field.name, fmt::format("{} has '!': \"{}\"", field.name, text));
      }
      if (auto runs = detail::repeated_punctuation(text); !runs.empty()) {
        add("google.repeated_punctuation", field.name, fmt::format("{} has {}", field.name, quoted_list(runs)));
      }
      if (auto symbols = detail::decorative_symbols(text); !symbols.empty()) {
        add("google.symbols", field.name, fmt::format("{} has {}", field.name, quoted_list(symbols)));
      }
      if (auto words = detail::shouted_words(text, options_.acronyms); !words.empty()) {
        add("google.capitals", field.name, fmt::format("{} has {} in capitals", field.name, quoted_list(words)));
      }
    }
    if (!options_.advice || field.kind == FieldKind::kPath) {
      return;
    }
    if (field.kind == FieldKind::kDescription || field.kind == FieldKind::kPrimaryText) {
      const detail::Readability r = detail::readability(text);
      if (r.words >= 12 && (r.longest_sentence > 25 || r.flesch < 50.0)) {
        add("copy.readability", field.name,
            fmt::format("{}: longest sentence {} words, reading ease {:.0f}", field.name, r.longest_sentence,
                        r.flesch));
      }
    }
    const auto weak = detail::find_weak_words(text);
    if (!weak.empty()) {
      std::vector<std::string> found;
      for (const auto& w : weak) {
        found.push_back(w.found);
      }
      add("copy.weak_words", field.name, fmt::format("{} has {}", field.name, quoted_list(found)));
    }
  }

  void ad_rules(const AdCopy& ad) {
    if (platform_ == Platform::kGoogle) {
      count_rule(ad, FieldKind::kHeadline, 3, 15, "google.headline_count", "headlines");
      count_rule(ad, FieldKind::kDescription, 2, 4, "google.description_count", "descriptions");
      duplicate_rule(ad, FieldKind::kHeadline, "google.duplicate_headline");
      duplicate_rule(ad, FieldKind::kDescription, "google.duplicate_description");
    }
    const std::string visible = ad.visible_text();
    if (!detail::find_call_to_action(visible)) {
      add("copy.call_to_action", "", "no call to action in any headline, description or text");
    }
    if (!options_.advice) {
      return;
    }
    if (!detail::has_number(visible) && !detail::has_benefit(visible)) {
      add("copy.number_or_benefit", "", "no number, price, discount or concrete benefit");
    }
    // Meta shows the Page's name above every ad, so only Google copy needs to name the brand.
    if (const auto brand = brand_words(ad.final_url); !brand.empty() && platform_ == Platform::kGoogle) {
      std::string joined;
      for (const auto& word : brand) {
        joined += word;
      }
      const std::vector<std::string> terms = {brand.front(), joined};
      if (!detail::mentions(visible, terms)) {
        add("copy.brand", "", fmt::format("the brand ('{}', from the final URL) appears nowhere", brand.front()));
      }
    }
    if (!ad.keywords.empty()) {
      std::string headlines;
      for (const auto& field : ad.fields) {
        if (field.kind == FieldKind::kHeadline || (platform_ == Platform::kMeta && field.kind == FieldKind::kPrimaryText)) {
          headlines += field.text + "\n";
        }
      }
      if (!detail::mentions(headlines, ad.keywords)) {
        add("copy.keyword", "", fmt::format("no headline has any of {}", quoted_list(ad.keywords)));
      }
    }
  }

  std::vector<LintFinding> finish() {
    std::stable_sort(findings_.begin(), findings_.end(), [](const LintFinding& a, const LintFinding& b) {
      return rule_index(a.rule_id) < rule_index(b.rule_id);
    });
    return std::move(findings_);
  }

 private:
  void add(const char* rule_id, const std::string& field, std::string message, size_t length = 0, size_t limit = 0) {
    const size_t idx = rule_index(rule_id);
    findings_.push_back(LintFinding{rule_id, kRules[idx].severity, ad_id_, field, std::move(message), length, limit});
  }

  void count_rule(const AdCopy& ad, FieldKind kind, size_t low, size_t high, const char* rule, const char* noun) {
    const size_t n = ad.count(kind);
    if (n < low || n > high) {
      add(rule, "", fmt::format("{} {}; a responsive search ad takes {} to {}", n, noun, low, high), n,
          n < low ? low : high);
    }
  }

  void duplicate_rule(const AdCopy& ad, FieldKind kind, const char* rule) {
    std::vector<std::pair<std::string, const CopyField*>> seen;
    for (const auto& field : ad.fields) {
      if (field.kind != kind) {
        continue;
      }
      std::string key;
      for (const auto& word : detail::split_words(field.text)) {
        key += word.lower + ' ';
      }
      const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
      if (it != seen.end()) {
        add(rule, field.name, fmt::format("{} repeats {}: \"{}\"", field.name, it->second->name, field.text));
      } else {
        seen.emplace_back(std::move(key), &field);
      }
    }
  }

  Platform platform_;
  std::string ad_id_;
  const LintOptions& options_;
  std::vector<LintFinding> findings_;
};

}  // namespace

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kAdvice: return "advice";
  }
  return "advice";
}

std::span<const LintRule> lint_rules() { return kRules; }

const LintRule* find_lint_rule(std::string_view id) {
  const size_t idx = rule_index(id);
  return idx < kRulesCount ? &kRules[idx] : nullptr;
}

size_t grapheme_count(std::string_view text) { return detail::grapheme_count(text); }

size_t platform_length(Platform platform, std::string_view text) {
  if (platform != Platform::kGoogle) {
    return grapheme_count(text);
  }
  size_t count = 0;
  size_t pos = 0;
  utf8proc_int32_t state = 0;
  utf8proc_int32_t previous = -1;
  while (pos < text.size()) {
    const auto cp = static_cast<utf8proc_int32_t>(detail::next_code_point(text, pos));
    if (previous < 0 || utf8proc_grapheme_break_stateful(previous, cp, &state)) {
      const bool wide = utf8proc_charwidth(cp) == 2 && !detail::is_emoji(static_cast<char32_t>(cp));
      count += wide ? 2 : 1;
    }
    previous = cp;
  }
  return count;
}

size_t character_limit(Platform platform, FieldKind kind) {
  if (platform == Platform::kGoogle) {
    switch (kind) {
      case FieldKind::kHeadline: return 30;
      case FieldKind::kDescription: return 90;
      case FieldKind::kPath: return 15;
      case FieldKind::kPrimaryText: return 0;
    }
  }
  switch (kind) {
    case FieldKind::kPrimaryText: return 125;
    case FieldKind::kHeadline: return 40;
    case FieldKind::kDescription: return 30;
    case FieldKind::kPath: return 0;
  }
  return 0;
}

std::vector<LintFinding> lint_ad(const AdCopy& ad, const LintOptions& options) {
  Linter linter(ad.platform, ad.ad_id, options);
  for (const auto& field : ad.fields) {
    linter.field_rules(field);
  }
  linter.ad_rules(ad);
  return linter.finish();
}

std::vector<LintFinding> lint_text(Platform platform, FieldKind kind, std::string_view text,
                                   const LintOptions& options) {
  Linter linter(platform, "", options);
  linter.field_rules(CopyField{field_kind_name(kind), kind, std::string(text)});
  return linter.finish();
}

}  // namespace adpilot::nlp
