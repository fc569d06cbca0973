#include "adpilot/act/detail/meta_ads_budget_rate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

#include "adpilot/core/date.h"

namespace adpilot::act::detail {

std::optional<SystemTime> parse_utc_timestamp(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char zone = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &year, &month, &day, &hour, &minute, &second, &zone) != 7 ||
      zone != 'Z' || !is_valid_civil(year, month, day) || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const int64_t seconds = int64_t{date_from_civil(year, month, day)} * 86400 + hour * 3600 + minute * 60 + second;
  return SystemTime(std::chrono::seconds(seconds));
}

Result<std::vector<SystemTime>> recent_budget_changes(store::Store& store, const std::string& target,
                                                      const std::string& level, const std::string& id,
                                                      SystemTime now) {
  const auto since_days = std::chrono::duration_cast<std::chrono::hours>((now - std::chrono::hours(1)).time_since_epoch()).count() / 24;
  auto rows = store.audit({.entity_id = id, .since = static_cast<Date>(since_days), .run_id = std::nullopt});
  if (!rows.ok()) {
    return rows.error();
  }
  std::map<int64_t, bool> run_on_target;
  std::vector<SystemTime> out;
  for (const auto& row : *rows) {
    if (row.action != "budget" || row.entity_level != level ||
        (row.status != store::kStatusApplied && row.status != store::kStatusUndone &&
         row.status != store::kStatusReverted)) {
      continue;
    }
    const auto when = parse_utc_timestamp(row.applied_at);
    if (!when || *when <= now - std::chrono::hours(1) || *when > now) {
      continue;
    }
    auto known = run_on_target.find(row.run_id);
    if (known == run_on_target.end()) {
      auto run = store.find_run(row.run_id);
      if (!run.ok()) {
        return run.error();
      }
      known = run_on_target.emplace(row.run_id, *run && (*run)->target == target).first;
    }
    if (known->second) {
      out.push_back(*when);
    }
  }
  return out;
}

std::optional<Error> budget_rate_refusal(const std::string& level, const std::string& id,
                                         std::vector<SystemTime> changes, SystemTime now) {
  std::erase_if(changes, [&](SystemTime when) { return when <= now - std::chrono::hours(1); });
  if (static_cast<int>(changes.size()) < kMetaBudgetChangesPerHour) {
    return std::nullopt;
  }
  std::sort(changes.begin(), changes.end());
  // The change that frees a slot is the oldest of the last kMetaBudgetChangesPerHour ones.
  const SystemTime next = changes[changes.size() - kMetaBudgetChangesPerHour] + std::chrono::hours(1);
  const std::time_t seconds = std::chrono::system_clock::to_time_t(next);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return make_error(ErrorCode::kData,
                    fmt::format("{} {}: its budget already changed {} times in the last hour (Meta allows {}); "
                                "next change possible after {:02d}:{:02d} UTC",
                                level == "ad_group" ? "ad set" : level, id, changes.size(),
                                kMetaBudgetChangesPerHour, parts.tm_hour, parts.tm_min),
                    {}, "apply the plan again after that time; actions already applied are skipped");
}

}  // namespace adpilot::act::detail
