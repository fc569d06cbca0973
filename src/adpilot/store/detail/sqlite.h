// Small RAII wrappers over the sqlite3 C API, used inside the store only. Failures throw
// ErrorException (the Store's public functions convert them with guard()).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace adpilot::store::detail {

// Throws an ErrorException naming what was being done and SQLite's message.
[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view doing);

// Runs one or more statements that return no rows.
void exec(sqlite3* db, const char* sql);

// A prepared statement. Parameters are 1-based as in SQLite; columns 0-based.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::optional<int64_t>& value);  // nullopt binds NULL
  Statement& bind_null(int index);

  // Advances to the next row: true while there is one, false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  // Makes the statement ready to run again with new bindings (a prepared insert in a loop).
  void reset();

  bool is_null(int column) const;
  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;  // "" for NULL
  std::optional<int64_t> optional_int64(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace adpilot::store::detail
