// Scoring candidate models and walking the model space, following forecast::auto.arima's
// stepwise loop and its myarima() helper move for move so the same models are visited.
#include "adpilot/analyze/forecast/detail/auto_arima_search.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adpilot::analyze::forecast::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// True when 1 − Σ sign·c_k z^k (trailing |c_k| ≤ 1e-8 dropped) has a root of modulus < 1.01.
bool root_near_unit_circle(const std::vector<double>& c, double sign) {
  int last = 0;
  for (int k = 0; k < static_cast<int>(c.size()); ++k) {
    if (std::fabs(c[static_cast<size_t>(k)]) > 1e-8) {
      last = k + 1;
    }
  }
  std::vector<double> a(static_cast<size_t>(last));
  for (int k = 0; k < last; ++k) {
    a[static_cast<size_t>(k)] = sign * c[static_cast<size_t>(k)];
  }
  return !roots_outside(a.data(), last, 1.01);
}

// Fits spec, records it and keeps it when strictly better; returns whether it improved.
bool consider(ArimaSearch& s, const ArimaSpec& spec) {
  std::optional<ArimaFit> fit;
  bool unchecked = false;
  const double ic = score_model(s, spec, s.approximation, fit, &unchecked);
  s.visited.push_back(spec);
  s.candidates.push_back(
      ArimaCandidate{{spec.p, s.d, spec.q}, {spec.sp, s.sd, spec.sq}, spec.constant, ic});
  s.unchecked.push_back(unchecked);
  if (ic < s.best_ic) {
    s.best_ic = ic;
    s.best = std::move(fit);
    s.best_spec = spec;
    return true;
  }
  return false;
}

bool seen(const ArimaSearch& s, const ArimaSpec& spec) {
  return std::find(s.visited.begin(), s.visited.end(), spec) != s.visited.end();
}

}  // namespace

ArimaOptions search_options(const ArimaSearch& s, const ArimaSpec& spec, bool approximation) {
  ArimaOptions o;
  o.order = {spec.p, s.d, spec.q};
  o.seasonal = {spec.sp, s.sd, spec.sq};
  o.period = s.period;
  o.include_drift = spec.constant && s.d + s.sd == 1;
  o.include_mean = spec.constant;
  o.method = approximation ? ArimaMethod::kCss : ArimaMethod::kCssMl;
  o.adjusted_sigma2 = true;
  return o;
}

namespace {

// The criterion of a fitted candidate before forecast's checkarima (the variance test).
double criterion_of(const ArimaSearch& s, const ArimaSpec& spec, bool approximation,
                    const ArimaFit& fit) {
  const double npar = fit.n_est + 1;
  const double nstar = fit.n_used;
  const double aic =
      approximation ? s.offset + nstar * std::log(fit.sigma2_raw) + 2.0 * npar : fit.aic;
  double ic = kInf;
  if (std::isfinite(aic)) {
    switch (s.criterion) {
      case ArimaCriterion::kAic:
        ic = aic;
        break;
      case ArimaCriterion::kBic:
        ic = aic + npar * (std::log(nstar) - 2.0);
        break;
      case ArimaCriterion::kAicc:
        ic = aic + 2.0 * npar * (npar + 1.0) / (nstar - npar - 1.0);
        break;
    }
  }
  if (spec.p + spec.sp > 0 && root_near_unit_circle(fit.phi, 1.0)) {
    ic = kInf;
  }
  if (spec.q + spec.sq > 0 && ic < kInf && root_near_unit_circle(fit.theta, -1.0)) {
    ic = kInf;
  }
  return ic;
}

}  // namespace

