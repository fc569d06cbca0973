// apply and undo: a plan's actions carried out through an executor, each in its own store
// transaction together with its audit row, so a run that dies part-way can simply be run again.
//
//   auto plan = decide::read_plan_file("plan.json");
//   auto executor = registry.create("simulate", store);
//   auto report = act::apply_plan(*plan, **executor, store, {});
//   auto undone = act::undo_run(report->run_id, registry, store);
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/act/executor.h"

namespace adpilot::act {

// The status a process killed by the fault point exits with.
inline constexpr int kFaultExitStatus = 86;

struct ActionOutcome;

struct ApplyOptions {
  // Called after each action, as it is done (the CLI prints a line per action).
  std::function<void(const ActionOutcome&)> on_action;
  // Testing aid (ADPILOT_FAULT_AFTER_ACTION): exit the process abruptly (_exit, no clean-up)
  // right after action k's transaction commits, as a crash would.
  std::optional<int> fault_after_action;
};

enum class Outcome : uint8_t {
  kApplied,    // the state changed
  kUnchanged,  // the state already was what the action asks for
  kAlert,      // recorded; alerts change nothing
  kSkipped,    // applied before (same plan id and action index): not done again
  kFailed,     // the executor refused it; see reason
  kReverted,   // undo put the state back
};
const char* outcome_name(Outcome outcome);  // "applied", "unchanged", …

struct ActionOutcome {
  int index = 0;
  Outcome outcome = Outcome::kApplied;
  std::string entity_level;
  std::string entity_id;
  std::string entity_name;
  std::string action;
  std::string detail;  // what changed, why it was skipped or why it failed
};

struct RunReport {
  int64_t run_id = 0;  // 0 when nothing ran (undo of a run already undone)
  std::string plan_id;
  std::string target;
  int seeded = 0;      // entities the executor began to track (apply)
  std::string note;    // a sentence for the person: "run 3 was already undone by run 5"
  std::vector<ActionOutcome> actions;

  int count(Outcome outcome) const;
  bool any_failed() const { return count(Outcome::kFailed) > 0; }
};

// Applies a plan in action order:
//   1. the executor prepares (simulate seeds entities it has not seen);
//   2. a run row is written (kind apply);
//   3. per action, in one transaction: skip if (plan id, index) already holds an outcome;
//      otherwise apply it (alerts only recorded) and write the audit row with the state before
//      (as the store had it; the plan's view is kept too) and after;
//   4. the run is marked done, or failed when an action failed.
// A refused action is recorded as failed and the run goes on; a store error stops it.
Result<RunReport> apply_plan(const decide::Plan& plan, Executor& executor, store::Store& store,
                             const ApplyOptions& options);

// Reverts run_id's applied actions in reverse order, each in its own transaction with an audit
// row of a new undo run. A run already undone gives a report with run_id 0 and a note; an
// unknown run, or an undo run, is an error. An action whose entity changed since is not
// reverted (failed, with the reason): undo the later run first.
Result<RunReport> undo_run(int64_t run_id, const ExecutorRegistry& registry, store::Store& store);

}  // namespace adpilot::act
