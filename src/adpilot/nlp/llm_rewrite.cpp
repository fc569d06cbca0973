#include "adpilot/nlp/llm_rewrite.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp {

namespace {

using nlohmann::json;

constexpr const char* kSystemPrompt =
    "You are an advertising copywriter. You rewrite ad copy so that it follows the ad platform's "
    "rules and earns more clicks and conversions, keeping the offer, the facts and the brand. "
    "Answer with one JSON object and nothing else.";

std::string trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\r' || text[begin] == '\n')) {
    ++begin;
  }
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r' || text[end - 1] == '\n')) {
    --end;
  }
  return std::string(text.substr(begin, end - begin));
}

// A candidate as written by a model: list markers ("-", "*", "•", "1.", "2)") and surrounding
// quotes go.
std::string clean_candidate(std::string_view text) {
  std::string out = trim(text);
  for (std::string_view marker : {"- ", "* ", "\xe2\x80\xa2 "}) {
    if (out.starts_with(marker)) {
      out = trim(std::string_view(out).substr(marker.size()));
    }
  }
  size_t digits = 0;
  while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits]))) {
    ++digits;
  }
  if (digits > 0 && digits + 1 < out.size() && (out[digits] == '.' || out[digits] == ')') && out[digits + 1] == ' ') {
    out = trim(std::string_view(out).substr(digits + 1));
  }
  if (out.size() >= 2 && ((out.front() == '"' && out.back() == '"') || (out.front() == '\'' && out.back() == '\''))) {
    out = trim(std::string_view(out).substr(1, out.size() - 2));
  }
  return out;
}

std::optional<FieldKind> kind_for_key(std::string_view key) {
  const std::string lower = detail::to_lower(key);
  if (lower.starts_with("headline")) {
    return FieldKind::kHeadline;
  }
  if (lower.starts_with("description")) {
    return FieldKind::kDescription;
  }
  if (lower.starts_with("primary")) {
    return FieldKind::kPrimaryText;
  }
  return std::nullopt;
}

void collect(const nlohmann::ordered_json& value, FieldKind kind, std::vector<CandidateText>& out) {
  if (value.is_string()) {
    out.push_back({kind, clean_candidate(value.get<std::string>())});
  } else if (value.is_object() && value.contains("text") && value["text"].is_string()) {
    out.push_back({kind, clean_candidate(value["text"].get<std::string>())});
  } else if (value.is_array()) {
    for (const auto& item : value) {
      collect(item, kind, out);
    }
  }
}

std::string percent(double value) { return fmt::format("{:.2f}%", value * 100); }

}  // namespace

std::string chat_completions_url(std::string_view url) {
  std::string out = trim(url);
  while (!out.empty() && out.back() == '/') {
    out.pop_back();
  }
  if (out.ends_with("/chat/completions")) {
    return out;
  }
  if (out.ends_with("/v1")) {
    return out + "/chat/completions";
  }
  return out + "/v1/chat/completions";
}

std::string build_rewrite_prompt(const AdCopy& ad, std::span<const LintFinding> findings,
                                 const AdPerformance* performance, const LlmSettings& settings) {
  std::string out;
  if (ad.platform == Platform::kGoogle) {
    out += "Platform: Google Ads responsive search ad. Headlines at most 30 characters and without '!'; "
           "descriptions at most 90 characters; no words in capitals for emphasis, no emoji or decorative "
           "symbols, no repeated punctuation.\n";
  } else {
    out += "Platform: Meta feed ad. Primary text ideally at most 125 characters (the rest is hidden behind "
           "'See more'), headline at most 40 characters, description at most 30.\n";
  }
  if (!ad.final_url.empty()) {
    out += fmt::format("Landing page: {}\n", ad.final_url);
  }
  if (!ad.keywords.empty()) {
    out += "Keywords:";
    for (const auto& keyword : ad.keywords) {
      out += fmt::format(" \"{}\"", keyword);
    }
    out += '\n';
  }
  out += "\nCurrent copy:\n";
  for (const auto& field : ad.fields) {
    out += fmt::format("- {} ({} characters): {}\n", field.name, platform_length(ad.platform, field.text), field.text);
  }
  out += "\nProblems found by the copy linter:\n";
  if (findings.empty()) {
    out += "- none\n";
  }
  for (const auto& finding : findings) {
    out += fmt::format("- [{}] {}: {}\n", severity_name(finding.severity), finding.rule_id, finding.message);
  }
  if (performance != nullptr && performance->impressions > 0) {
    out += "\nPerformance over the period analysed:\n";
    const double ctr = performance->clicks / performance->impressions;
    out += fmt::format("- {:.0f} impressions, {:.0f} clicks, {:.0f} conversions\n", performance->impressions,
                       performance->clicks, performance->conversions);
    out += fmt::format("- CTR {}", percent(ctr));
    if (performance->account_ctr) {
      out += fmt::format(" (account: {})", percent(*performance->account_ctr));
    }
    out += '\n';
    if (performance->clicks > 0) {
      out += fmt::format("- CVR {}", percent(performance->conversions / performance->clicks));
      if (performance->account_cvr) {
        out += fmt::format(" (account: {})", percent(*performance->account_cvr));
      }
      out += '\n';
    }
  }
  out += "\n";
  if (ad.platform == Platform::kGoogle) {
    out += fmt::format(
        "Write {} new headlines and {} new descriptions that fix the problems, keep the offer, the facts and the "
        "brand, and include a call to action. Reply with only this JSON: "
        "{{\"headlines\": [\"...\"], \"descriptions\": [\"...\"]}}\n",
        settings.headlines, settings.descriptions);
  } else {
    out += fmt::format(
        "Write {} new primary texts, {} new headlines and {} new descriptions that fix the problems, keep the offer, "
        "the facts and the brand, and include a call to action. Reply with only this JSON: "
        "{{\"primary_texts\": [\"...\"], \"headlines\": [\"...\"], \"descriptions\": [\"...\"]}}\n",
        settings.descriptions, settings.headlines, settings.descriptions);
  }
  return out;
}

