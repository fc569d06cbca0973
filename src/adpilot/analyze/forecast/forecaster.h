// Forecasters: a model with all hyperparameters in a validated constructor, then fit(series) and
// predict(horizon, levels) (the statsforecast / Prophet shape). Created by name from a
// ForecasterRegistry built once at start-up and passed down ("ets", "arima", "auto", …).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::analyze::forecast {

// What a fitted model tells about itself and its forecast.
struct ForecastResult {
  std::string model;                       // "ETS(A,Ad,A)", "ARIMA(0,1,1)(0,1,1)[12]"
  std::vector<double> mean;                // point forecasts, one per step
  std::vector<double> levels;              // interval levels in percent, e.g. {80, 95}
  std::vector<std::vector<double>> lower;  // [level][step]
  std::vector<std::vector<double>> upper;  // [level][step]
};

struct FitSummary {
  std::string model;
  std::map<std::string, double> params;  // "alpha", "ma1", "sma1", …
  double loglik = 0.0;
  double aic = 0.0;
  double aicc = 0.0;
  double bic = 0.0;
  double sigma2 = 0.0;
  std::vector<double> fitted;  // one-step-ahead in-sample fits
};

struct ForecastOptions {
  int period = 1;  // seasonal period: 7 for daily data, 12 monthly, 52 weekly, 24 hourly …
};

class Forecaster {
 public:
  virtual ~Forecaster() = default;
  virtual std::string name() const = 0;
  // y: equally spaced, no missing values (the caller fills gaps).
  virtual Result<void> fit(const std::vector<double>& y) = 0;
  virtual const FitSummary& summary() const = 0;
  // levels in percent (e.g. {80, 95}).
  virtual Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const = 0;
};

using ForecasterFactory = std::function<std::unique_ptr<Forecaster>(const ForecastOptions&)>;

class ForecasterRegistry {
 public:
  void add(const std::string& name, ForecasterFactory factory) { factories_[name] = std::move(factory); }
  Result<std::unique_ptr<Forecaster>> create(const std::string& name, const ForecastOptions& options) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, ForecasterFactory> factories_;
};

}  // namespace adpilot::analyze::forecast
