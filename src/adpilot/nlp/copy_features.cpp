#include "adpilot/nlp/copy_features.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "adpilot/nlp/detail/copy_signals.h"
#include "adpilot/nlp/detail/unicode.h"

namespace adpilot::nlp {

namespace {

constexpr double kZ95 = 1.959963984540054;

struct AdRow {
  const CopyFeatures* features;
  AdOutcome outcome;
};

RateEstimate estimate(double successes, double trials, double dispersion) {
  RateEstimate out;
  out.successes = successes;
  out.trials = trials;
  if (trials <= 0) {
    return out;
  }
  out.rate = successes / trials;
  if (successes > trials) {
    return out;  // more conversions than clicks (view-through): no binomial interval
  }
  const double n = trials / dispersion;
  const double x = successes / dispersion;
  const double z2 = kZ95 * kZ95;
  const double center = (x + z2 / 2) / (n + z2);
  const double half = kZ95 * std::sqrt(x * (n - x) / n + z2 / 4) / (n + z2);
  out.low = std::max(0.0, center - half);
  out.high = std::min(1.0, center + half);
  return out;
}

// Pearson χ² of each ad around its group's pooled rate, over the residual degrees of freedom.
double dispersion(const std::vector<AdRow>& rows, const std::vector<bool>& in_with,
                  const std::function<double(const AdOutcome&)>& successes,
                  const std::function<double(const AdOutcome&)>& trials) {
  double x[2] = {0, 0};
  double n[2] = {0, 0};
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    const int g = in_with[idx] ? 0 : 1;
    x[g] += successes(rows[idx].outcome);
    n[g] += trials(rows[idx].outcome);
  }
  double chi2 = 0.0;
  size_t used = 0;
  int groups = 0;
  for (int g = 0; g < 2; ++g) {
    groups += n[g] > 0 ? 1 : 0;
  }
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    const int g = in_with[idx] ? 0 : 1;
    const double trials_i = trials(rows[idx].outcome);
    if (trials_i <= 0 || n[g] <= 0) {
      continue;
    }
    const double p = x[g] / n[g];
    if (p <= 0 || p >= 1) {
      continue;
    }
    const double expected = trials_i * p;
    const double diff = successes(rows[idx].outcome) - expected;
    chi2 += diff * diff / (expected * (1 - p));
    ++used;
  }
  if (used <= static_cast<size_t>(groups)) {
    return 1.0;
  }
  return std::max(1.0, chi2 / static_cast<double>(used - static_cast<size_t>(groups)));
}

void compare_rates(const RateEstimate& a, const RateEstimate& b, double phi, std::optional<double>& ratio,
                   std::optional<double>& p_value) {
  if (!a.rate || !b.rate) {
    return;
  }
  if (*b.rate > 0) {
    ratio = *a.rate / *b.rate;
  }
  if (a.successes > a.trials || b.successes > b.trials) {
    return;
  }
  const double pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials) * phi);
  if (se <= 0) {
    return;
  }
  const double z = (*a.rate - *b.rate) / se;
  p_value = std::erfc(std::fabs(z) / std::sqrt(2.0));
}

FeatureComparison compare(const std::string& feature, const std::string& with_label,
                          const std::string& without_label, const std::vector<AdRow>& rows,
                          const std::function<bool(const CopyFeatures&)>& has) {
  FeatureComparison out;
  out.feature = feature;
  out.with.label = with_label;
  out.without.label = without_label;
  std::vector<bool> in_with(rows.size());
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    in_with[idx] = has(*rows[idx].features);
    FeatureGroup& group = in_with[idx] ? out.with : out.without;
    ++group.ads;
    group.impressions += rows[idx].outcome.impressions;
    group.clicks += rows[idx].outcome.clicks;
    group.conversions += rows[idx].outcome.conversions;
  }
  out.ctr_dispersion = dispersion(rows, in_with, [](const AdOutcome& o) { return o.clicks; },
                                  [](const AdOutcome& o) { return o.impressions; });
  out.cvr_dispersion = dispersion(rows, in_with, [](const AdOutcome& o) { return o.conversions; },
                                  [](const AdOutcome& o) { return o.clicks; });
  for (FeatureGroup* group : {&out.with, &out.without}) {
    group->ctr = estimate(group->clicks, group->impressions, out.ctr_dispersion);
    group->cvr = estimate(group->conversions, group->clicks, out.cvr_dispersion);
  }
  if (out.with.ads > 0 && out.without.ads > 0) {
    compare_rates(out.with.ctr, out.without.ctr, out.ctr_dispersion, out.ctr_ratio, out.ctr_p);
    compare_rates(out.with.cvr, out.without.cvr, out.cvr_dispersion, out.cvr_ratio, out.cvr_p);
  }
  return out;
}