Result<std::string> parse_chat_completion(std::string_view body, std::string* model_out) {
  const json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return make_error(ErrorCode::kParse, "the endpoint's answer is not JSON");
  }
  if (model_out != nullptr && doc.contains("model") && doc["model"].is_string()) {
    *model_out = doc["model"].get<std::string>();
  }
  if (!doc.contains("choices") || !doc["choices"].is_array() || doc["choices"].empty()) {
    return make_error(ErrorCode::kParse, "the endpoint's answer has no choices[0] (not a chat-completions response)");
  }
  const json& choice = doc["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) {
    return make_error(ErrorCode::kParse, "the endpoint's answer has no choices[0].message");
  }
  const json& content = choice["message"].value("content", json());
  if (content.is_string()) {
    return content.get<std::string>();
  }
  if (content.is_array()) {
    // Content as parts: [{"type": "text", "text": "..."}].
    std::string text;
    for (const auto& part : content) {
      if (part.is_object() && part.contains("text") && part["text"].is_string()) {
        text += part["text"].get<std::string>();
      }
    }
    if (!text.empty()) {
      return text;
    }
  }
  return make_error(ErrorCode::kParse, "the endpoint's answer has no text in choices[0].message.content");
}

Result<std::vector<CandidateText>> parse_rewrite_candidates(std::string_view content) {
  std::vector<CandidateText> out;
  const size_t open = content.find('{');
  const size_t close = content.rfind('}');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    // Ordered, so candidates keep the model's order of keys (headlines before descriptions).
    const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(content.substr(open, close - open + 1), nullptr, false);
    if (!doc.is_discarded() && doc.is_object()) {
      for (const auto& [key, value] : doc.items()) {
        if (auto kind = kind_for_key(key)) {
          collect(value, *kind, out);
        }
      }
    }
  }
  if (out.empty()) {
    // Plain lines: "Headline: …", or items under a "Headlines:" heading.
    std::optional<FieldKind> section;
    size_t start = 0;
    while (start < content.size()) {
      size_t end = content.find('\n', start);
      if (end == std::string_view::npos) {
        end = content.size();
      }
      const std::string line = trim(content.substr(start, end - start));
      start = end + 1;
      if (line.empty() || line.starts_with("```")) {
        continue;
      }
      const size_t colon = line.find(':');
      std::string label = colon == std::string::npos ? "" : clean_candidate(line.substr(0, colon));
      std::erase(label, '*');
      if (const auto kind = kind_for_key(label); kind && colon != std::string::npos) {
        std::string rest = clean_candidate(std::string_view(line).substr(colon + 1));
        if (rest.find_first_not_of("* ") == std::string::npos) {  // "**Headlines:**"
          section = kind;
        } else {
          out.push_back({*kind, rest});
        }
        continue;
      }
      if (section && (line.front() == '-' || line.front() == '*' || std::isdigit(static_cast<unsigned char>(line.front())))) {
        out.push_back({*section, clean_candidate(line)});
      }
    }
  }
  std::erase_if(out, [](const CandidateText& c) { return c.text.empty(); });
  if (out.empty()) {
    return make_error(ErrorCode::kParse, "the answer holds no headlines, descriptions or primary texts");
  }
  return out;
}

LlmRewriter::LlmRewriter(LlmSettings settings, net::HttpClientOptions http) : settings_(std::move(settings)) {
  http.timeout = settings_.timeout;
  http.retry = settings_.retry;
  client_ = net::HttpClient(std::move(http));
}

