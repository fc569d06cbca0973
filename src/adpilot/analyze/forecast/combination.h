// "auto": the equal-weight combination of the automatic ETS and ARIMA forecasts. AICc cannot
// choose between the two families (their likelihoods are of different data once ARIMA
// differences), and the M4 competition found simple combinations more accurate than either
// member; when one member cannot be fitted the other stands alone, and when neither can, the
// naive method does.
#pragma once

#include <memory>

#include "adpilot/analyze/forecast/forecaster.h"

namespace adpilot::analyze::forecast {

std::unique_ptr<Forecaster> make_combination(const ForecastOptions& options);

}  // namespace adpilot::analyze::forecast
