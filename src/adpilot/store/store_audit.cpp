// Runs and the audit log, and the cooldown view over them.
#include <fmt/format.h>

#include "adpilot/store/detail/sqlite.h"
#include "adpilot/store/store.h"

namespace adpilot::store {

namespace {

constexpr const char* kRunColumns =
    "run_id, kind, plan_id, target, started_at, finished_at, status, undo_of";

constexpr const char* kAuditColumns =
    "audit_id, run_id, plan_id, action_index, entity_level, entity_id, entity_name, action, "
    "before_json, after_json, planned_json, rule, rationale_json, summary, applied_at, plan_as_of, "
    "status, error, reverts";

// The statuses that hold an action's idempotency key (the partial unique index audit_key).
constexpr const char* kHoldsKey = "status IN ('applied', 'unchanged', 'alert')";

RunRecord read_run(const detail::Statement& row) {
  RunRecord run;
  run.run_id = row.int64(0);
  run.kind = row.text(1);
  run.plan_id = row.text(2);
  run.target = row.text(3);
  run.started_at = row.text(4);
  run.finished_at = row.text(5);
  run.status = row.text(6);
  run.undo_of = row.optional_int64(7);
  return run;
}

Date parse_stored_date(const std::string& text) {
  auto date = parse_iso_date(text);
  if (!date) {
    throw_error(ErrorCode::kParse, fmt::format("store: '{}' in audit.plan_as_of is not a date", text));
  }
  return *date;
}

AuditRecord read_audit(const detail::Statement& row) {
  AuditRecord record;
  record.audit_id = row.int64(0);
  record.run_id = row.int64(1);
  record.plan_id = row.text(2);
  record.action_index = static_cast<int>(row.int64(3));
  record.entity_level = row.text(4);
  record.entity_id = row.text(5);
  record.entity_name = row.text(6);
  record.action = row.text(7);
  record.before = row.text(8);
  record.after = row.text(9);
  record.planned = row.text(10);
  record.rule = row.text(11);
  record.rationale = row.text(12);
  record.summary = row.text(13);
  record.applied_at = row.text(14);
  record.plan_as_of = parse_stored_date(row.text(15));
  record.status = row.text(16);
  record.error = row.text(17);
  record.reverts = row.optional_int64(18);
  return record;
}

}  // namespace

Result<int64_t> Store::begin_run(const RunRecord& run) {
  return guard([&]() -> Result<int64_t> {
    detail::Statement insert(db_.get(),
                             "INSERT INTO runs (kind, plan_id, target, started_at, status, undo_of) "
                             "VALUES (?1, ?2, ?3, ?4, 'running', ?5)");
    insert.bind(1, run.kind).bind(2, run.plan_id).bind(3, run.target).bind(4, run.started_at);
    insert.bind(5, run.undo_of);
    insert.run();
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.get()));
  });
}

Result<void> Store::finish_run(int64_t run_id, const std::string& status) {
  return guard([&]() -> Result<void> {
    detail::Statement update(db_.get(), "UPDATE runs SET status = ?2, finished_at = ?3 WHERE run_id = ?1");
    update.bind(1, run_id).bind(2, status).bind(3, utc_timestamp());
    update.run();
    return {};
  });
}

Result<std::optional<RunRecord>> Store::find_run(int64_t run_id) const {
  return guard([&]() -> Result<std::optional<RunRecord>> {
    detail::Statement query(db_.get(), fmt::format("SELECT {} FROM runs WHERE run_id = ?1", kRunColumns));
    query.bind(1, run_id);
    if (!query.step()) {
      return std::optional<RunRecord>();
    }
    return std::optional<RunRecord>(read_run(query));
  });
}

Result<std::vector<RunRecord>> Store::undo_runs_of(int64_t run_id) const {
  return guard([&]() -> Result<std::vector<RunRecord>> {
    detail::Statement query(db_.get(),
                            fmt::format("SELECT {} FROM runs WHERE undo_of = ?1 ORDER BY run_id", kRunColumns));
    query.bind(1, run_id);
    std::vector<RunRecord> out;
    while (query.step()) {
      out.push_back(read_run(query));
    }
    return out;
  });
}

