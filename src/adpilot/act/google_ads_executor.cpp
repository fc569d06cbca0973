#include "adpilot/act/google_ads_executor.h"

namespace adpilot::act {

Result<std::unique_ptr<Executor>> make_google_ads_executor(store::Store&, const connect::ConnectorSettings&) {
  return make_error(ErrorCode::kInvalidArgument, "the google_ads executor is not built yet");
}

}  // namespace adpilot::act
