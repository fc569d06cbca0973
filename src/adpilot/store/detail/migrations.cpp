#include "adpilot/store/detail/migrations.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "adpilot/core/result.h"
#include "adpilot/store/detail/sqlite.h"

namespace adpilot::store::detail {

namespace {

// Never edit a migration that has shipped: add a new one at the end (docs/store.md).
const Migration kMigrations[] = {
    {"runs, audit log and simulated entities", R"sql(
CREATE TABLE runs (
  run_id      INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('apply', 'undo')),
  plan_id     TEXT NOT NULL,
  target      TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  undo_of     INTEGER REFERENCES runs (run_id)
);
CREATE TABLE audit (
  audit_id       INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id         INTEGER NOT NULL REFERENCES runs (run_id),
  plan_id        TEXT NOT NULL,
  action_index   INTEGER NOT NULL,
  entity_level   TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  entity_name    TEXT NOT NULL,
  action         TEXT NOT NULL,
  before_json    TEXT NOT NULL,
  after_json     TEXT NOT NULL,
  planned_json   TEXT NOT NULL,
  rule           TEXT NOT NULL,
  rationale_json TEXT NOT NULL,
  summary        TEXT NOT NULL,
  applied_at     TEXT NOT NULL,
  plan_as_of     TEXT NOT NULL,
  status         TEXT NOT NULL
                 CHECK (status IN ('applied', 'unchanged', 'alert', 'failed', 'undone', 'reverted')),
  error          TEXT NOT NULL DEFAULT '',
  reverts        INTEGER REFERENCES audit (audit_id)
);
-- The idempotency key: one live outcome per (plan, action index).
CREATE UNIQUE INDEX audit_key ON audit (plan_id, action_index)
  WHERE status IN ('applied', 'unchanged', 'alert');
CREATE INDEX audit_run ON audit (run_id);
CREATE INDEX audit_entity ON audit (entity_id, applied_at);
CREATE TABLE entities (
  level               TEXT NOT NULL,
  id                  TEXT NOT NULL,
  name                TEXT NOT NULL,
  account_id          TEXT NOT NULL,
  channel             TEXT NOT NULL,
  status              TEXT NOT NULL,
  daily_budget_micros INTEGER,
  bid_modifier        REAL NOT NULL DEFAULT 1.0,
  currency            TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  PRIMARY KEY (level, id)
);
)sql"},
    {"metric history of adpilot sync", R"sql(
CREATE TABLE metric_days (
  source              TEXT NOT NULL,
  account_id          TEXT NOT NULL,
  level               TEXT NOT NULL,
  entity_id           TEXT NOT NULL,
  date                TEXT NOT NULL,
  campaign_id         TEXT NOT NULL,
  campaign_name       TEXT NOT NULL,
  ad_group_id         TEXT NOT NULL,
  ad_group_name       TEXT NOT NULL,
  ad_id               TEXT NOT NULL,
  ad_name             TEXT NOT NULL,
  channel             TEXT NOT NULL,
  currency            TEXT NOT NULL,
  status              TEXT NOT NULL,
  daily_budget_micros INTEGER,
  impressions         INTEGER NOT NULL,
  clicks              INTEGER NOT NULL,
  cost_micros         INTEGER NOT NULL,
  conversions         REAL NOT NULL,
  revenue_micros      INTEGER NOT NULL,
  PRIMARY KEY (source, account_id, level, entity_id, date)
);
-- Days fetched, with or without activity: what makes sync incremental.
CREATE TABLE synced_days (
  source      TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  level       TEXT NOT NULL,
  date        TEXT NOT NULL,
  fetched_at  TEXT NOT NULL,
  PRIMARY KEY (source, account_id, level, date)
);
)sql"},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int read_user_version(sqlite3* db) {
  Statement version(db, "PRAGMA user_version");
  version.step();
  return static_cast<int>(version.int64(0));
}

void migrate(sqlite3* db, std::span<const Migration> migrations) {
  const int target = static_cast<int>(migrations.size());
  const auto check_not_newer = [&](int version) {
    if (version > target) {
      const char* file = sqlite3_db_filename(db, "main");
      throw_error(ErrorCode::kSchema,
                  fmt::format("the store has schema version {}, written by a newer adpilot; this one "
                              "reads versions up to {}",
                              version, target),
                  ErrorContext{file != nullptr ? file : "", 0, 0, "", "--db"},
                  "upgrade adpilot, or point --db at another store");
    }
  };
  int version = read_user_version(db);
  check_not_newer(version);
  if (version == target) {
    return;
  }
  exec(db, "BEGIN IMMEDIATE");
  try {
    version = read_user_version(db);  // another process may have migrated it meanwhile
    check_not_newer(version);
    for (int step = version; step < target; ++step) {
      const Migration& migration = migrations[static_cast<size_t>(step)];
      if (sqlite3_exec(db, migration.sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw_sqlite(db, fmt::format("migrating to schema version {} ({})", step + 1, migration.summary));
      }
    }
    exec(db, fmt::format("PRAGMA user_version = {}", target).c_str());
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace adpilot::store::detail
