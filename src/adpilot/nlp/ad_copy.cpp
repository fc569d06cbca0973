#include "adpilot/nlp/ad_copy.h"

#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp {

const char* platform_name(Platform platform) {
  return platform == Platform::kGoogle ? "google" : "meta";
}

std::optional<Platform> parse_platform(std::string_view text) {
  const std::string lower = detail::to_lower(text);
  if (lower == "google" || lower == "google_ads" || lower == "rsa" || lower == "search") {
    return Platform::kGoogle;
  }
  if (lower == "meta" || lower == "meta_ads" || lower == "facebook" || lower == "instagram") {
    return Platform::kMeta;
  }
  return std::nullopt;
}

const char* field_kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::kHeadline: return "headline";
    case FieldKind::kDescription: return "description";
    case FieldKind::kPath: return "path";
    case FieldKind::kPrimaryText: return "primary_text";
  }
  return "headline";
}

size_t AdCopy::count(FieldKind kind) const {
  size_t n = 0;
  for (const auto& field : fields) {
    n += field.kind == kind ? 1 : 0;
  }
  return n;
}

std::string AdCopy::visible_text() const {
  std::string out;
  for (const auto& field : fields) {
    if (field.kind == FieldKind::kPath) {
      continue;
    }
    if (!out.empty()) {
      out += '\n';
    }
    out += field.text;
  }
  return out;
}

std::vector<std::string> brand_words(std::string_view final_url) {
  std::string_view host = final_url;
  if (const size_t scheme = host.find("://"); scheme != std::string_view::npos) {
    host.remove_prefix(scheme + 3);
  }
  host = host.substr(0, host.find_first_of("/?#:"));
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) {
    host.remove_prefix(at + 1);
  }
  // The registrable label: the one before the last dot ("shop.brand.com" → "brand"); a country
  // second level such as "co.uk" takes the label before it.
  std::vector<std::string_view> labels;
  size_t start = 0;
  while (start <= host.size()) {
    const size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  if (labels.size() < 2) {
    return {};
  }
  size_t idx = labels.size() - 2;
  const std::string_view second = labels[idx];
  if (idx > 0 && (second == "co" || second == "com" || second == "org" || second == "net" || second == "ac" ||
                  second == "gov")) {
    --idx;
  }
  std::vector<std::string> words;
  std::string word;
  for (char ch : detail::to_lower(labels[idx])) {
    if (ch == '-' || ch == '_') {
      if (!word.empty()) {
        words.push_back(std::move(word));
        word.clear();
      }
    } else {
      word += ch;
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

}  // namespace adpilot::nlp
