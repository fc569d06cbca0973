// The model search of auto ARIMA (auto_arima_search.cpp), used by auto_arima.cpp.
#pragma once

#include <limits>
#include <optional>
#include <vector>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

// The orders the search varies, and forecast's `constant` (mean when d + D = 0, drift when 1).
struct ArimaSpec {
  int p = 0;
  int q = 0;
  int sp = 0;
  int sq = 0;
  bool constant = false;
  bool operator==(const ArimaSpec&) const = default;
};

struct SearchLimits {
  int p = 0;
  int q = 0;
  int sp = 0;
  int sq = 0;
  int max_order = 0;  // p + q + P + Q, full grid only
  ArimaSpec start;
  int max_models = 0;
  bool allow_constant = false;  // allowdrift || allowmean
};

// State shared by the search: the data and differencing, every model scored so far (in order)
// and the best one.
struct ArimaSearch {
  explicit ArimaSearch(const std::vector<double>& series) : y(series) {}

  const std::vector<double>& y;
  int d = 0;
  int sd = 0;
  int period = 1;
  ArimaCriterion criterion = ArimaCriterion::kAicc;
  bool approximation = false;
  double offset = 0.0;  // CSS likelihood offset used with approximation
  // With approximation: skip the Hessian of candidates that cannot become the best
  // (AutoArimaOptions::defer_variance_checks); unchecked[i] marks those candidates.
  bool defer_variance = false;
  std::vector<ArimaSpec> visited;
  std::vector<ArimaCandidate> candidates;
  std::vector<bool> unchecked;
  std::optional<ArimaFit> best;
  double best_ic = std::numeric_limits<double>::infinity();
  ArimaSpec best_spec;
};

ArimaOptions search_options(const ArimaSearch& s, const ArimaSpec& spec, bool approximation);
// forecast's myarima(): fits and scores one model; +inf when the fit fails, a root lies within
// 1.01 of the unit circle or the coefficient variance has a negative diagonal. With
// s.defer_variance and approximation the variance is checked only when the model would beat
// s.best_ic; *unchecked (when given) tells whether the check was skipped.
double score_model(const ArimaSearch& s, const ArimaSpec& spec, bool approximation,
                   std::optional<ArimaFit>& out, bool* unchecked = nullptr);
// The Hyndman–Khandakar stepwise search, in R's exact order of moves.
void stepwise_search(ArimaSearch& s, const SearchLimits& limits);
// Every model with p + q + P + Q ≤ max_order (stepwise = FALSE).
void grid_search(ArimaSearch& s, const SearchLimits& limits);

}  // namespace adpilot::analyze::forecast::detail
