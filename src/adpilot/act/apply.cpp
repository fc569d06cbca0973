#include "adpilot/act/apply.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <span>

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

// Writes the audit row of an action the executor has carried out (or refused), in its own
// transaction, and returns its outcome. A refusal (kData) is recorded as failed with the state
// read back; any other error is thrown, since whether the action took effect is unknown.
ActionOutcome record_change(store::AuditRecord record, const decide::PlannedAction& action, Result<Change> change,
                            Executor& executor, store::Store& store, store::Store::Transaction transaction) {
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
  const Error refusal = change.error();
  { auto discarded = std::move(transaction); }  // rolled back: the refused action left no trace but the row below
  auto failed = take(store.begin());
  record.before = record.after = state_text(take(executor.read_state(action.entity.level, action.entity.id)));
  record.status = store::kStatusFailed;
  record.error = refusal.message;
  take(store.insert_audit(record));
  take(failed.commit());
  return outcome_of(record, Outcome::kFailed, refusal.message);
}

std::optional<ActionOutcome> skip_if_done(const store::AuditRecord& record, const decide::Plan& plan,
                                          const decide::PlannedAction& action, store::Store& store) {
  if (auto holder = take(store.find_key_holder(plan.id, action.index))) {
    return outcome_of(record, Outcome::kSkipped,
                      fmt::format("already {} in run {} at {}", done_as(holder->status), holder->run_id,
                                  holder->applied_at));
  }
  return std::nullopt;
}

// One action: its own transaction holding the idempotency check, the change and the audit row.
ActionOutcome apply_action(const decide::Plan& plan, const decide::PlannedAction& action, int64_t run_id,
                           Executor& executor, store::Store& store) {
  store::AuditRecord record = audit_record(plan, action, run_id);
  auto transaction = take(store.begin());
  if (auto skipped = skip_if_done(record, plan, action, store)) {
    return *skipped;
  }
  if (action.kind == decide::ActionKind::kAlert) {
    record.before = record.after = state_text(take(executor.read_state(action.entity.level, action.entity.id)));
    record.status = store::kStatusAlert;
    take(store.insert_audit(record));
    take(transaction.commit());
    return outcome_of(record, Outcome::kAlert, action.summary);
  }
  auto change = executor.apply(action);
  return record_change(std::move(record), action, std::move(change), executor, store, std::move(transaction));
}

// Whether the action would go to the executor: it changes state and holds no outcome yet.
bool needs_executor(const decide::Plan& plan, const decide::PlannedAction& action, store::Store& store) {
  return decide::changes_state(action.kind) && !take(store.find_key_holder(plan.id, action.index));
}

// Consecutive actions [first, last) in one executor call (one platform request where it has
// batches), then one transaction and audit row per action, in order. The platform call cannot
// share a transaction with the store anyway; if the process dies before the rows commit, the
// next apply finds those actions already in place and records them as unchanged.
void apply_group(const decide::Plan& plan, size_t first, size_t last, int64_t run_id, Executor& executor,
                 store::Store& store, const std::function<void(ActionOutcome)>& done) {
  const std::span<const decide::PlannedAction> group(plan.actions.data() + first, last - first);
  std::vector<Result<Change>> changes = executor.apply_batch(group);
  if (changes.size() != group.size()) {
    throw_error(ErrorCode::kInternal, fmt::format("executor {} answered {} of {} actions", executor.name(),
                                                  changes.size(), group.size()));
  }
  for (size_t k = 0; k < group.size(); ++k) {
    const decide::PlannedAction& action = group[k];
    store::AuditRecord record = audit_record(plan, action, run_id);
    auto transaction = take(store.begin());
    if (auto skipped = skip_if_done(record, plan, action, store)) {
      done(*skipped);  // an apply running alongside recorded it first
      continue;
    }
    done(record_change(std::move(record), action, std::move(changes[k]), executor, store, std::move(transaction)));
  }
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
    const auto record = [&](ActionOutcome outcome) {
      report.actions.push_back(std::move(outcome));
      if (options.on_action) {
        options.on_action(report.actions.back());
      }
      if (options.fault_after_action == report.actions.back().index &&
          report.actions.back().outcome != Outcome::kSkipped) {
        ::_exit(kFaultExitStatus);  // a crash right after the commit: no destructors, no flush
      }
    };
    const size_t max_batch = std::max<size_t>(1, executor.max_batch());
    for (size_t idx = 0; idx < plan.actions.size();) {
      if (max_batch == 1 || !needs_executor(plan, plan.actions[idx], store)) {
        // One by one: the executor's change and the audit row share one transaction.
        record(apply_action(plan, plan.actions[idx], report.run_id, executor, store));
        ++idx;
        continue;
      }
      size_t last = idx + 1;
      while (last < plan.actions.size() && last - idx < max_batch && needs_executor(plan, plan.actions[last], store)) {
        ++last;
      }
      apply_group(plan, idx, last, report.run_id, executor, store, record);
      idx = last;
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