Result<std::optional<AuditRecord>> Store::find_key_holder(const std::string& plan_id, int action_index) const {
  return guard([&]() -> Result<std::optional<AuditRecord>> {
    detail::Statement query(db_.get(), fmt::format("SELECT {} FROM audit WHERE plan_id = ?1 AND "
                                                   "action_index = ?2 AND {}",
                                                   kAuditColumns, kHoldsKey));
    query.bind(1, plan_id).bind(2, int64_t{action_index});
    if (!query.step()) {
      return std::optional<AuditRecord>();
    }
    return std::optional<AuditRecord>(read_audit(query));
  });
}

Result<int64_t> Store::insert_audit(const AuditRecord& record) {
  return guard([&]() -> Result<int64_t> {
    detail::Statement insert(
        db_.get(),
        "INSERT INTO audit (run_id, plan_id, action_index, entity_level, entity_id, entity_name, action, "
        "before_json, after_json, planned_json, rule, rationale_json, summary, applied_at, plan_as_of, "
        "status, error, reverts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
        "?15, ?16, ?17, ?18)");
    insert.bind(1, record.run_id).bind(2, record.plan_id).bind(3, int64_t{record.action_index});
    insert.bind(4, record.entity_level).bind(5, record.entity_id).bind(6, record.entity_name);
    insert.bind(7, record.action).bind(8, record.before).bind(9, record.after).bind(10, record.planned);
    insert.bind(11, record.rule).bind(12, record.rationale).bind(13, record.summary);
    insert.bind(14, record.applied_at).bind(15, format_date(record.plan_as_of)).bind(16, record.status);
    insert.bind(17, record.error).bind(18, record.reverts);
    insert.run();
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.get()));
  });
}

Result<void> Store::set_audit_status(int64_t audit_id, const std::string& status) {
  return guard([&]() -> Result<void> {
    detail::Statement update(db_.get(), "UPDATE audit SET status = ?2 WHERE audit_id = ?1");
    update.bind(1, audit_id).bind(2, status);
    update.run();
    return {};
  });
}

Result<std::vector<AuditRecord>> Store::audit(const AuditFilter& filter) const {
  return guard([&]() -> Result<std::vector<AuditRecord>> {
    detail::Statement query(db_.get(), fmt::format("SELECT {} FROM audit WHERE (?1 = '' OR entity_id = ?1) "
                                                   "AND (?2 IS NULL OR applied_at >= ?2) "
                                                   "AND (?3 IS NULL OR run_id = ?3) ORDER BY audit_id",
                                                   kAuditColumns));
    query.bind(1, filter.entity_id).bind(3, filter.run_id);
    if (filter.since) {
      query.bind(2, format_date(*filter.since));  // ISO timestamps of that day sort after it
    } else {
      query.bind_null(2);
    }
    std::vector<AuditRecord> out;
    while (query.step()) {
      out.push_back(read_audit(query));
    }
    return out;
  });
}

Result<std::vector<AppliedChange>> Store::applied_changes(const ChangeFilter& filter) const {
  return guard([&]() -> Result<std::vector<AppliedChange>> {
    detail::Statement query(db_.get(),
                            "SELECT entity_level, entity_id, action, plan_as_of, applied_at, rule, plan_id, "
                            "run_id FROM audit WHERE status = 'applied' AND action <> 'alert' "
                            "AND (?1 IS NULL OR plan_as_of >= ?1) AND (?2 = '' OR entity_id = ?2) "
                            "ORDER BY audit_id");
    if (filter.since) {
      query.bind(1, format_date(*filter.since));
    } else {
      query.bind_null(1);
    }
    query.bind(2, filter.entity_id);
    std::vector<AppliedChange> out;
    while (query.step()) {
      AppliedChange change;
      change.entity_level = query.text(0);
      change.entity_id = query.text(1);
      change.action = query.text(2);
      change.plan_as_of = parse_stored_date(query.text(3));
      change.applied_at = query.text(4);
      change.rule = query.text(5);
      change.plan_id = query.text(6);
      change.run_id = query.int64(7);
      out.push_back(std::move(change));
    }
    return out;
  });
}

}  // namespace adpilot::store
