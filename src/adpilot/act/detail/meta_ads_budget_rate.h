// Meta lets a campaign's or ad set's budget change only a few times an hour; a change beyond
// that is refused by Meta after the others already went through, so the executor checks first,
// counting the changes the audit log holds for the entity (made through meta_ads) in the last
// hour, and those of the batch under way.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/store/store.h"

namespace adpilot::act::detail {

// Budget changes Meta allows per campaign or ad set in a rolling hour, as adpilot counts them.
inline constexpr int kMetaBudgetChangesPerHour = 4;

using SystemTime = std::chrono::system_clock::time_point;

// "2026-11-26T00:25:26Z" as a time point; nullopt for any other shape.
std::optional<SystemTime> parse_utc_timestamp(const std::string& text);

// When the entity's budget changed through `target` within the hour before `now`, oldest first:
// audit rows of action budget whose status shows the change reached the platform (applied,
// undone, reverted).
Result<std::vector<SystemTime>> recent_budget_changes(store::Store& store, const std::string& target,
                                                      const std::string& level, const std::string& id,
                                                      SystemTime now);

// The refusal for a change that would exceed the limit, or nullopt when it may go ahead.
// `changes` are the hour's change times (store and batch), any order.
std::optional<Error> budget_rate_refusal(const std::string& level, const std::string& id,
                                         std::vector<SystemTime> changes, SystemTime now);

}  // namespace adpilot::act::detail
