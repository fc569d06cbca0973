#include "adpilot/analyze/forecast/combination.h"

#include <fmt/format.h>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/ets.h"
#include "adpilot/analyze/forecast/naive.h"

namespace adpilot::analyze::forecast {

namespace {

class CombinationForecaster : public Forecaster {
 public:
  explicit CombinationForecaster(const ForecastOptions& options) : options_(options) {}
  std::string name() const override { return "auto"; }

  Result<void> fit(const std::vector<double>& y) override {
    members_.clear();
    std::vector<std::unique_ptr<Forecaster>> candidates;
    candidates.push_back(make_ets(options_));
    candidates.push_back(make_arima(options_));
    for (auto& candidate : candidates) {
      if (candidate->fit(y).ok()) {
        members_.push_back(std::move(candidate));
      }
    }
    if (members_.empty()) {
      auto fallback = make_naive(options_);
      if (auto fitted = fallback->fit(y); !fitted.ok()) {
        return fitted;
      }
      members_.push_back(std::move(fallback));
    }
    summary_ = members_.front()->summary();
    summary_.model = model_name();
    return {};
  }

  const FitSummary& summary() const override { return summary_; }

  // The mean of the members' forecasts; interval bounds averaged the same way (an approximation
  // that keeps each member's width and asymmetry).
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override {
    if (members_.empty()) {
      return make_error(ErrorCode::kInternal, "predict before fit");
    }
    ForecastResult out;
    const double weight = 1.0 / static_cast<double>(members_.size());
    for (const auto& member : members_) {
      auto r = member->predict(horizon, levels);
      if (!r.ok()) {
        return r.error();
      }
      if (out.mean.empty()) {
        out.mean.assign(r->mean.size(), 0.0);
        out.levels = r->levels;
        out.lower.assign(levels.size(), std::vector<double>(r->mean.size(), 0.0));
        out.upper = out.lower;
      }
      for (size_t h = 0; h < r->mean.size(); ++h) {
        out.mean[h] += weight * r->mean[h];
        for (size_t l = 0; l < levels.size(); ++l) {
          out.lower[l][h] += weight * r->lower[l][h];
          out.upper[l][h] += weight * r->upper[l][h];
        }
      }
    }
    out.model = model_name();
    return out;
  }

 private:
  std::string model_name() const {
    std::string names;
    for (const auto& member : members_) {
      names += (names.empty() ? "" : " + ") + member->summary().model;
    }
    return members_.size() > 1 ? fmt::format("mean of {}", names) : names;
  }

  ForecastOptions options_;
  std::vector<std::unique_ptr<Forecaster>> members_;
  FitSummary summary_;
};

}  // namespace

std::unique_ptr<Forecaster> make_combination(const ForecastOptions& options) {
  return std::make_unique<CombinationForecaster>(options);
}

}  // namespace adpilot::analyze::forecast
