#include "adpilot/act/meta_ads_executor.h"

namespace adpilot::act {

Result<std::unique_ptr<Executor>> make_meta_ads_executor(store::Store&, const connect::ConnectorSettings&) {
  return make_error(ErrorCode::kInvalidArgument, "the meta_ads executor is not built yet");
}

}  // namespace adpilot::act