double score_model(const ArimaSearch& s, const ArimaSpec& spec, bool approximation,
                   std::optional<ArimaFit>& out, bool* unchecked) {
  FitControl control;
  control.strict = true;     // R's arima() errors make the candidate fail, not fall back
  control.complete = false;  // residuals and forecast state only for the chosen model
  if (approximation && s.defer_variance) {
    // The Hessian (a third of a CSS fit's cost) matters only to a model that would become the
    // best; for the others the search's path is the same whatever it says.
    control.css_variance_wanted = [&](const ArimaFit& f) {
      return criterion_of(s, spec, approximation, f) < s.best_ic;
    };
  }
  std::optional<ArimaFit> fit;
  try {
    fit = fit_arima(s.y, search_options(s, spec, approximation), control);
  } catch (const ErrorException&) {
    return kInf;
  }
  double ic = criterion_of(s, spec, approximation, *fit);
  if (!fit->variance_ok) {
    ic = kInf;  // forecast's checkarima: a NaN standard error
  }
  if (unchecked != nullptr) {
    *unchecked = !fit->variance_known && ic < kInf;
  }
  out = std::move(fit);
  return ic;
}

void stepwise_search(ArimaSearch& s, const SearchLimits& lim) {
  const bool seasonal = s.period > 1;
  bool constant = lim.allow_constant;
  ArimaSpec at = lim.start;
  at.constant = constant;
  // The four starting models; R keeps `constant` unchanged even when the model without a
  // constant wins, and neighbours then carry the constant again.
  consider(s, at);
  if (consider(s, ArimaSpec{0, 0, 0, 0, constant})) {
    at = ArimaSpec{0, 0, 0, 0, constant};
  }
  if (lim.p > 0 || lim.sp > 0) {
    const ArimaSpec ar{lim.p > 0 ? 1 : 0, 0, seasonal && lim.sp > 0 ? 1 : 0, 0, constant};
    if (consider(s, ar)) {
      at = ar;
    }
  }
  if (lim.q > 0 || lim.sq > 0) {
    const ArimaSpec ma{0, lim.q > 0 ? 1 : 0, 0, seasonal && lim.sq > 0 ? 1 : 0, constant};
    if (consider(s, ma)) {
      at = ma;
    }
  }
  if (constant && consider(s, ArimaSpec{0, 0, 0, 0, false})) {
    at = ArimaSpec{0, 0, 0, 0, constant};
  }
  // Neighbours (Δp, Δq, ΔP, ΔQ) in R's order: seasonal moves first, then non-seasonal.
  static constexpr int kMoves[16][4] = {{0, 0, -1, 0},  {0, 0, 0, -1}, {0, 0, 1, 0},  {0, 0, 0, 1},
                                        {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
                                        {-1, 0, 0, 0},  {0, -1, 0, 0}, {1, 0, 0, 0},  {0, 1, 0, 0},
                                        {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
  int k = static_cast<int>(s.visited.size());
  int startk = 0;
  while (startk < k && k < lim.max_models) {
    startk = k;
    bool moved = false;
    for (const auto& move : kMoves) {
      const ArimaSpec next{at.p + move[0], at.q + move[1], at.sp + move[2], at.sq + move[3],
                           constant};
      if (next.p < 0 || next.q < 0 || next.sp < 0 || next.sq < 0 || next.p > lim.p ||
          next.q > lim.q || next.sp > lim.sp || next.sq > lim.sq || seen(s, next)) {
        continue;
      }
      if (++k > lim.max_models) {
        moved = true;  // R's `next` with k past nmodels ends the loop
        break;
      }
      if (consider(s, next)) {
        at = next;
        moved = true;
        break;
      }
    }
    if (moved || !lim.allow_constant) {
      continue;
    }
    ArimaSpec flipped = at;
    flipped.constant = !constant;
    if (!seen(s, flipped) && ++k <= lim.max_models && consider(s, flipped)) {
      constant = !constant;
      at.constant = constant;
    }
  }
}

void grid_search(ArimaSearch& s, const SearchLimits& lim) {
  for (int p = 0; p <= lim.p; ++p) {
    for (int q = 0; q <= lim.q; ++q) {
      for (int sp = 0; sp <= lim.sp; ++sp) {
        for (int sq = 0; sq <= lim.sq; ++sq) {
          if (p + q + sp + sq > lim.max_order) {
            continue;
          }
          for (int c = 0; c <= (lim.allow_constant ? 1 : 0); ++c) {
            consider(s, ArimaSpec{p, q, sp, sq, c == 1});
          }
        }
      }
    }
  }
}

}  // namespace adpilot::analyze::forecast::detail
