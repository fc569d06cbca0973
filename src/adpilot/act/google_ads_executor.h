// The google_ads executor: Google Ads API (REST): campaigns:mutate and campaignBudgets:mutate.
#pragma once

#include <memory>

#include "adpilot/act/executor.h"

namespace adpilot::act {

Result<std::unique_ptr<Executor>> make_google_ads_executor(store::Store& store,
                                                       const connect::ConnectorSettings& settings);

}  // namespace adpilot::act
