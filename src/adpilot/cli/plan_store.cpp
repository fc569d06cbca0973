#include "adpilot/cli/plan_store.h"

#include <filesystem>

#include "adpilot/store/store.h"

namespace adpilot::cli {

Result<PlanStoreContext> load_plan_store_context(const Settings& settings) {
  PlanStoreContext context;
  const std::string given = settings.text("db");
  const std::string path = given.empty() ? store::default_store_path() : given;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return context;  // a first run: no history, no simulated state; plan creates nothing
  }
  auto opened = store::Store::open(path);
  if (!opened.ok()) {
    return opened.error();
  }
  auto changes = opened->applied_changes();
  if (!changes.ok()) {
    return changes.error();
  }
  for (const auto& change : *changes) {
    auto level = decide::parse_entity_level(change.entity_level);
    auto kind = decide::parse_action_kind(change.action);
    if (level && kind) {
      context.history.push_back(decide::PastChange{*level, change.entity_id, *kind, change.plan_as_of, change.rule});
    }
  }
  auto entities = opened->entities();
  if (!entities.ok()) {
    return entities.error();
  }
  for (const auto& entity : *entities) {
    if (auto level = decide::parse_entity_level(entity.level)) {
      context.state.push_back(decide::EntityState{*level, entity.id, entity.status, entity.daily_budget});
    }
  }
  return context;
}

}  // namespace adpilot::cli
