#include "adpilot/nlp/detail/vader_rules.h"

#include <unordered_map>
#include <unordered_set>

namespace adpilot::nlp::detail {

namespace {

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

using ValenceMap = std::unordered_map<std::string_view, double, Hash, std::equal_to<>>;

const ValenceMap& boosters() {
  static const ValenceMap map = [] {
    ValenceMap out;
    for (std::string_view word :
         {"absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
          "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
          "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin",
          "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking",
          "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly",
          "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite", "really",
          "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
          "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very"}) {
      out.emplace(word, kBoosterIncrement);
    }
    for (std::string_view word :
         {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less",
          "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely",
          "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
      out.emplace(word, kBoosterDecrement);
    }
    return out;
  }();
  return map;
}

}  // namespace

std::optional<double> booster_scalar(std::string_view lower) {
  const auto& map = boosters();
  const auto it = map.find(lower);
  return it == map.end() ? std::nullopt : std::optional<double>(it->second);
}

bool is_negation(std::string_view lower) {
  static const std::unordered_set<std::string_view, Hash, std::equal_to<>> kNegations = {
      "aint",     "arent",    "cannot",   "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
      "ain't",    "aren't",   "can't",    "couldn't", "daren't",  "didn't",   "doesn't", "dont",
      "hadnt",    "hasnt",    "havent",   "isnt",     "mightnt",  "mustnt",   "neither", "don't",
      "hadn't",   "hasn't",   "haven't",  "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
      "never",    "none",     "nope",     "nor",      "not",      "nothing",  "nowhere", "oughtnt",
      "shant",    "shouldnt", "uhuh",     "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
      "uh-uh",    "wasn't",   "weren't",  "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
      "rarely",   "seldom",   "despite"};
  return kNegations.find(lower) != kNegations.end() || lower.find("n't") != std::string_view::npos;
}

std::optional<double> special_case_valence(std::string_view lower_phrase) {
  static const ValenceMap kCases = {
      {"the shit", 3.0},      {"the bomb", 3.0},       {"bad ass", 1.5},      {"badass", 1.5},
      {"bus stop", 0.0},      {"yeah right", -2.0},    {"kiss of death", -1.5}, {"to die for", 3.0},
      {"beating heart", 3.1}, {"broken heart", -2.9}};
  const auto it = kCases.find(lower_phrase);
  return it == kCases.end() ? std::nullopt : std::optional<double>(it->second);
}

}  // namespace adpilot::nlp::detail
