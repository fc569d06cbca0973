// Executors carry a plan's actions out on a platform: `simulate` (the simulated platform state in
// the store), `google_ads` and `meta_ads` (the platforms' APIs, through connect/). Each is
// created by name from an ExecutorRegistry that the caller builds once and passes down (STYLE 7).
//
//   const act::ExecutorRegistry registry = act::make_executor_registry(resolver);
//   auto executor = registry.create("simulate", store);  // Result<unique_ptr<Executor>>
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adpilot/connect/settings.h"
#include "adpilot/core/result.h"
#include "adpilot/decide/plan.h"
#include "adpilot/store/store.h"

namespace adpilot::act {

inline constexpr const char* kDefaultTarget = "simulate";

// An entity's platform state just before and just after an action.
struct Change {
  store::EntityState before;
  store::EntityState after;
};

// Errors: an Error with code kData means the platform refused this one action (apply records it
// as failed and goes on with the next); any other code stops the run, since whether the action
// took effect is then unknown.
class Executor {
 public:
  virtual ~Executor() = default;
  virtual std::string name() const = 0;
  // Called once per apply, before the first action; returns how many entities it began to track
  // (simulate seeds its state from the plan's entities, never overwriting known ones).
  virtual Result<int> prepare(const decide::Plan& plan) = 0;
  // The entity's current state; nullopt when the platform does not know it.
  virtual Result<std::optional<store::EntityState>> read_state(decide::EntityLevel level,
                                                               const std::string& id) = 0;
  // Sets the state the action asks for (an alert is never passed here).
  virtual Result<Change> apply(const decide::PlannedAction& action) = 0;
  // Several actions in one platform request where the platform has one (Meta's batch API, a
  // Google Ads mutate with several operations): one result per action, in order. apply_plan
  // groups up to max_batch() consecutive actions; the default applies them one by one.
  virtual size_t max_batch() const { return 1; }
  virtual std::vector<Result<Change>> apply_batch(std::span<const decide::PlannedAction> actions);
  // Puts back the field an applied action changed (status, daily budget or bid modifier) to the
  // value recorded as `before` in its audit row; other fields keep their current values.
  virtual Result<Change> revert(const store::AuditRecord& record) = 0;
};

// Builds an executor that works through the given store (simulate keeps its state there; the
// platform executors keep their per-entity change log there). Fails when the executor cannot
// be set up (missing credentials, for instance).
using ExecutorFactory = std::function<Result<std::unique_ptr<Executor>>(store::Store& store)>;

class ExecutorRegistry {
 public:
  void add(const std::string& name, ExecutorFactory factory);
  // Unknown names are an error listing the known ones.
  Result<std::unique_ptr<Executor>> create(const std::string& name, store::Store& store) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, ExecutorFactory> factories_;
};

// The registry of built-in executors: "simulate", and "google_ads" and "meta_ads", which ask the
// resolver for their connector settings when created (without a resolver they fail, saying so).
ExecutorRegistry make_executor_registry(connect::SettingsResolver resolver = {});

}  // namespace adpilot::act
