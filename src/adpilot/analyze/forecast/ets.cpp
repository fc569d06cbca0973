// EtsForecaster: option and data checks, R's special cases (constant series, too short series,
// seasons that cannot be estimated), and the Forecaster interface around detail::EtsFit.
#include "adpilot/analyze/forecast/ets.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "adpilot/analyze/forecast/detail/ets_model.h"

namespace adpilot::analyze::forecast {

namespace {

using detail::EtsFit;
using detail::EtsSpec;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Error data_error(std::string message, std::string hint = {}) {
  return make_error(ErrorCode::kData, std::move(message), {}, std::move(hint));
}

// R's answer to a constant series with an automatic model: simple exponential smoothing with
// α = 0.99999 from the first value; nothing to estimate, so no likelihood (NaN).
EtsFit constant_fit(const std::vector<double>& y) {
  EtsFit fit;
  fit.spec = EtsSpec{};
  fit.params.alpha = 0.99999;
  fit.initial_state = {y.front()};
  fit.final_state = {y.front()};
  fit.residuals.assign(y.size(), 0.0);
  fit.fitted = y;
  fit.loglik = fit.aic = fit.aicc = fit.bic = kNaN;
  fit.sigma2 = 0.0;
  fit.ok = true;
  return fit;
}

FitSummary make_summary(const EtsFit& fit) {
  FitSummary s;
  const EtsSpec& spec = fit.spec;
  s.model = spec.name();
  s.params["alpha"] = fit.params.alpha;
  if (spec.has_trend()) {
    s.params["beta"] = fit.params.beta;
  }
  if (spec.has_season()) {
    s.params["gamma"] = fit.params.gamma;
  }
  if (spec.damped) {
    s.params["phi"] = fit.params.phi;
  }
  s.params["l"] = fit.initial_state[0];
  if (spec.has_trend()) {
    s.params["b"] = fit.initial_state[1];
  }
  const size_t offset = spec.has_trend() ? 2 : 1;
  for (int j = 1; j <= spec.period && spec.has_season(); ++j) {
    s.params[fmt::format("s{}", j)] = fit.initial_state[offset + static_cast<size_t>(j) - 1];
  }
  s.loglik = fit.loglik;
  s.aic = fit.aic;
  s.aicc = fit.aicc;
  s.bic = fit.bic;
  s.sigma2 = fit.sigma2;
  s.fitted = fit.fitted;
  return s;
}

}  // namespace

EtsForecaster::EtsForecaster(EtsOptions options)
    : options_(std::move(options)), invalid_(detail::ets_validate_options(options_)) {
}

EtsForecaster::~EtsForecaster() = default;

Result<std::unique_ptr<EtsForecaster>> EtsForecaster::create(const EtsOptions& options) {
  if (auto error = detail::ets_validate_options(options)) {
    return *error;
  }
  return std::make_unique<EtsForecaster>(options);
}

Result<void> EtsForecaster::fit(const std::vector<double>& y) {
  if (invalid_) {
    return *invalid_;
  }
  return guard([&]() -> Result<void> {
    fit_.reset();
    summary_ = FitSummary{};
    candidates_.clear();
    const EtsOptions& o = options_;
    const size_t n = y.size();
    if (n == 0) {
      return data_error("cannot fit ETS to an empty series");
    }
    if (std::any_of(y.begin(), y.end(), [](double v) { return !std::isfinite(v); })) {
      return data_error("the series has missing or non-finite values",
                        "fill or drop them before forecasting");
    }
    const auto [min_it, max_it] = std::minmax_element(y.begin(), y.end());
    const bool all_auto = o.error == EtsError::kAuto && o.trend == EtsTrend::kAuto &&
                          o.season == EtsSeason::kAuto && o.damped == EtsDamped::kAuto;
    if (all_auto && *min_it == *max_it) {
      fit_ = std::make_unique<EtsFit>(constant_fit(y));
      summary_ = make_summary(*fit_);
      return {};
    }

    // Seasonal models need a period above 1, at most 24, and more than one season of data
    // (R drops the season otherwise; a forced seasonal model is an error here instead).
    const bool forced_season =
        o.season == EtsSeason::kAdditive || o.season == EtsSeason::kMultiplicative;
    const bool seasonal_ok =
        o.period > 1 && o.period <= detail::kEtsMaxPeriod && n > static_cast<size_t>(o.period);
    if (forced_season && !seasonal_ok) {
      return data_error(fmt::format("a seasonal ETS model needs more than one season of data "
                                    "({} values at period {})",
                                    n, o.period),
                        "use season N or Z");
    }
    const bool positive = *min_it > 0.0;
    if (!positive &&
        (o.error == EtsError::kMultiplicative || o.season == EtsSeason::kMultiplicative)) {
      return data_error(
          fmt::format("multiplicative ETS error or season needs strictly positive data "
                      "(minimum is {})",
                      *min_it),
          "use additive components (A) or Z to let the search skip multiplicative ones");
    }
    // R's minimum length: more than (parameters named in the model string) + 4 values.
    int named = 2;
    named += o.trend == EtsTrend::kAdditive ? 2 : 0;
    named += forced_season ? o.period : 0;
    named += o.damped == EtsDamped::kYes ? 1 : 0;
    if (n <= static_cast<size_t>(named + 4)) {
      return data_error(fmt::format("series too short for {}: {} values, need at least {}",
                                    ets_model_string(o), n, named + 5),
                        "use a simpler model or a longer history");
    }

    detail::EtsSearch search = detail::ets_search(y, o, seasonal_ok, positive);
    for (const EtsFit& f : search.fits) {
      candidates_.push_back(EtsCandidate{f.spec.name(), f.ok ? f.aicc : kInf, f.ok ? f.aic : kInf,
                                         f.ok ? f.bic : kInf, f.ok ? f.loglik : kNaN});
    }
    if (search.best < search.fits.size()) {
      fit_ = std::make_unique<EtsFit>(std::move(search.fits[search.best]));
    }
    const std::optional<Error>& last_error = search.last_error;
    if (!fit_) {
      if (last_error) {
        return *last_error;
      }
      return data_error(fmt::format("no ETS model could be fitted to {} values", n),
                        "the series is too short for the requested model");
    }
    summary_ = make_summary(*fit_);
    return {};
  });
}

Result<ForecastResult> EtsForecaster::predict(int horizon,
                                              const std::vector<double>& levels) const {
  if (!fit_) {
    return make_error(ErrorCode::kInvalidArgument, "predict() needs a successful fit() first");
  }
  if (horizon < 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("forecast horizon must be at least 1, got {}", horizon),
                      ErrorContext{"", 0, 0, "", "horizon"});
  }
  for (const double level : levels) {
    if (!(level > 0.0 && level < 100.0)) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("interval level {} is not between 0 and 100 (percent)", level),
                        ErrorContext{"", 0, 0, "", "level"});
    }
  }
  return guard([&]() -> Result<ForecastResult> {
    detail::EtsSimulationOptions simulation;
    simulation.paths = options_.simulation_paths;
    simulation.seed = options_.simulation_seed;
    detail::EtsForecast f = detail::ets_forecast(*fit_, horizon, levels, simulation);
    ForecastResult out;
    out.model = fit_->spec.name();
    out.mean = std::move(f.mean);
    out.levels = levels;
    out.lower = std::move(f.lower);
    out.upper = std::move(f.upper);
    return out;
  });
}

std::vector<double> EtsForecaster::residuals() const {
  return fit_ ? fit_->residuals : std::vector<double>{};
}

std::unique_ptr<Forecaster> make_ets(const ForecastOptions& options) {
  EtsOptions o;
  o.period = options.period;
  return std::make_unique<EtsForecaster>(o);
}

}  // namespace adpilot::analyze::forecast
