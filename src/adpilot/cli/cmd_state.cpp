// adpilot state — the simulated platform's entities as apply and undo left them.
#include "adpilot/cli/commands.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/store_settings.h"
#include "adpilot/core/format_number.h"

namespace adpilot::cli {

namespace {

Table state_table(const std::vector<store::EntityState>& entities) {
  Table table;
  Column& level = table.add_column("level", ColumnType::kString);
  Column& id = table.add_column("id", ColumnType::kString);
  Column& name = table.add_column("name", ColumnType::kString);
  Column& account = table.add_column("account_id", ColumnType::kString);
  Column& channel = table.add_column("channel", ColumnType::kString);
  Column& status = table.add_column("status", ColumnType::kString);
  Column& budget = table.add_column("daily_budget", ColumnType::kMoney);
  Column& bid = table.add_column("bid_modifier", ColumnType::kDouble);
  Column& currency = table.add_column("currency", ColumnType::kString);
  Column& updated = table.add_column("updated_at", ColumnType::kString);
  for (const auto& entity : entities) {
    level.append_string(entity.level);
    id.append_string(entity.id);
    name.append_string(entity.name);
    account.append_string(entity.account_id);
    channel.append_string(entity.channel);
    status.append_string(entity.status);
    budget.i64().push_back(entity.daily_budget.value_or(0));
    budget.valid().push_back(entity.daily_budget ? 1 : 0);
    bid.f64().push_back(entity.bid_modifier);
    bid.valid().push_back(1);
    currency.append_string(entity.currency);
    updated.append_string(entity.updated_at);
  }
  return table;
}

// The one currency of every entity, or "" (budgets then show without a symbol).
std::string single_currency(const std::vector<store::EntityState>& entities) {
  std::string currency;
  for (const auto& entity : entities) {
    if (!currency.empty() && entity.currency != currency) {
      return "";
    }
    currency = entity.currency;
  }
  return currency;
}

Result<void> state(const Settings& settings, Io& io) {
  const bool to_terminal = io.out_is_terminal && settings.text("out").empty();
  auto format = choose_output_format(settings.text("format"), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  auto store = open_store(settings);
  if (!store.ok()) {
    return store.error();
  }
  auto entities = store->entities();
  if (!entities.ok()) {
    return entities.error();
  }
  const Table table = state_table(*entities);
  std::string text;
  switch (*format) {
    case OutputFormat::kJson: text = render_json(table); break;
    case OutputFormat::kCsv: text = render_csv(table); break;
    case OutputFormat::kTable:
      text = render_pretty(table.select({"level", "id", "name", "channel", "status", "daily_budget", "bid_modifier"}),
                           currency_symbol(single_currency(*entities)));
      break;
  }
  return write_output(settings.text("out"), text, io.out);
}

}  // namespace

int run_state(const Settings& settings, Io& io) {
  auto done = guard([&] { return state(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