std::string percent(double value) { return fmt::format("{:.2f}%", value * 100); }

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : fmt::format("p = {:.3f}", p); }

}  // namespace

CopyFeatures extract_copy_features(const AdCopy& ad, double sentiment) {
  const std::string text = ad.visible_text();
  CopyFeatures out;
  out.ad_id = ad.ad_id;
  out.length = detail::grapheme_count(text);
  for (const char ch : text) {
    out.length -= ch == '\n' ? 1 : 0;  // the separators between fields are not copy
  }
  out.sentiment = sentiment;
  out.call_to_action = detail::find_call_to_action(text).has_value();
  out.number = detail::has_number(text);
  out.question = detail::has_question(text);
  out.emoji = detail::count_emoji(text) > 0;
  return out;
}

std::optional<std::string> most_common_call_to_action(std::span<const AdCopy> ads) {
  std::vector<std::pair<std::string, size_t>> counts;
  for (const auto& ad : ads) {
    for (const auto& field : ad.fields) {
      for (const std::string& cta : detail::standalone_calls_to_action(field.text)) {
        const std::string key = detail::to_lower(cta);
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return detail::to_lower(c.first) == key; });
        if (it == counts.end()) {
          counts.emplace_back(cta, 1);
        } else {
          ++it->second;
        }
      }
    }
  }
  if (counts.empty()) {
    return std::nullopt;
  }
  // Most frequent; ties go to the one seen first.
  const auto best = std::max_element(counts.begin(), counts.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  return best->first;
}

FeatureReport compare_copy_features(std::span<const CopyFeatures> features, std::span<const AdOutcome> outcomes) {
  FeatureReport report;
  std::unordered_map<std::string_view, AdOutcome> by_ad;
  for (const auto& outcome : outcomes) {
    auto [it, inserted] = by_ad.try_emplace(outcome.ad_id, outcome);
    if (!inserted) {
      it->second.impressions += outcome.impressions;
      it->second.clicks += outcome.clicks;
      it->second.conversions += outcome.conversions;
    }
  }
  std::vector<AdRow> rows;
  size_t matched = 0;
  for (const auto& f : features) {
    const auto it = by_ad.find(f.ad_id);
    if (it == by_ad.end()) {
      report.ads_without_performance.push_back(f.ad_id);
      continue;
    }
    ++matched;
    rows.push_back(AdRow{&f, it->second});
  }
  report.ads_joined = rows.size();
  report.performance_ads_without_copy = by_ad.size() - std::min(by_ad.size(), matched);
  if (rows.empty()) {
    return report;
  }
  std::vector<size_t> lengths;
  for (const auto& row : rows) {
    lengths.push_back(row.features->length);
  }
  std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2), lengths.end());
  const size_t median = lengths[lengths.size() / 2];
  report.median_length = median;

  report.rows.push_back(compare("call_to_action", "with a call to action", "without", rows,
                                [](const CopyFeatures& f) { return f.call_to_action; }));
  report.rows.push_back(compare("number", "with a number", "without", rows,
                                [](const CopyFeatures& f) { return f.number; }));
  report.rows.push_back(compare("question", "with a question", "without", rows,
                                [](const CopyFeatures& f) { return f.question; }));
  report.rows.push_back(compare("emoji", "with emoji", "without", rows, [](const CopyFeatures& f) { return f.emoji; }));
  report.rows.push_back(compare("length", fmt::format("longer than {} characters", median),
                                fmt::format("of {} characters or fewer", median), rows,
                                [median](const CopyFeatures& f) { return f.length > median; }));
  report.rows.push_back(compare("sentiment", "with positive sentiment", "with neutral or negative sentiment", rows,
                                [](const CopyFeatures& f) { return f.sentiment >= 0.05; }));
  return report;
}

std::optional<std::string> feature_evidence(const FeatureReport& report, std::string_view feature) {
  for (const auto& row : report.rows) {
    if (row.feature != feature) {
      continue;
    }
    if (row.with.ads < 3 || row.without.ads < 3 || !row.with.ctr.rate || !row.without.ctr.rate) {
      return std::nullopt;
    }
    std::string out = fmt::format("in this account, ads {} had CTR {} against {} for ads {}", row.with.label,
                                  percent(*row.with.ctr.rate), percent(*row.without.ctr.rate), row.without.label);
    if (row.ctr_p) {
      out += fmt::format(" ({}, {} and {} ads)", p_text(*row.ctr_p), row.with.ads, row.without.ads);
    }
    if (row.with.cvr.rate && row.without.cvr.rate) {
      out += fmt::format(", CVR {} against {}", percent(*row.with.cvr.rate), percent(*row.without.cvr.rate));
      if (row.cvr_p) {
        out += fmt::format(" ({})", p_text(*row.cvr_p));
      }
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace adpilot::nlp
