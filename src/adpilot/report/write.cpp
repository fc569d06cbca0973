// Placeholder until the renderer lands; replaced by its implementation.
#include "adpilot/report/write.h"

namespace adpilot::report {

Result<WrittenReport> write_report(const Report&, const std::string&, const OutputOptions&) {
  return make_error(ErrorCode::kInternal, "report writing is not built yet");
}

}  // namespace adpilot::report
