// EtsOptions: R's model string ("ZZZ", "MAdM") and the checks that do not need the data.
#include <fmt/format.h>

#include "adpilot/analyze/forecast/detail/ets_model.h"
#include "adpilot/analyze/forecast/ets.h"

namespace adpilot::analyze::forecast {

namespace {

Error invalid(std::string message, std::string option, std::string hint = {}) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message),
                    ErrorContext{"", 0, 0, "", std::move(option)}, std::move(hint));
}

const char* error_letter(EtsError e) {
  switch (e) {
    case EtsError::kAdditive:
      return "A";
    case EtsError::kMultiplicative:
      return "M";
    case EtsError::kAuto:
      break;
  }
  return "Z";
}

const char* season_letter(EtsSeason s) {
  switch (s) {
    case EtsSeason::kNone:
      return "N";
    case EtsSeason::kAdditive:
      return "A";
    case EtsSeason::kMultiplicative:
      return "M";
    case EtsSeason::kAuto:
      break;
  }
  return "Z";
}

}  // namespace

Result<EtsOptions> parse_ets_model(std::string_view model, EtsOptions base) {
  const std::string text(model);
  const auto bad = [&text]() {
    return invalid(fmt::format("invalid ETS model '{}'", text), "model",
                   "three letters: error A/M/Z, trend N/A/Ad/Z, season N/A/M/Z, e.g. ZZZ or MAdM");
  };
  const bool damped = text.size() == 4 && text[1] == 'A' && text[2] == 'd';
  if (text.size() != 3 && !damped) {
    return bad();
  }
  const char error = text[0];
  const char trend = text[1];
  const char season = text.back();
  if (error == 'A') {
    base.error = EtsError::kAdditive;
  } else if (error == 'M') {
    base.error = EtsError::kMultiplicative;
  } else if (error == 'Z') {
    base.error = EtsError::kAuto;
  } else {
    return bad();
  }
  if (trend == 'N') {
    base.trend = EtsTrend::kNone;
  } else if (trend == 'A') {
    base.trend = EtsTrend::kAdditive;
  } else if (trend == 'Z') {
    base.trend = EtsTrend::kAuto;
  } else if (trend == 'M') {
    return invalid(fmt::format("ETS model '{}': multiplicative trends are not supported", text),
                   "model", "use trend A (optionally damped, Ad) or Z");
  } else {
    return bad();
  }
  if (season == 'N') {
    base.season = EtsSeason::kNone;
  } else if (season == 'A') {
    base.season = EtsSeason::kAdditive;
  } else if (season == 'M') {
    base.season = EtsSeason::kMultiplicative;
  } else if (season == 'Z') {
    base.season = EtsSeason::kAuto;
  } else {
    return bad();
  }
  if (damped) {
    base.damped = EtsDamped::kYes;
  }
  return base;
}

std::string ets_model_string(const EtsOptions& options) {
  const char* trend = "Z";  // a char pointer: gcc 12 warns spuriously on a reassigned short string
  if (options.trend == EtsTrend::kNone) {
    trend = "N";
  } else if (options.trend == EtsTrend::kAdditive) {
    trend = options.damped == EtsDamped::kYes ? "Ad" : "A";
  }
  return fmt::format("ETS({},{},{})", error_letter(options.error), trend,
                     season_letter(options.season));
}

std::optional<Error> detail::ets_validate_options(const EtsOptions& o) {
  if (o.period < 1) {
    return invalid(fmt::format("ETS period must be at least 1, got {}", o.period), "period");
  }
  const bool seasonal = o.season == EtsSeason::kAdditive || o.season == EtsSeason::kMultiplicative;
  if (seasonal && o.period == 1) {
    return invalid("a seasonal ETS model needs a period above 1 (non-seasonal data)", "period",
                   "set the period (12 for monthly data, 7 for daily) or use season N or Z");
  }
  if (seasonal && o.period > detail::kEtsMaxPeriod) {
    return invalid(fmt::format("seasonal ETS models support periods up to {}, got {}",
                               detail::kEtsMaxPeriod, o.period),
                   "period", "use season N (or Z, which then drops the season)");
  }
  if (o.damped == EtsDamped::kYes && o.trend == EtsTrend::kNone) {
    return invalid("a damped ETS model needs a trend", "damped", "use trend A or Z with damping");
  }
  if (!o.allow_unstable && o.error == EtsError::kAdditive &&
      o.season == EtsSeason::kMultiplicative) {
    return invalid("ETS with additive error and multiplicative season is excluded by default",
                   "model", "its forecast variance can be infinite; set allow_unstable to fit it");
  }
  const auto in_unit = [](const std::optional<double>& v) {
    return !v.has_value() || (*v > 0.0 && *v < 1.0);
  };
  if (!in_unit(o.alpha) || !in_unit(o.beta) || !in_unit(o.gamma)) {
    return invalid("fixed ETS smoothing parameters must lie strictly between 0 and 1", "alpha");
  }
  if (o.phi.has_value() && !(*o.phi > 0.0 && *o.phi <= 1.0)) {
    return invalid("a fixed ETS damping parameter phi must lie in (0, 1]", "phi");
  }
  if (o.max_evaluations < 1 || o.simulation_paths < 1) {
    return invalid("ETS max_evaluations and simulation_paths must be positive", "ets");
  }
  return std::nullopt;
}

}  // namespace adpilot::analyze::forecast
