// Seasonal adjustment for forecasters that model a series without its season: the M4 / thetaf
// seasonality test, R's classical multiplicative decomposition and STL (the stlf route). A
// forecaster fits the adjusted series and puts the season back on its forecasts, the last
// period repeated. This is how long periods (weekly data at 52, hourly at 168) are handled:
// ETS has no seasonal state model beyond 24 and a seasonal ARIMA search at such lags is slow.
#pragma once

#include <vector>

namespace adpilot::analyze::forecast {

// Periods above this are long: the registry's ETS and ARIMA do not model the season there
// (R's ets cannot beyond 24; a seasonal ARIMA search at lag 52 or 168 is slow) but remove a
// strong one by STL first (make_ets_for_period, make_arima_for_period in stl_forecaster.h).
inline constexpr int kLongPeriod = 24;

// Sample autocorrelations r_1 … r_max_lag about the mean, as R's acf() (r_k is 0 for a
// constant series).
//
//   autocorrelation({1, 2, 3, 4}, 1)  // {0.25}
std::vector<double> autocorrelation(const std::vector<double>& y, int max_lag);

// The seasonality test of the M4 benchmarks and forecast::thetaf: the lag-period autocorrelation
// is beyond the one-sided 90 % limit 1.645·√((1 + 2 Σ_{k<m} r_k²) / n). False for period 1,
// constant series and series of at most two periods.
bool seasonality_test(const std::vector<double>& y, int period);

enum class Decomposition {
  kNone,                     // nothing removed
  kClassicalMultiplicative,  // R's decompose(y, "multiplicative"): the season is a factor
  kStl,                      // R's stl(y, s.window) as mstl runs it: the season is added
};

// A series without its season, and how to put the season back on a forecast.
struct SeasonalAdjustment {
  Decomposition kind = Decomposition::kNone;
  int period = 1;
  std::vector<double> adjusted;  // the series with the season removed (y itself for kNone)
  std::vector<double> seasonal;  // per observation: the factor or the additive component

  // The season at forecast step h ≥ 1: the last observed period repeated (forecast's lastseas).
  double season_at(int step) const;
  // A forecast of the adjusted series at step h turned into one of the series.
  double restore(double value, int step) const;
};

// R's decompose(y, type = "multiplicative"): centred moving average trend (2×m for even m),
// mean ratio per season position, factors scaled to mean 1. Needs period ≥ 2 and at least two
// periods of data; otherwise (and when a factor is within 1e-4 of zero, as thetaf checks) the
// result is kNone.
SeasonalAdjustment classical_multiplicative(const std::vector<double>& y, int period);

// R's mstl(y) for one period: stl(y, s.window) without robustness weights, the seasonal
// component subtracted. Needs period ≥ 2 and more than two periods (R's stl refuses fewer);
// otherwise the result is kNone.
SeasonalAdjustment stl_adjust(const std::vector<double>& y, int period, int s_window = 11);

}  // namespace adpilot::analyze::forecast
