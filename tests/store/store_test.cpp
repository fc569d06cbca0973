#include "adpilot/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "adpilot/store/detail/migrations.h"
#include "store/temp_dir.h"

namespace adpilot::store {
namespace {

using adpilot::testing::TempDir;

// Runs SQL on a file with the plain C API, as an older (or newer) adpilot would have.
void raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message != nullptr ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

int64_t raw_count(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  int64_t out = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    out = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

EntityState entity(const std::string& id, Micros budget) {
  EntityState state;
  state.level = "campaign";
  state.id = id;
  state.name = "Campaign " + id;
  state.account_id = "acct";
  state.channel = "google_ads";
  state.status = "ENABLED";
  state.daily_budget = budget;
  state.currency = "USD";
  state.updated_at = "2026-11-01T00:00:00Z";
  return state;
}

AuditRecord audit_row(int64_t run_id, const std::string& plan_id, int index, const std::string& status) {
  AuditRecord row;
  row.run_id = run_id;
  row.plan_id = plan_id;
  row.action_index = index;
  row.entity_level = "campaign";
  row.entity_id = "cmp_" + std::to_string(index);
  row.entity_name = "Campaign";
  row.action = "pause";
  row.before = R"({"status":"ENABLED","daily_budget_micros":null,"bid_modifier":1.0})";
  row.after = R"({"status":"PAUSED","daily_budget_micros":null,"bid_modifier":1.0})";
  row.planned = "{}";
  row.rule = "pause_losers";
  row.rationale = "{}";
  row.summary = "Pause it";
  row.applied_at = "2026-11-02T10:00:00Z";
  row.plan_as_of = date_from_civil(2026, 10, 29);
  row.status = status;
  return row;
}

int64_t start_run(Store& store, const std::string& plan_id) {
  RunRecord run;
  run.kind = "apply";
  run.plan_id = plan_id;
  run.target = "simulate";
  run.started_at = "2026-11-02T10:00:00Z";
  auto id = store.begin_run(run);
  EXPECT_TRUE(id.ok()) << id.error().to_string();
  return id.ok() ? *id : 0;
}

TEST(StoreOpenTest, CreatesFolderAndFileAtTheCurrentVersionInWalMode) {
  TempDir dir;
  const std::string path = dir.file("nested/deeper/adpilot.db");
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_EQ(store->path(), path);
  store = Store::open(dir.file("other.db"));  // closes the first
  EXPECT_EQ(raw_count(path, "PRAGMA user_version"), kSchemaVersion);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(StoreOpenTest, ReopeningKeepsTheData) {
  TempDir dir;
  const std::string path = dir.file("adpilot.db");
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->insert_entity_if_absent(entity("cmp_1", 5'000'000)).ok());
  }
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  auto entities = store->entities();
  ASSERT_TRUE(entities.ok());
  ASSERT_EQ(entities->size(), 1U);
  EXPECT_EQ(entities->front().daily_budget, 5'000'000);
}

TEST(StoreOpenTest, AnEmptyVersionZeroFileIsMigrated) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  raw_sql(path, "PRAGMA user_version = 0");
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_EQ(raw_count(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('runs', 'audit', 'entities')"), 3);
}

TEST(StoreOpenTest, AStoreFromANewerAdpilotIsRefusedAndLeftAlone) {
  TempDir dir;
  const std::string path = dir.file("new.db");
  raw_sql(path, "CREATE TABLE future (x); PRAGMA user_version = 99");
  auto store = Store::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kSchema);
  EXPECT_NE(store.error().message.find("schema version 99"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("newer adpilot"), std::string::npos);
  EXPECT_EQ(store.error().context.file, path);
  EXPECT_EQ(raw_count(path, "PRAGMA user_version"), 99);
}

TEST(StoreOpenTest, AFileThatIsNotSqliteIsAnErrorNamingIt) {
  TempDir dir;
  const std::string path = dir.file("notes.txt");
  std::ofstream(path) << "date,campaign_id\n2026-01-01,cmp_1\n";
  auto store = Store::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().context.file, path);
  EXPECT_NE(store.error().message.find("not a database"), std::string::npos) << store.error().message;
}

TEST(StoreOpenTest, AFolderThatCannotBeCreatedIsAnError) {
  TempDir dir;
  std::ofstream(dir.file("blocker")) << "a file, not a folder";
  auto store = Store::open(dir.file("blocker/adpilot.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kIo);
  EXPECT_NE(store.error().message.find("folder"), std::string::npos) << store.error().message;
}

TEST(StoreOpenTest, DefaultPathFollowsXdgDataHome) {
  const char* saved = std::getenv("XDG_DATA_HOME");
  const std::string saved_value = saved != nullptr ? saved : "";
  ::setenv("XDG_DATA_HOME", "/data/home", 1);
  EXPECT_EQ(default_store_path(), "/data/home/adpilot/adpilot.db");
  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the spec says relative paths are invalid
  EXPECT_NE(default_store_path().find(".local/share/adpilot/adpilot.db"), std::string::npos);
  if (saved != nullptr) {
    ::setenv("XDG_DATA_HOME", saved_value.c_str(), 1);
  } else {
    ::unsetenv("XDG_DATA_HOME");
  }
}

// The migration machinery on a history of two versions: data of version 1 survives the step to
// version 2, and a failing step rolls everything back.
const detail::Migration kTwoVersions[] = {
    {"items", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
    {"item colours", "ALTER TABLE items ADD COLUMN colour TEXT NOT NULL DEFAULT 'none';"},
};

TEST(MigrationTest, AnOlderStoreIsBroughtUpToDateKeepingItsRows) {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  raw_sql(path, std::string(kTwoVersions[0].sql) + "INSERT INTO items (name) VALUES ('tent'); PRAGMA user_version = 1;");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_NO_THROW(detail::migrate(db, kTwoVersions));
  EXPECT_EQ(detail::read_user_version(db), 2);
  sqlite3_close(db);
  EXPECT_EQ(raw_count(path, "SELECT count(*) FROM items WHERE name = 'tent' AND colour = 'none'"), 1);
}

TEST(MigrationTest, AFailingStepRollsBackToTheOldVersion) {
  TempDir dir;
  const std::string path = dir.file("v0.db");
  const detail::Migration broken[] = {kTwoVersions[0], {"broken", "ALTER TABLE nowhere ADD COLUMN x;"}};
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  try {
    detail::migrate(db, broken);
    ADD_FAILURE() << "the broken migration did not throw";
  } catch (const ErrorException& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 2 (broken)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(detail::read_user_version(db), 0);
  sqlite3_close(db);
  EXPECT_EQ(raw_count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'items'"), 0);
}

TEST(StoreEntitiesTest, SeedingNeverOverwritesKnownState) {
  TempDir dir;
  auto store = Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  auto inserted = store->insert_entity_if_absent(entity("cmp_1", 5'000'000));
  ASSERT_TRUE(inserted.ok());
  EXPECT_TRUE(*inserted);
  EntityState changed = entity("cmp_1", 9'000'000);
  changed.status = "PAUSED";
  ASSERT_TRUE(store->update_entity(changed).ok());
  inserted = store->insert_entity_if_absent(entity("cmp_1", 5'000'000));
  ASSERT_TRUE(inserted.ok());
  EXPECT_FALSE(*inserted);
  auto found = store->find_entity("campaign", "cmp_1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->status, "PAUSED");
  EXPECT_EQ((*found)->daily_budget, 9'000'000);
  EXPECT_FALSE(store->update_entity(entity("cmp_404", 1)).ok());
}

TEST(StoreAuditTest, TheDatabaseEnforcesOneLiveOutcomePerPlanAndIndex) {
  TempDir dir;
  auto store = Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  const int64_t run = start_run(*store, "plan_a");
  auto first = store->insert_audit(audit_row(run, "plan_a", 0, kStatusApplied));
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  auto second = store->insert_audit(audit_row(run, "plan_a", 0, kStatusApplied));
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("UNIQUE"), std::string::npos) << second.error().message;
  // Failed attempts do not hold the key; once undone, the action may be applied again.
  EXPECT_TRUE(store->insert_audit(audit_row(run, "plan_a", 1, kStatusFailed)).ok());
  EXPECT_TRUE(store->insert_audit(audit_row(run, "plan_a", 1, kStatusApplied)).ok());
  ASSERT_TRUE(store->set_audit_status(*first, kStatusUndone).ok());
  EXPECT_TRUE(store->insert_audit(audit_row(run, "plan_a", 0, kStatusApplied)).ok());
  auto holder = store->find_key_holder("plan_a", 1);
  ASSERT_TRUE(holder.ok() && holder->has_value());
  EXPECT_EQ((*holder)->status, kStatusApplied);
  holder = store->find_key_holder("plan_b", 0);
  ASSERT_TRUE(holder.ok());
  EXPECT_FALSE(holder->has_value());
}

TEST(StoreAuditTest, AnUnknownStatusIsRejected) {
  TempDir dir;
  auto store = Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  const int64_t run = start_run(*store, "plan_a");
  EXPECT_FALSE(store->insert_audit(audit_row(run, "plan_a", 0, "done-ish")).ok());
}

TEST(StoreAuditTest, HistoryFiltersByEntityDayAndRun) {
  TempDir dir;
  auto store = Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  const int64_t run1 = start_run(*store, "plan_a");
  const int64_t run2 = start_run(*store, "plan_b");
  AuditRecord early = audit_row(run1, "plan_a", 0, kStatusApplied);
  early.applied_at = "2026-11-01T23:59:59Z";
  ASSERT_TRUE(store->insert_audit(early).ok());
  ASSERT_TRUE(store->insert_audit(audit_row(run1, "plan_a", 1, kStatusApplied)).ok());
  ASSERT_TRUE(store->insert_audit(audit_row(run2, "plan_b", 0, kStatusAlert)).ok());
  auto all = store->audit({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3U);
  EXPECT_LT((*all)[0].audit_id, (*all)[1].audit_id);  // oldest first
  auto by_entity = store->audit({.entity_id = "cmp_0", .since = {}, .run_id = {}});
  ASSERT_TRUE(by_entity.ok());
  EXPECT_EQ(by_entity->size(), 2U);
  auto since = store->audit({.entity_id = "", .since = date_from_civil(2026, 11, 2), .run_id = {}});
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->size(), 2U);
  since = store->audit({.entity_id = "", .since = date_from_civil(2026, 11, 1), .run_id = {}});
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->size(), 3U);  // the whole day counts
  auto by_run = store->audit({.entity_id = "", .since = {}, .run_id = run2});
  ASSERT_TRUE(by_run.ok());
  ASSERT_EQ(by_run->size(), 1U);
  EXPECT_EQ(by_run->front().status, kStatusAlert);
  EXPECT_EQ(by_run->front().plan_as_of, date_from_civil(2026, 10, 29));
}

TEST(StoreAuditTest, AppliedChangesAreTheStateChangesInForce) {
  TempDir dir;
  auto store = Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  const int64_t run = start_run(*store, "plan_a");
  AuditRecord old_change = audit_row(run, "plan_a", 0, kStatusApplied);
  old_change.plan_as_of = date_from_civil(2026, 9, 1);
  ASSERT_TRUE(store->insert_audit(old_change).ok());
  ASSERT_TRUE(store->insert_audit(audit_row(run, "plan_a", 1, kStatusApplied)).ok());
  ASSERT_TRUE(store->insert_audit(audit_row(run, "plan_a", 2, kStatusUnchanged)).ok());
  AuditRecord alert = audit_row(run, "plan_a", 3, kStatusAlert);
  alert.action = "alert";
  ASSERT_TRUE(store->insert_audit(alert).ok());
  auto undone = store->insert_audit(audit_row(run, "plan_a", 4, kStatusApplied));
  ASSERT_TRUE(undone.ok());
  ASSERT_TRUE(store->set_audit_status(*undone, kStatusUndone).ok());

  auto changes = store->applied_changes();
  ASSERT_TRUE(changes.ok()) << changes.error().to_string();
  ASSERT_EQ(changes->size(), 2U);
  EXPECT_EQ((*changes)[0].entity_id, "cmp_0");
  EXPECT_EQ((*changes)[0].plan_as_of, date_from_civil(2026, 9, 1));
  EXPECT_EQ((*changes)[1].entity_id, "cmp_1");
  EXPECT_EQ((*changes)[1].action, "pause");
  EXPECT_EQ((*changes)[1].rule, "pause_losers");
  EXPECT_EQ((*changes)[1].run_id, run);
  EXPECT_EQ((*changes)[1].applied_at, "2026-11-02T10:00:00Z");

  auto recent = store->applied_changes({.since = date_from_civil(2026, 10, 22), .entity_id = ""});
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1U);
  EXPECT_EQ(recent->front().entity_id, "cmp_1");
  auto one = store->applied_changes({.since = {}, .entity_id = "cmp_0"});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1U);
}

TEST(StoreTransactionTest, AnUncommittedTransactionRollsBack) {
  TempDir dir;
  auto store = Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  {
    auto transaction = store->begin();
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(store->insert_entity_if_absent(entity("cmp_1", 1)).ok());
  }
  auto entities = store->entities();
  ASSERT_TRUE(entities.ok());
  EXPECT_TRUE(entities->empty());
  {
    auto transaction = store->begin();
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(store->insert_entity_if_absent(entity("cmp_1", 1)).ok());
    ASSERT_TRUE(transaction->commit().ok());
  }
  entities = store->entities();
  ASSERT_TRUE(entities.ok());
  EXPECT_EQ(entities->size(), 1U);
}

}  // namespace
}  // namespace adpilot::store
