#include "adpilot/act/history.h"

#include "adpilot/act/detail/state_json.h"

namespace adpilot::act {

std::string describe_audit_change(const store::AuditRecord& row) {
  if (row.status == store::kStatusFailed) {
    return row.error;
  }
  const auto kind = decide::parse_action_kind(row.action);
  if (!kind || row.before == "null" || row.after == "null") {
    return "";
  }
  auto text = guard([&]() -> Result<std::string> {
    return detail::describe_change(*kind, detail::parse_state(row.before), detail::parse_state(row.after));
  });
  return text.ok() ? text.value() : "(" + text.error().message + ")";
}

}  // namespace adpilot::act
