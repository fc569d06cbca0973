// adpilot sync — placeholder until the command lands.
#include "adpilot/cli/commands.h"

namespace adpilot::cli {

int run_sync(const Settings&, Io& io) {
  return report_error(make_error(ErrorCode::kInvalidArgument, "adpilot sync is not built yet"), io);
}

}  // namespace adpilot::cli