LlmRewriter::~LlmRewriter() = default;
LlmRewriter::LlmRewriter(LlmRewriter&&) noexcept = default;
LlmRewriter& LlmRewriter::operator=(LlmRewriter&&) noexcept = default;

RewriteOutcome LlmRewriter::rewrite(const AdCopy& ad, std::span<const LintFinding> findings,
                                    const AdPerformance* performance, SentimentScorer* scorer,
                                    const LintOptions& lint) {
  RewriteOutcome outcome;
  outcome.model = settings_.model;
  auto fall_back = [&](std::string reason) {
    outcome.used_llm = false;
    outcome.candidates.clear();
    outcome.fallback_reason = std::move(reason);
    return outcome;
  };
  auto done = guard([&]() -> Result<RewriteOutcome> {
    json body = {{"model", settings_.model},
                 {"temperature", settings_.temperature},
                 {"messages",
                  json::array({{{"role", "system"}, {"content", kSystemPrompt}},
                               {{"role", "user"}, {"content", build_rewrite_prompt(ad, findings, performance, settings_)}}})}};
    net::HttpRequest request;
    request.method = net::HttpMethod::kPost;
    request.url = chat_completions_url(settings_.url);
    request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    if (!settings_.api_key.empty()) {
      request.headers.push_back({"Authorization", "Bearer " + settings_.api_key});
    }
    request.body = body.dump();
    request.retryable = true;  // a completion request changes nothing on the server
    auto response = client_.send(request);
    if (!response.ok()) {
      outcome.endpoint_down = true;
      return fall_back(response.error().message);
    }
    outcome.attempts = response->attempts;
    if (response->status == 401 || response->status == 403) {
      return fall_back(fmt::format("the endpoint refused the request (HTTP {}): {}", response->status,
                                   settings_.api_key.empty() ? "it wants an API key and none was set"
                                                             : "the API key was not accepted"));
    }
    if (!response->ok()) {
      std::string detail;
      const json error = json::parse(response->body, nullptr, false);
      if (!error.is_discarded() && error.is_object() && error.contains("error")) {
        const json& e = error["error"];
        detail = e.is_object() && e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>()
                 : e.is_string()                                                     ? e.get<std::string>()
                                                                                     : "";
      }
      return fall_back(fmt::format("the endpoint answered HTTP {}{}{}", response->status,
                                   response->attempts > 1 ? fmt::format(" after {} attempts", response->attempts) : "",
                                   detail.empty() ? "" : ": " + detail));
    }
    std::string answered_model;
    auto content = parse_chat_completion(response->body, &answered_model);
    if (!content.ok()) {
      return fall_back(content.error().message);
    }
    if (!answered_model.empty()) {
      outcome.model = answered_model;
    }
    auto texts = parse_rewrite_candidates(*content);
    if (!texts.ok()) {
      return fall_back(texts.error().message);
    }
    // Keep each new text once; drop what the ad already says.
    std::vector<CandidateText> unique;
    for (auto& candidate : *texts) {
      const std::string key = detail::to_lower(candidate.text);
      const bool seen = std::any_of(unique.begin(), unique.end(), [&](const CandidateText& u) {
        return u.kind == candidate.kind && detail::to_lower(u.text) == key;
      });
      const bool existing = std::any_of(ad.fields.begin(), ad.fields.end(),
                                        [&](const CopyField& f) { return detail::to_lower(f.text) == key; });
      if (!seen && !existing) {
        unique.push_back(std::move(candidate));
      }
    }
    std::vector<std::string> just_texts;
    for (const auto& candidate : unique) {
      just_texts.push_back(candidate.text);
    }
    std::vector<SentimentResult> sentiments;
    if (scorer != nullptr && !just_texts.empty()) {
      auto scored = scorer->score(just_texts);
      if (scored.ok()) {
        sentiments = std::move(*scored);
      }
    }
    for (size_t idx = 0; idx < unique.size(); ++idx) {
      RewriteCandidate candidate;
      candidate.kind = unique[idx].kind;
      candidate.text = std::move(unique[idx].text);
      candidate.findings = lint_text(ad.platform, candidate.kind, candidate.text, lint);
      candidate.fits = std::none_of(candidate.findings.begin(), candidate.findings.end(),
                                    [](const LintFinding& f) { return f.severity != Severity::kAdvice; });
      if (idx < sentiments.size()) {
        candidate.sentiment = sentiments[idx];
      }
      outcome.candidates.push_back(std::move(candidate));
    }
    std::stable_partition(outcome.candidates.begin(), outcome.candidates.end(),
                          [](const RewriteCandidate& c) { return c.fits; });
    outcome.used_llm = true;
    return outcome;
  });
  if (!done.ok()) {
    return fall_back(done.error().message);
  }
  return std::move(*done);
}

}  // namespace adpilot::nlp
