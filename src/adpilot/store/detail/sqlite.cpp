#include "adpilot/store/detail/sqlite.h"

#include <fmt/format.h>

#include "adpilot/core/result.h"

namespace adpilot::store::detail {

void throw_sqlite(sqlite3* db, std::string_view doing) {
  const int code = sqlite3_extended_errcode(db);
  std::string hint;
  if ((code & 0xff) == SQLITE_BUSY) {
    hint = "another adpilot is writing to the store; try again when it has finished";
  } else if ((code & 0xff) == SQLITE_NOTADB) {
    hint = "--db must name an adpilot store (an SQLite file) or a file that does not exist yet";
  }
  const char* file = sqlite3_db_filename(db, "main");
  throw_error(ErrorCode::kIo, fmt::format("store: {}: {}", doing, sqlite3_errmsg(db)),
              ErrorContext{file != nullptr ? file : "", 0, 0, "", ""}, std::move(hint));
}

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw_sqlite(db, sql);
  }
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
    throw_sqlite(db, fmt::format("preparing `{}`", sql));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) {
    throw_sqlite(db_, "binding a value");
  }
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) {
    throw_sqlite(db_, "binding a value");
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    throw_sqlite(db_, "binding a value");
  }
  return *this;
}

Statement& Statement::bind(int index, const std::optional<int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) {
    throw_sqlite(db_, "binding a value");
  }
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  throw_sqlite(db_, fmt::format("running `{}`", sqlite3_sql(stmt_)));
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (data == nullptr) {
    return {};
  }
  return std::string(data, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return int64(column);
}

}  // namespace adpilot::store::detail
