// The schema's history: migration i takes a store from version i to version i + 1. A store's
// version is `PRAGMA user_version`; migrations run on open, all in one transaction.
#pragma once

#include <span>

struct sqlite3;

namespace adpilot::store::detail {

struct Migration {
  const char* summary;
  const char* sql;
};

// The migrations of this build, oldest first; their count is kSchemaVersion.
std::span<const Migration> schema_migrations();

int read_user_version(sqlite3* db);

// Brings db up to migrations.size() inside one BEGIN IMMEDIATE transaction (so two processes
// opening a new store do not both migrate it). A store newer than that is an error naming both
// versions; a failing migration rolls back and leaves the file at its old version.
void migrate(sqlite3* db, std::span<const Migration> migrations);

}  // namespace adpilot::store::detail
