// The meta_ads executor: Meta Marketing API (Graph): POST /{campaign_id} and /{adset_id}, batched.
#pragma once

#include <memory>

#include "adpilot/act/executor.h"

namespace adpilot::act {

Result<std::unique_ptr<Executor>> make_meta_ads_executor(store::Store& store,
                                                       const connect::ConnectorSettings& settings);

}  // namespace adpilot::act
