#include "adpilot/cli/forecasters.h"

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/combination.h"
#include "adpilot/analyze/forecast/ets.h"
#include "adpilot/analyze/forecast/naive.h"
#include "adpilot/analyze/forecast/stl_forecaster.h"
#include "adpilot/analyze/forecast/theta.h"

namespace adpilot::cli {

analyze::forecast::ForecasterRegistry make_forecaster_registry() {
  namespace fc = analyze::forecast;
  fc::ForecasterRegistry registry;
  registry.add("naive", fc::make_naive);
  registry.add("snaive", fc::make_snaive);
  registry.add("ets", fc::make_ets_for_period);
  registry.add("arima", fc::make_arima_for_period);
  registry.add("theta", fc::make_theta);
  registry.add("stlf", fc::make_stl_ets);
  registry.add("stlf_arima", fc::make_stl_arima);
  registry.add("auto", fc::make_combination);
  return registry;
}

}  // namespace adpilot::cli
