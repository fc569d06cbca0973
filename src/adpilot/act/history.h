// Reading the audit log back for people: what one row changed, in words.
#pragma once

#include <string>

#include "adpilot/store/store.h"

namespace adpilot::act {

// "status ENABLED → PAUSED", "daily budget 400 USD → 500 USD", "no change (alert)"; a failed
// row gives its error.
std::string describe_audit_change(const store::AuditRecord& row);

}  // namespace adpilot::act
