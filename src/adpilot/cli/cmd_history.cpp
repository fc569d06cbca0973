// adpilot history [--entity ID] [--since DATE] [--run RUN_ID] — the audit log.
#include <nlohmann/json.hpp>

#include "adpilot/act/history.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/store_settings.h"

namespace adpilot::cli {

namespace {

using nlohmann::json;

json parsed_or_text(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
}

// JSON keeps the stored objects (before, after, the plan's view, the rationale) as objects.
std::string history_json(const std::vector<store::AuditRecord>& rows) {
  json out = json::array();
  for (const auto& row : rows) {
    out.push_back({{"audit_id", row.audit_id},
                   {"run_id", row.run_id},
                   {"applied_at", row.applied_at},
                   {"plan_id", row.plan_id},
                   {"plan_as_of", format_date(row.plan_as_of)},
                   {"action_index", row.action_index},
                   {"entity", {{"level", row.entity_level}, {"id", row.entity_id}, {"name", row.entity_name}}},
                   {"action", row.action},
                   {"status", row.status},
                   {"before", parsed_or_text(row.before)},
                   {"after", parsed_or_text(row.after)},
                   {"planned", parsed_or_text(row.planned)},
                   {"rule", row.rule},
                   {"rationale", parsed_or_text(row.rationale)},
                   {"summary", row.summary},
                   {"error", row.error},
                   {"reverts", row.reverts ? json(*row.reverts) : json(nullptr)}});
  }
  return out.dump(2) + "\n";
}

Table history_table(const std::vector<store::AuditRecord>& rows) {
  Table table;
  Column& run = table.add_column("run_id", ColumnType::kInt64);
  Column& audit = table.add_column("audit_id", ColumnType::kInt64);
  Column& applied_at = table.add_column("applied_at", ColumnType::kString);
  Column& plan = table.add_column("plan_id", ColumnType::kString);
  Column& index = table.add_column("action_index", ColumnType::kInt64);
  Column& level = table.add_column("level", ColumnType::kString);
  Column& entity = table.add_column("entity_id", ColumnType::kString);
  Column& name = table.add_column("entity_name", ColumnType::kString);
  Column& action = table.add_column("action", ColumnType::kString);
  Column& status = table.add_column("status", ColumnType::kString);
  Column& change = table.add_column("change", ColumnType::kString);
  Column& rule = table.add_column("rule", ColumnType::kString);
  Column& reverts = table.add_column("reverts", ColumnType::kInt64);
  for (const auto& row : rows) {
    run.i64().push_back(row.run_id);
    run.valid().push_back(1);
    audit.i64().push_back(row.audit_id);
    audit.valid().push_back(1);
    applied_at.append_string(row.applied_at);
    plan.append_string(row.plan_id);
    index.i64().push_back(row.action_index);
    index.valid().push_back(1);
    level.append_string(row.entity_level);
    entity.append_string(row.entity_id);
    name.append_string(row.entity_name);
    action.append_string(row.action);
    status.append_string(row.status);
    change.append_string(act::describe_audit_change(row));
    rule.append_string(row.rule);
    reverts.i64().push_back(row.reverts.value_or(0));
    reverts.valid().push_back(row.reverts ? 1 : 0);
  }
  return table;
}

Result<void> history(const Settings& settings, Io& io) {
  const bool to_terminal = io.out_is_terminal && settings.text("out").empty();
  auto format = choose_output_format(settings.text("format"), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  auto store = open_store(settings);
  if (!store.ok()) {
    return store.error();
  }
  store::AuditFilter filter;
  filter.entity_id = settings.text("entity");
  filter.since = settings.date("since");
  if (const int64_t run = settings.integer("run"); run > 0) {
    filter.run_id = run;
  }
  auto rows = store->audit(filter);
  if (!rows.ok()) {
    return rows.error();
  }
  std::string text;
  switch (*format) {
    case OutputFormat::kJson: text = history_json(*rows); break;
    case OutputFormat::kCsv: text = render_csv(history_table(*rows)); break;
    case OutputFormat::kTable:
      text = render_pretty(history_table(*rows).select({"run_id", "applied_at", "action_index", "entity_id",
                                                        "entity_name", "action", "status", "change", "rule"}),
                           "");
      break;
  }
  return write_output(settings.text("out"), text, io.out);
}

}  // namespace

int run_history(const Settings& settings, Io& io) {
  auto done = guard([&] { return history(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
