#include "adpilot/act/detail/simulate.h"

#include <fmt/format.h>

#include "adpilot/act/detail/state_json.h"

namespace adpilot::act::detail {

namespace {

[[noreturn]] void refuse(std::string message) { throw_error(ErrorCode::kData, std::move(message)); }

store::EntityState seed_state(const decide::EntitySnapshot& entity, const std::string& now) {
  store::EntityState state;
  state.level = decide::entity_level_name(entity.level);
  state.id = entity.id;
  state.name = entity.name;
  state.account_id = entity.account_id;
  state.channel = entity.channel;
  state.status = entity.status.empty() ? "ENABLED" : entity.status;
  state.daily_budget = entity.daily_budget;
  state.currency = entity.currency;
  state.updated_at = now;
  return state;
}

class SimulateExecutor final : public Executor {
 public:
  explicit SimulateExecutor(store::Store& store) : store_(store) {}

  std::string name() const override { return "simulate"; }

  Result<int> prepare(const decide::Plan& plan) override {
    return guard([&]() -> Result<int> {
      const std::string now = store::utc_timestamp();
      auto transaction = take(store_.begin());
      int seeded = 0;
      const auto seed = [&](const decide::EntitySnapshot& entity) {
        seeded += take(store_.insert_entity_if_absent(seed_state(entity, now))) ? 1 : 0;
      };
      for (const auto& entity : plan.entities) {
        seed(entity);
      }
      for (const auto& action : plan.actions) {
        seed(action.entity);  // a plan's actions should name only its entities; be lenient
      }
      take(transaction.commit());
      return seeded;
    });
  }

  Result<std::optional<store::EntityState>> read_state(decide::EntityLevel level,
                                                       const std::string& id) override {
    return store_.find_entity(decide::entity_level_name(level), id);
  }

  Result<Change> apply(const decide::PlannedAction& action) override {
    return guard([&]() -> Result<Change> {
      const store::EntityState before = current(decide::entity_level_name(action.entity.level), action.entity.id);
      store::EntityState after = before;
      if (before.status == "REMOVED") {
        refuse(fmt::format("{} '{}' is REMOVED; a removed entity cannot be changed",
                           before.level, before.id));
      }
      switch (action.kind) {
        case decide::ActionKind::kPause:
          after.status = action.status_after.empty() ? "PAUSED" : action.status_after;
          break;
        case decide::ActionKind::kEnable:
          after.status = action.status_after.empty() ? "ENABLED" : action.status_after;
          break;
        case decide::ActionKind::kBudget:
          if (!action.budget_after || *action.budget_after <= 0) {
            refuse("a daily budget must be a positive amount");
          }
          after.daily_budget = action.budget_after;
          break;
        case decide::ActionKind::kBid:
          if (!(action.bid_change > -1.0)) {
            refuse(fmt::format("a bid change of {:+g}% would leave no bid", action.bid_change * 100));
          }
          after.bid_modifier = before.bid_modifier * (1.0 + action.bid_change);
          break;
        case decide::ActionKind::kAlert:
          break;
      }
      write_if_changed(before, after);
      return Change{before, after};
    });
  }

  Result<Change> revert(const store::AuditRecord& record) override {
    return guard([&]() -> Result<Change> {
      const store::EntityState before = current(record.entity_level, record.entity_id);
      const auto kind = decide::parse_action_kind(record.action);
      if (!kind) {
        throw_error(ErrorCode::kParse, fmt::format("store: audit row {} has an unknown action '{}'",
                                                   record.audit_id, record.action));
      }
      store::EntityState after = before;
      copy_field(*kind, parse_state(record.before), after);
      write_if_changed(before, after);
      return Change{before, after};
    });
  }

 private:
  store::EntityState current(const std::string& level, const std::string& id) const {
    auto state = take(store_.find_entity(level, id));
    if (!state) {
      refuse(fmt::format("the simulated platform has no {} '{}'", level, id));
    }
    return *state;
  }

  void write_if_changed(const store::EntityState& before, store::EntityState& after) {
    if (same_state(before, after)) {
      return;
    }
    after.updated_at = store::utc_timestamp();
    take(store_.update_entity(after));
  }

  store::Store& store_;
};

}  // namespace

std::unique_ptr<Executor> make_simulate_executor(store::Store& store) {
  return std::make_unique<SimulateExecutor>(store);
}

}  // namespace adpilot::act::detail
