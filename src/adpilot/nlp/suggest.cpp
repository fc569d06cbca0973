#include "adpilot/nlp/suggest.h"

#include <fmt/format.h>

#include <algorithm>

#include "adpilot/nlp/detail/copy_signals.h"
#include "adpilot/nlp/detail/text_edit.h"
#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp {

namespace {

using detail::apply_edits;
using detail::capitalize_first;
using detail::collapse_spaces;
using detail::Edit;
using detail::fits;
using detail::join_sentences;
using detail::Sentence;
using detail::split_sentences;
using detail::title_case_word;

// VADER's threshold for negative text.
constexpr double kNegativeTone = -0.05;

std::string brand_display(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) {
      out += ' ';
    }
    out += title_case_word(word);
  }
  return out;
}

}  // namespace

std::vector<Suggestion> suggest_rewrites(const AdCopy& ad, std::span<const LintFinding> findings,
                                         const SuggestContext& context) {
  std::vector<Suggestion> out;
  auto field_by_name = [&](const std::string& name) -> const CopyField* {
    for (const auto& field : ad.fields) {
      if (field.name == name) {
        return &field;
      }
    }
    return nullptr;
  };
  auto with_evidence = [&](std::string reason, std::string_view feature) {
    if (context.evidence != nullptr) {
      if (auto evidence = feature_evidence(*context.evidence, feature)) {
        reason += "; " + *evidence;
      }
    }
    return reason;
  };
  auto add = [&](const CopyField* field, std::string kind, const LintFinding* finding, std::string suggested,
                 std::string reason) {
    const size_t limit = field != nullptr ? character_limit(ad.platform, field->kind) : 0;
    if (field != nullptr && !suggested.empty() && (kind == "shorten" || fits(field->text, ad.platform, limit))) {
      // Whatever a rule proposes must itself fit the field (a field already over its limit has
      // its own "shorten" suggestion; the others change something else).
      suggested = shorten_to_fit(suggested, ad.platform, limit);
      if (suggested == field->text) {
        return;
      }
    }
    out.push_back(Suggestion{ad.ad_id, field != nullptr ? field->name : "", std::move(kind),
                             finding != nullptr ? finding->rule_id : "", field != nullptr ? field->text : "",
                             std::move(suggested), std::move(reason)});
  };

  for (const LintFinding& finding : findings) {
    const CopyField* field = field_by_name(finding.field);
    const std::string& id = finding.rule_id;
    if (id.ends_with("_length") && field != nullptr) {
      std::string shorter = shorten_to_fit(field->text, ad.platform, finding.limit);
      add(field, "shorten", &finding, shorter,
          fmt::format("{}; the suggestion has {} characters", finding.message, platform_length(ad.platform, shorter)));
    } else if (id == "google.headline_exclamation" && field != nullptr) {
      std::string text = field->text;
      std::erase(text, '!');
      add(field, "remove_exclamation", &finding, collapse_spaces(text), "Google Ads disapproves '!' in headlines");
    } else if (id == "google.repeated_punctuation" && field != nullptr) {
      std::string text;
      for (char ch : field->text) {
        const bool emphatic = ch == '!' || ch == '?';
        const bool repeat = !text.empty() && (text.back() == ch || (emphatic && (text.back() == '!' || text.back() == '?')));
        if (repeat && ch != '-' && ch != '\'' && ch != '"' && !std::isalnum(static_cast<unsigned char>(ch)) && ch != ' ') {
          continue;
        }
        text += ch;
      }
      add(field, "fix_punctuation", &finding, text, "one punctuation mark is enough; repeated marks are disapproved");
    } else if (id == "google.symbols" && field != nullptr) {
      std::string text;
      size_t pos = 0;
      while (pos < field->text.size()) {
        const size_t here = pos;
        const char32_t cp = detail::next_code_point(field->text, pos);
        if (!detail::is_decorative_symbol(cp) && cp != 0x200D && cp != 0xFE0F) {
          text.append(field->text, here, pos - here);
        }
      }
      add(field, "remove_symbols", &finding, collapse_spaces(text), "symbols and emoji are not allowed in Google Ads text");
    } else if (id == "google.capitals" && field != nullptr) {
      std::vector<Edit> edits;
      const auto shouted = detail::shouted_words(field->text, context.lint.acronyms);
      for (const auto& word : detail::split_words(field->text)) {
        const std::string written = field->text.substr(word.begin, word.end - word.begin);
        if (std::find(shouted.begin(), shouted.end(), written) != shouted.end()) {
          edits.push_back(Edit{word.begin, word.end, title_case_word(written)});
        }
      }
      add(field, "fix_capitals", &finding, apply_edits(field->text, edits),
          "title case instead of capitals; emphasis by capitals is disapproved");
    } else if (id.starts_with("google.duplicate_") && field != nullptr) {
      add(field, "rewrite_duplicate", &finding, "",
          "replace it with a different angle: an offer, a proof point (rating, years, reviews) or a feature");
    } else if (id == "google.headline_count" || id == "google.description_count") {
      add(nullptr, finding.length < finding.limit ? "add_fields" : "remove_fields", &finding, "",
          finding.message + "; more distinct headlines give Google more combinations to test");
    } else if (id == "copy.call_to_action") {
      const FieldKind target_kind = ad.platform == Platform::kGoogle ? FieldKind::kDescription : FieldKind::kPrimaryText;
      const CopyField* target = nullptr;
      size_t best_room = 0;
      for (const auto& candidate : ad.fields) {
        if (candidate.kind != target_kind) {
          continue;
        }
        const size_t limit = character_limit(ad.platform, candidate.kind);
        const size_t length = platform_length(ad.platform, candidate.text);
        const size_t room = limit > length ? limit - length : 0;
        if (target == nullptr || room > best_room) {
          target = &candidate;
          best_room = room;
        }
      }
      const std::string cta = context.call_to_action + ".";
      const std::string reason = with_evidence(
          fmt::format("no call to action; '{}' is the one this account uses most", context.call_to_action), "call_to_action");
      if (target == nullptr) {
        add(nullptr, "add_call_to_action", &finding, cta, reason);
        continue;
      }
      const size_t limit = character_limit(ad.platform, target->kind);
      const size_t cta_length = platform_length(ad.platform, cta) + 1;
      std::string base = target->text;
      if (!base.empty() && base.back() != '.' && base.back() != '!' && base.back() != '?') {
        base += '.';
      }
      if (!fits(base + " " + cta, ad.platform, limit) && limit > cta_length) {
        base = shorten_to_fit(base, ad.platform, limit - cta_length);
        if (!base.empty() && base.back() != '.' && base.back() != '!' && base.back() != '?') {
          base += '.';
        }
      }
      add(target, "add_call_to_action", &finding, base + " " + cta, reason);
    } else if (id == "copy.number_or_benefit") {
      add(nullptr, "add_number", &finding, "",
          with_evidence("add a price, a discount, a rating or a concrete benefit such as free shipping", "number"));
    } else if (id == "copy.weak_words" && field != nullptr) {
      std::vector<Edit> edits;
      std::vector<std::string> reasons;
      for (const auto& w : detail::find_weak_words(field->text)) {
        edits.push_back(Edit{w.begin, w.end, w.replacement});
        reasons.push_back(fmt::format("'{}': {}", w.found, w.reason));
      }
      const auto words = detail::split_words(field->text);
      std::string text = apply_edits(field->text, edits);
      if (!edits.empty() && !words.empty() && edits.front().begin == words.front().begin) {
        text = capitalize_first(text);
      }
      std::string joined;
      for (const auto& r : reasons) {
        joined += (joined.empty() ? "" : "; ") + r;
      }
      add(field, "replace_weak_words", &finding, text, joined);
    } else if (id == "copy.brand") {
      const std::string brand = brand_display(brand_words(ad.final_url));
      if (ad.platform == Platform::kGoogle && ad.count(FieldKind::kHeadline) < 15 &&
          platform_length(ad.platform, brand) <= character_limit(ad.platform, FieldKind::kHeadline)) {
        add(nullptr, "add_headline", &finding, brand, "a headline with the brand builds recognition and trust");
      } else {
        add(nullptr, "add_brand", &finding, "", fmt::format("name {} in the headline or the text", brand));
      }
    } else if (id == "copy.keyword" && !ad.keywords.empty()) {
      std::string headline;
      for (const auto& word : detail::split_words(ad.keywords.front())) {
        if (!headline.empty()) {
          headline += ' ';
        }
        headline += title_case_word(word.lower);
      }
      if (ad.platform == Platform::kGoogle && ad.count(FieldKind::kHeadline) < 15 &&
          platform_length(ad.platform, headline) <= character_limit(ad.platform, FieldKind::kHeadline)) {
        add(nullptr, "add_headline", &finding, headline, "a headline that repeats the keyword matches the search");
      } else {
        add(nullptr, "add_keyword", &finding, "",
            fmt::format("use '{}' in the headline so the ad matches the search", ad.keywords.front()));
      }
    } else if (id == "copy.readability" && field != nullptr) {
      std::vector<Sentence> sentences = split_sentences(field->text);
      size_t longest = 0;
      for (size_t k = 1; k < sentences.size(); ++k) {
        if (sentences[k].body.size() > sentences[longest].body.size()) {
          longest = k;
        }
      }
      std::string suggested;
      if (!sentences.empty()) {
        Sentence& s = sentences[longest];
        size_t cut = s.body.find(", and ");
        size_t skip = 6;
        if (cut == std::string::npos) {
          cut = s.body.find(", ", s.body.size() / 3);
          skip = 2;
        }
        if (cut != std::string::npos) {
          const std::string tail = capitalize_first(s.body.substr(cut + skip));
          s.body = s.body.substr(0, cut) + ". " + tail;
          suggested = join_sentences(sentences);
        }
      }
      add(field, "split_sentence", &finding, suggested,
          finding.message + "; shorter sentences are read at a glance");
    }
  }
  if (context.sentiment && *context.sentiment <= kNegativeTone) {
    add(nullptr, "tone", nullptr, "",
        with_evidence(fmt::format("the copy reads negative (polarity {:.2f} by {}); lead with the benefit, not the "
                                  "problem",
                                  *context.sentiment, context.sentiment_model),
                      "sentiment"));
  }
  return out;
}

}  // namespace adpilot::nlp
