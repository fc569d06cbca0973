#include "adpilot/store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "adpilot/store/detail/migrations.h"
#include "adpilot/store/detail/sqlite.h"

namespace adpilot::store {

namespace {

// Long enough to wait out another apply's transaction (each holds one action), short enough
// that a stuck writer surfaces as an error rather than a hang.
constexpr int kBusyTimeoutMs = 10'000;

}  // namespace

std::string default_store_path() {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  if (data_home != nullptr && data_home[0] == '/') {
    return (std::filesystem::path(data_home) / "adpilot" / "adpilot.db").string();
  }
  const char* home = std::getenv("HOME");
  const std::filesystem::path base = home != nullptr && home[0] != '\0' ? home : ".";
  return (base / ".local" / "share" / "adpilot" / "adpilot.db").string();
}

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

void Store::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::string& path) {
  if (path.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "the store path is empty", ErrorContext{"", 0, 0, "", "--db"});
  }
  auto opened = guard([&]() -> Result<Store> {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
      std::error_code failed;
      std::filesystem::create_directories(parent, failed);
      if (failed) {
        throw_error(ErrorCode::kIo,
                    fmt::format("cannot create the store's folder '{}': {}", parent.string(), failed.message()),
                    ErrorContext{path, 0, 0, "", "--db"});
      }
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Store store(path, raw);  // owns the handle even when opening failed
    if (raw == nullptr) {
      throw_error(ErrorCode::kInternal, "out of memory opening the store");
    }
    if (rc != SQLITE_OK) {
      detail::throw_sqlite(raw, "cannot open the store");
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    // The first read of the header: a file that is not SQLite fails here.
    if (sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
      detail::throw_sqlite(raw, "reading the store");
    }
    {
      detail::Statement journal(raw, "PRAGMA journal_mode = WAL");
      journal.step();
    }
    detail::exec(raw, "PRAGMA foreign_keys = ON");
    // The audit log must survive a power cut once apply has reported an action as done.
    detail::exec(raw, "PRAGMA synchronous = FULL");
    detail::migrate(raw, detail::schema_migrations());
    return store;
  });
  if (!opened.ok()) {
    Error error = opened.error();
    error.context.file = path;  // the path as the user gave it
    return error;
  }
  return opened;
}

int Store::schema_version() const { return detail::read_user_version(db_.get()); }

Store::Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Store::Transaction::~Transaction() {
  if (db_ != nullptr) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Result<void> Store::Transaction::commit() {
  ADP_ASSERT(db_ != nullptr);
  return guard([&]() -> Result<void> {
    detail::exec(db_, "COMMIT");
    db_ = nullptr;
    return {};
  });
}

Result<Store::Transaction> Store::begin() {
  return guard([&]() -> Result<Transaction> {
    // IMMEDIATE takes the write lock now, so the idempotency check and the write that follows
    // cannot interleave with another apply.
    detail::exec(db_.get(), "BEGIN IMMEDIATE");
    return Transaction(db_.get());
  });
}

}  // namespace adpilot::store
