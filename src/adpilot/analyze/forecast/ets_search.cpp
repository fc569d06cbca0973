// The automatic model search of R's ets(): every candidate model fitted, then the best by the
// chosen information criterion.
#include <algorithm>
#include <cmath>
#include <limits>

#include "adpilot/analyze/forecast/detail/ets_model.h"
#include "adpilot/analyze/forecast/ets.h"

namespace adpilot::analyze::forecast::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Models whose first-pass criterion is within this of the best get more optimiser runs: the
// ones that can still win. An AICc gap above ~4 is rarely closed by a stalled simplex.
constexpr double kRefineMargin = 4.0;
constexpr int kRefineRestarts = 4;

// The models R's ets() visits for these options, in its loop order (error, trend, season,
// damped), less the ones its rules exclude.
std::vector<EtsSpec> candidate_specs(const EtsOptions& o, bool seasonal_ok, bool positive) {
  std::vector<EtsKind> errors{EtsKind::kAdditive, EtsKind::kMultiplicative};
  if (o.error != EtsError::kAuto) {
    errors = {o.error == EtsError::kAdditive ? EtsKind::kAdditive : EtsKind::kMultiplicative};
  }
  std::vector<EtsKind> trends{EtsKind::kNone, EtsKind::kAdditive};
  if (o.trend != EtsTrend::kAuto) {
    trends = {o.trend == EtsTrend::kNone ? EtsKind::kNone : EtsKind::kAdditive};
  }
  std::vector<EtsKind> seasons{EtsKind::kNone, EtsKind::kAdditive, EtsKind::kMultiplicative};
  if (o.season == EtsSeason::kNone) {
    seasons = {EtsKind::kNone};
  } else if (o.season == EtsSeason::kAdditive) {
    seasons = {EtsKind::kAdditive};
  } else if (o.season == EtsSeason::kMultiplicative) {
    seasons = {EtsKind::kMultiplicative};
  }
  if (!seasonal_ok) {
    seasons = {EtsKind::kNone};
  }
  std::vector<bool> dampings{true, false};
  if (o.damped != EtsDamped::kAuto) {
    dampings = {o.damped == EtsDamped::kYes};
  }
  std::vector<EtsSpec> out;
  for (const EtsKind error : errors) {
    for (const EtsKind trend : trends) {
      for (const EtsKind season : seasons) {
        for (const bool damped : dampings) {
          if (trend == EtsKind::kNone && damped) {
            continue;
          }
          if (!o.allow_unstable && error == EtsKind::kAdditive &&
              season == EtsKind::kMultiplicative) {
            continue;
          }
          if (!positive &&
              (error == EtsKind::kMultiplicative || season == EtsKind::kMultiplicative)) {
            continue;
          }
          EtsSpec spec;
          spec.error = error;
          spec.trend = trend;
          spec.season = season;
          spec.damped = damped;
          spec.period = season == EtsKind::kNone ? 1 : o.period;
          out.push_back(spec);
        }
      }
    }
  }
  return out;
}

double criterion_value(const EtsFit& fit, EtsCriterion criterion) {
  if (!fit.ok) {
    return kInf;
  }
  switch (criterion) {
    case EtsCriterion::kAic:
      return fit.aic;
    case EtsCriterion::kBic:
      return fit.bic;
    case EtsCriterion::kAicc:
      break;
  }
  return fit.aicc;
}

}  // namespace

EtsSearch ets_search(const std::vector<double>& y, const EtsOptions& o, bool seasonal_ok,
                     bool positive) {
  EtsSearch out;
  EtsFitOptions fit_options;
  fit_options.max_evaluations = o.max_evaluations;
  fit_options.fixed.alpha = o.alpha.value_or(kNaN);
  fit_options.fixed.beta = o.beta.value_or(kNaN);
  fit_options.fixed.gamma = o.gamma.value_or(kNaN);
  fit_options.fixed.phi = o.phi.value_or(kNaN);

  std::vector<EtsFit>& fits = out.fits;
  for (const EtsSpec& spec : candidate_specs(o, seasonal_ok, positive)) {
    // As R's try(): a model that cannot be estimated drops out of the search.
    Result<EtsFit> fitted =
        guard([&]() -> Result<EtsFit> { return ets_fit_model(y, spec, fit_options); });
    if (!fitted.ok()) {
      out.last_error = fitted.error();
      EtsFit failed;
      failed.spec = spec;
      fits.push_back(std::move(failed));
      continue;
    }
    fits.push_back(std::move(fitted).value());
  }
  // Nelder–Mead can stall in these multimodal likelihoods (R's as much as ours). The models
  // that can still win get fresh simplices from their optimum.
  double first_best = kInf;
  for (const EtsFit& f : fits) {
    first_best = std::min(first_best, criterion_value(f, o.criterion));
  }
  EtsFitOptions refine_options = fit_options;
  refine_options.restarts = kRefineRestarts;
  for (EtsFit& f : fits) {
    if (criterion_value(f, o.criterion) <= first_best + kRefineMargin) {
      ets_refine_model(y, f, refine_options);
    }
  }
  double best_value = kInf;
  out.best = fits.size();
  for (size_t idx = 0; idx < fits.size(); ++idx) {
    const double value = criterion_value(fits[idx], o.criterion);
    if (value < best_value) {  // strict: the first of equals wins, as in R
      best_value = value;
      out.best = idx;
    }
  }
  return out;
}

}  // namespace adpilot::analyze::forecast::detail
