#include <fmt/format.h>

#include <algorithm>

#include "adpilot/act/apply.h"
#include "adpilot/act/detail/state_json.h"

namespace adpilot::act {

namespace {

using detail::take;

decide::ActionKind stored_kind(const store::AuditRecord& row) {
  const auto kind = decide::parse_action_kind(row.action);
  if (!kind) {
    throw_error(ErrorCode::kParse, fmt::format("store: audit row {} has an unknown action '{}'", row.audit_id, row.action));
  }
  return *kind;
}

decide::EntityLevel stored_level(const store::AuditRecord& row) {
  const auto level = decide::parse_entity_level(row.entity_level);
  if (!level) {
    throw_error(ErrorCode::kParse,
                fmt::format("store: audit row {} has an unknown entity level '{}'", row.audit_id, row.entity_level));
  }
  return *level;
}

ActionOutcome outcome_of(const store::AuditRecord& row, Outcome outcome, std::string detail) {
  return ActionOutcome{row.action_index, outcome,    row.entity_level, row.entity_id,
                       row.entity_name,  row.action, std::move(detail)};
}

// Reverts one applied action in its own transaction: the undo row, the state change and the
// original row's new status (undone) commit together.
ActionOutcome revert_action(const store::AuditRecord& row, int64_t undo_run_id, Executor& executor,
                            store::Store& store) {
  const decide::ActionKind kind = stored_kind(row);
  const decide::EntityLevel level = stored_level(row);
  store::AuditRecord record = row;
  record.run_id = undo_run_id;
  record.summary = "Undo: " + row.summary;
  record.applied_at = store::utc_timestamp();
  record.reverts = row.audit_id;
  std::string refusal;
  {
    auto transaction = take(store.begin());
    const auto holder = take(store.find_key_holder(row.plan_id, row.action_index));
    if (!holder || holder->audit_id != row.audit_id) {
      return outcome_of(row, Outcome::kSkipped, "already undone");  // by an undo running alongside
    }
    const auto current = take(executor.read_state(level, row.entity_id));
    store::EntityState after = detail::parse_state(row.after);
    if (current) {
      after.currency = current->currency;
    }
    if (!current) {
      refusal = fmt::format("the platform no longer has {} '{}'", row.entity_level, row.entity_id);
    } else if (!detail::same_field(kind, *current, after)) {
      refusal = fmt::format("{} '{}' changed since run {} set it: its {} is {}, not {}; undo the later run first",
                            row.entity_level, row.entity_id, row.run_id, detail::field_name(kind),
                            detail::field_value(kind, *current), detail::field_value(kind, after));
    } else {
      auto change = executor.revert(row);
      if (change.ok()) {
        record.before = detail::state_json(change->before).dump();
        record.after = detail::state_json(change->after).dump();
        record.status = store::kStatusReverted;
        record.error.clear();
        take(store.insert_audit(record));
        take(store.set_audit_status(row.audit_id, store::kStatusUndone));
        take(transaction.commit());
        return outcome_of(row, Outcome::kReverted, detail::describe_change(kind, change->before, change->after));
      }
      if (change.error().code != ErrorCode::kData) {
        throw ErrorException(change.error());
      }
      refusal = change.error().message;
    }
  }
  auto transaction = take(store.begin());
  const auto current = take(executor.read_state(level, row.entity_id));
  record.before = record.after = current ? detail::state_json(*current).dump() : "null";
  record.status = store::kStatusFailed;
  record.error = refusal;
  take(store.insert_audit(record));
  take(transaction.commit());
  return outcome_of(row, Outcome::kFailed, refusal);
}

}  // namespace

Result<RunReport> undo_run(int64_t run_id, const ExecutorRegistry& registry, store::Store& store) {
  RunReport report;
  auto done = guard([&]() -> Result<void> {
    const auto run = take(store.find_run(run_id));
    if (!run) {
      throw_error(ErrorCode::kNotFound, fmt::format("there is no run {} in the store", run_id),
                  ErrorContext{store.path(), 0, 0, "", ""}, "`adpilot history` lists the runs and their ids");
    }
    if (run->kind != "apply") {
      throw_error(ErrorCode::kInvalidArgument,
                  fmt::format("run {} is an undo (of run {}); an undo cannot be undone", run_id, run->undo_of.value_or(0)),
                  {}, "apply the plan again to redo its actions");
    }
    report.plan_id = run->plan_id;
    report.target = run->target;
    std::vector<store::AuditRecord> rows = take(store.audit({.entity_id = "", .since = {}, .run_id = run_id}));
    std::erase_if(rows, [](const store::AuditRecord& row) { return row.status != store::kStatusApplied; });
    if (rows.empty()) {
      const auto undos = take(store.undo_runs_of(run_id));
      report.note = undos.empty() ? fmt::format("run {} changed nothing; there is nothing to undo", run_id)
                                  : fmt::format("run {} was already undone by run {}; nothing to do", run_id,
                                                undos.back().run_id);
      return {};
    }
    auto executor = take(registry.create(run->target, store));
    store::RunRecord undo;
    undo.kind = "undo";
    undo.plan_id = run->plan_id;
    undo.target = run->target;
    undo.started_at = store::utc_timestamp();
    undo.undo_of = run_id;
    report.run_id = take(store.begin_run(undo));
    std::reverse(rows.begin(), rows.end());
    for (const auto& row : rows) {
      report.actions.push_back(revert_action(row, report.run_id, *executor, store));
    }
    take(store.finish_run(report.run_id, report.any_failed() ? "failed" : "done"));
    return {};
  });
  if (!done.ok()) {
    if (report.run_id != 0) {
      (void)store.finish_run(report.run_id, "failed");
    }
    return done.error();
  }
  return report;
}

}  // namespace adpilot::act
