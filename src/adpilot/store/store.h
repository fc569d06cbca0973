// The store: one SQLite file holding the runs of apply and undo, the audit log of every action,
// and the simulated platform state. docs/store.md describes the schema and its versions.
//
//   auto store = store::Store::open(store::default_store_path());
//   auto changes = store->applied_changes({.since = as_of - 7});
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/money.h"
#include "adpilot/core/result.h"

struct sqlite3;

namespace adpilot::store {

// The schema version this build writes; older files are migrated on open, newer ones refused.
inline constexpr int kSchemaVersion = 2;

// Audit statuses. An action holds its idempotency key (plan id, action index) while its row is
// applied, unchanged or alert; an undone or failed action can be applied again.
inline constexpr const char* kStatusApplied = "applied";      // the state changed
inline constexpr const char* kStatusUnchanged = "unchanged";  // the state was already as asked
inline constexpr const char* kStatusAlert = "alert";          // recorded, changes nothing
inline constexpr const char* kStatusFailed = "failed";        // the executor refused; see error
inline constexpr const char* kStatusUndone = "undone";        // applied, then reverted by undo
inline constexpr const char* kStatusReverted = "reverted";    // the row of an undo run

// One entity of the simulated platform.
struct EntityState {
  std::string level;  // campaign, ad_group, ad
  std::string id;
  std::string name;
  std::string account_id;
  std::string channel;
  std::string status;  // ENABLED, PAUSED, …
  std::optional<Micros> daily_budget;
  double bid_modifier = 1.0;  // product of the bid changes applied
  std::string currency;
  std::string updated_at;  // UTC ISO-8601
};

struct RunRecord {
  int64_t run_id = 0;
  std::string kind;  // apply, undo
  std::string plan_id;
  std::string target;
  std::string started_at;
  std::string finished_at;  // "" while running (or when the process died)
  std::string status;       // running, done, failed
  std::optional<int64_t> undo_of;
};

struct AuditRecord {
  int64_t audit_id = 0;
  int64_t run_id = 0;
  std::string plan_id;
  int action_index = 0;
  std::string entity_level;
  std::string entity_id;
  std::string entity_name;
  std::string action;  // pause, enable, budget, bid, alert
  std::string before;  // JSON: the state the store had just before
  std::string after;   // JSON: the state just after
  std::string planned; // JSON: the state the plan saw and asked for
  std::string rule;
  std::string rationale;  // JSON
  std::string summary;
  std::string applied_at;  // UTC ISO-8601
  Date plan_as_of = 0;
  std::string status;
  std::string error;
  std::optional<int64_t> reverts;  // on an undo row: the audit row it reverted
};

// A state-changing action that is in force (applied and not undone): what a rule's cooldown
// checks the new plan against.
struct AppliedChange {
  std::string entity_level;
  std::string entity_id;
  std::string action;  // pause, enable, budget, bid
  Date plan_as_of = 0;
  std::string applied_at;
  std::string rule;
  std::string plan_id;
  int64_t run_id = 0;
};

struct ChangeFilter {
  std::optional<Date> since;  // plan_as_of on or after
  std::string entity_id;      // "" for every entity
};

struct AuditFilter {
  std::string entity_id;           // "" for every entity
  std::optional<Date> since;       // applied on or after this UTC day
  std::optional<int64_t> run_id;
};

// The metric history `adpilot sync` keeps: one row per entity and day of one platform account.
struct SyncScope {
  std::string source;      // google_ads, meta_ads
  std::string account_id;
  std::string level;       // campaign, ad_group, ad
};

struct MetricDay {
  std::string entity_id;   // the id at the scope's level
  Date date = 0;
  std::string campaign_id;
  std::string campaign_name;
  std::string ad_group_id;
  std::string ad_group_name;
  std::string ad_id;
  std::string ad_name;
  std::string channel;
  std::string currency;
  std::string status;
  std::optional<Micros> daily_budget;
  int64_t impressions = 0;
  int64_t clicks = 0;
  Micros cost = 0;
  double conversions = 0;
  Micros revenue = 0;
};

// $ADPILOT_DB is read by the CLI's option table; this is the fallback:
// $XDG_DATA_HOME/adpilot/adpilot.db, or ~/.local/share/adpilot/adpilot.db.
std::string default_store_path();

// The current time in UTC, ISO-8601 to the second: "2026-11-26T00:25:26Z".
std::string utc_timestamp();

class Store {
 public:
  // Opens (creating the folder and file when absent) in WAL mode with foreign keys on and a busy
  // timeout, then migrates the schema to kSchemaVersion in one transaction.
  static Result<Store> open(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const { return path_; }
  int schema_version() const;

  // BEGIN IMMEDIATE … COMMIT; a Transaction that is not committed rolls back when destroyed.
  class Transaction {
   public:
    Transaction(Transaction&&) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<void> commit();

   private:
    friend class Store;
    explicit Transaction(sqlite3* db) : db_(db) {}
    sqlite3* db_;
  };
  Result<Transaction> begin();

  // Simulated state.
  Result<std::optional<EntityState>> find_entity(const std::string& level, const std::string& id) const;
  Result<bool> insert_entity_if_absent(const EntityState& entity);  // true when inserted
  Result<void> update_entity(const EntityState& entity);             // status, budget, bid, updated_at
  Result<std::vector<EntityState>> entities() const;                 // by level, id

  // Runs.
  Result<int64_t> begin_run(const RunRecord& run);  // returns the new run id
  Result<void> finish_run(int64_t run_id, const std::string& status);
  Result<std::optional<RunRecord>> find_run(int64_t run_id) const;
  Result<std::vector<RunRecord>> undo_runs_of(int64_t run_id) const;

  // Audit.
  Result<std::optional<AuditRecord>> find_key_holder(const std::string& plan_id, int action_index) const;
  Result<int64_t> insert_audit(const AuditRecord& record);  // returns the audit id
  Result<void> set_audit_status(int64_t audit_id, const std::string& status);
  Result<std::vector<AuditRecord>> audit(const AuditFilter& filter) const;  // oldest first

  // Metric history. The days of [since, until] already fetched for the scope, ascending.
  Result<std::vector<Date>> synced_days(const SyncScope& scope, Date since, Date until) const;
  // Replaces the scope's rows of days [first, last] with `rows` and marks each of those days
  // fetched at `fetched_at`, in one transaction (a day without rows had no activity).
  Result<void> replace_metric_days(const SyncScope& scope, Date first, Date last,
                                   const std::vector<MetricDay>& rows, const std::string& fetched_at);
  // The scope's rows of [since, until], by date then entity id.
  Result<std::vector<MetricDay>> metric_days(const SyncScope& scope, Date since, Date until) const;

  // State-changing actions in force (status applied), oldest first, for cooldowns.
  Result<std::vector<AppliedChange>> applied_changes(const ChangeFilter& filter = {}) const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  Store(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace adpilot::store
