#include "adpilot/act/apply.h"

#include <fmt/format.h>
#include <unistd.h>

#include "adpilot/act/detail/state_json.h"

namespace adpilot::act {

namespace {

using detail::take;

store::AuditRecord audit_record(const decide::Plan& plan, const decide::PlannedAction& action, int64_t run_id) {
  store::AuditRecord record;
  record.run_id = run_id;
  record.plan_id = plan.id;
  record.action_index = action.index;
  record.entity_level = decide::entity_level_name(action.entity.level);
  record.entity_id = action.entity.id;
  record.entity_name = action.entity.name;
  record.action = decide::action_kind_name(action.kind);
  record.planned = detail::planned_json(action).dump();
  record.rule = action.rule;
  record.rationale = action.rationale.is_null() ? "{}" : action.rationale.dump();
  record.summary = action.summary;
  record.applied_at = store::utc_timestamp();
  record.plan_as_of = plan.as_of;
  return record;
}

ActionOutcome outcome_of(const store::AuditRecord& record, Outcome outcome, std::string detail) {
  return ActionOutcome{record.action_index, outcome,          record.entity_level, record.entity_id,
                       record.entity_name,  record.action,    std::move(detail)};
}

// How an earlier run handled the action, for the skip message.
const char* done_as(const std::string& status) {
  if (status == store::kStatusAlert) {
    return "recorded (alert)";
  }
  if (status == store::kStatusUnchanged) {
    return "handled (nothing to change)";
  }
  return "applied";
}

std::string state_text(const std::optional<store::EntityState>& state) {
  return state ? detail::state_json(*state).dump() : "null";
}

// One action: its own transaction holding the idempotency check, the change and the audit row.
ActionOutcome apply_action(const decide::Plan& plan, const decide::PlannedAction& action, int64_t run_id,
                           Executor& executor, store::Store& store) {
  store::AuditRecord record = audit_record(plan, action, run_id);
  Error refusal;
  {
    auto transaction = take(store.begin());
    if (auto holder = take(store.find_key_holder(plan.id, action.index))) {
      return outcome_of(record, Outcome::kSkipped,
                        fmt::format("already {} in run {} at {}", done_as(holder->status), holder->run_id,
                                    holder->applied_at));
    }
    if (action.kind == decide::ActionKind::kAlert) {
      record.before = record.after = state_text(take(executor.read_state(action.entity.level, action.entity.id)));
      record.status = store::kStatusAlert;
      take(store.insert_audit(record));
      take(transaction.commit());
      return outcome_of(record, Outcome::kAlert, action.summary);
    }
    auto change = executor.apply(action);
    if (change.ok()) {
      const bool changed = !detail::same_state(change->before, change->after);
      record.before = detail::state_json(change->before).dump();
      record.after = detail::state_json(change->after).dump();
      record.status = changed ? store::kStatusApplied : store::kStatusUnchanged;
      take(store.insert_audit(record));
      take(transaction.commit());
      std::string text = detail::describe_change(action.kind, change->before, change->after);
      if (const std::string drift = detail::describe_drift(action, change->before); !drift.empty()) {
        text += fmt::format(" ({})", drift);
      }
      return outcome_of(record, changed ? Outcome::kApplied : Outcome::kUnchanged, std::move(text));
    }
    if (change.error().code != ErrorCode::kData) {
      throw ErrorException(change.error());  // not a refusal: whether it took effect is unknown
    }
    refusal = change.error();
  }  // rolled back: the refused action left no trace but the row below
  auto transaction = take(store.begin());
  record.before = record.after = state_text(take(executor.read_state(action.entity.level, action.entity.id)));
  record.status = store::kStatusFailed;
  record.error = refusal.message;
  take(store.insert_audit(record));
  take(transaction.commit());
  return outcome_of(record, Outcome::kFailed, refusal.message);
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  constexpr const char* kNames[] = {"applied", "unchanged", "alert", "skipped", "failed", "reverted"};
  return kNames[static_cast<int>(outcome)];
}

int RunReport::count(Outcome outcome) const {
  int total = 0;
  for (const auto& action : actions) {
    total += action.outcome == outcome ? 1 : 0;
  }
  return total;
}

Result<RunReport> apply_plan(const decide::Plan& plan, Executor& executor, store::Store& store,
                             const ApplyOptions& options) {
  RunReport report;
  report.plan_id = plan.id;
  report.target = executor.name();
  auto done = guard([&]() -> Result<void> {
    report.seeded = take(executor.prepare(plan));
    store::RunRecord run;
    run.kind = "apply";
    run.plan_id = plan.id;
    run.target = executor.name();
    run.started_at = store::utc_timestamp();
    report.run_id = take(store.begin_run(run));
    for (const auto& action : plan.actions) {
      report.actions.push_back(apply_action(plan, action, report.run_id, executor, store));
      if (options.on_action) {
        options.on_action(report.actions.back());
      }
      if (options.fault_after_action == action.index && report.actions.back().outcome != Outcome::kSkipped) {
        ::_exit(kFaultExitStatus);  // a crash right after the commit: no destructors, no flush
      }
    }
    take(store.finish_run(report.run_id, report.any_failed() ? "failed" : "done"));
    return {};
  });
  if (!done.ok()) {
    if (report.run_id != 0) {
      (void)store.finish_run(report.run_id, "failed");  // best effort; the error below matters more
    }
    return done.error();
  }
  return report;
}

}  // namespace adpilot::act
