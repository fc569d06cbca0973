// adpilot plan FILE… --rules rules.yaml [--as-of D] [--out plan.json] [--explain]: the rules'
// decisions as a plan. Nothing changes anywhere; `adpilot apply` executes a plan.
#include <fmt/format.h>

#include "adpilot/act/google_ads_executor.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/connector_settings.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/plan_store.h"
#include "adpilot/cli/rules_settings.h"
#include "adpilot/core/format_number.h"
#include "adpilot/decide/decide.h"

namespace adpilot::cli {

namespace {

std::string change_text(const decide::PlannedAction& action) {
  using decide::ActionKind;
  switch (action.kind) {
    case ActionKind::kPause:
    case ActionKind::kEnable:
      return action.status_before + " → " + action.status_after;
    case ActionKind::kBudget: {
      const std::string symbol = currency_symbol(action.entity.currency);
      return fmt::format("{} → {}", format_money(micros_to_units(action.budget_before.value_or(0)), symbol),
                         format_money(micros_to_units(action.budget_after.value_or(0)), symbol));
    }
    case ActionKind::kBid:
      return fmt::format("bids {}{}", action.bid_change >= 0 ? "+" : "", format_percent(action.bid_change));
    case ActionKind::kAlert:
      return "—";
  }
  return "";
}

Table actions_table(const decide::Plan& plan) {
  Table table;
  auto& index = table.add_column("index", ColumnType::kInt64);
  auto& action = table.add_column("action", ColumnType::kString);
  auto& level = table.add_column("level", ColumnType::kString);
  auto& id = table.add_column("entity_id", ColumnType::kString);
  auto& name = table.add_column("entity_name", ColumnType::kString);
  auto& change = table.add_column("change", ColumnType::kString);
  auto& rule = table.add_column("rule", ColumnType::kString);
  auto& summary = table.add_column("summary", ColumnType::kString);
  for (const auto& a : plan.actions) {
    index.i64().push_back(a.index);
    index.valid().push_back(1);
    action.append_string(decide::action_kind_name(a.kind));
    level.append_string(decide::entity_level_name(a.entity.level));
    id.append_string(a.entity.id);
    name.append_string(a.entity.name);
    change.append_string(change_text(a));
    rule.append_string(a.rule);
    summary.append_string(a.summary);
  }
  return table;
}

// --validate: the platform of --target checks every action without making it. Returns the
// number of actions it would refuse (each printed on stderr).
Result<size_t> validate_on_platform(const Settings& settings, const decide::Plan& plan, Io& io) {
  const std::string target = settings.text("target");
  if (target != connect::kGoogleAds) {
    return make_error(ErrorCode::kInvalidArgument,
                      target == connect::kMetaAds
                          ? "--validate needs a platform that can check changes without making them; "
                            "Meta's API has no validate-only mode"
                          : "--validate checks the plan on an ad platform; give --target google_ads",
                      ErrorContext{"", 0, 0, "", "--validate"});
  }
  const std::string account = plan.entities.empty() ? "" : plan.entities.front().account_id;
  auto connector = make_settings_resolver(settings, account)(target);
  if (!connector.ok()) {
    return connector.error();
  }
  auto issues = act::validate_plan_google_ads(plan, *connector);
  if (!issues.ok()) {
    return issues.error();
  }
  std::string text;
  for (const auto& issue : *issues) {
    text += fmt::format("adpilot: validate: action {} ({}): {}\n", issue.action_index, issue.entity, issue.message);
  }
  text += issues->empty()
              ? fmt::format("adpilot: validate: {} accepts every action of the plan (nothing was changed)\n", target)
              : fmt::format("adpilot: validate: {} would refuse {} of {} action{} (nothing was changed)\n", target,
                            issues->size(), plan.actions.size(), plan.actions.size() == 1 ? "" : "s");
  std::fputs(text.c_str(), io.err);
  return issues->size();
}

Result<int> plan_command(const Settings& settings, Io& io) {
  if (settings.positional.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "no input files", {},
                      "usage: adpilot plan FILE... [--rules rules.yaml] [--out plan.json]");
  }
  auto rules = load_rules_setting(settings);
  if (!rules.ok()) {
    return rules.error();
  }
  ingest::IngestReport report;
  auto table = read_input_table(settings, io, &report);
  if (!table.ok()) {
    return table.error();
  }

  decide::DecideInput input;
  input.data = &*table;
  input.as_of = settings.date("as-of");
  input.inputs = settings.positional;
  auto context = load_plan_store_context(settings);
  if (!context.ok()) {
    return context.error();
  }
  input.history = std::move(context->history);
  input.current_state = std::move(context->state);
  auto plan = decide::make_plan(*rules, input);
  if (!plan.ok()) {
    return plan.error();
  }
  size_t refused = 0;
  if (settings.flag("validate")) {
    auto checked = validate_on_platform(settings, *plan, io);
    if (!checked.ok()) {
      return checked.error();
    }
    refused = *checked;
  }

  const std::string out_path = settings.text("out");
  if (!out_path.empty() && out_path != "-") {
    auto written = write_output(out_path, decide::plan_to_json(*plan).dump(2) + "\n", io.out);
    if (!written.ok()) {
      return written.error();
    }
  }
  const bool to_terminal = io.out_is_terminal;
  auto format = choose_output_format(output_format_text(settings), to_terminal);
  if (!format.ok()) {
    return format.error();
  }
  std::string text;
  if (settings.flag("explain")) {
    text = decide::explain_plan(*plan);
  } else {
    switch (*format) {
      case OutputFormat::kJson:
        text = decide::plan_to_json(*plan).dump(2) + "\n";
        break;
      case OutputFormat::kCsv:
        text = render_csv(actions_table(*plan));
        break;
      case OutputFormat::kTable:
        text = fmt::format("Plan {} as of {}: {} action{}, {} not taken{}\n", plan->id, format_date(plan->as_of),
                           plan->actions.size(), plan->actions.size() == 1 ? "" : "s", plan->not_taken.size(),
                           plan->not_taken.empty() ? "" : " (--explain says why)");
        if (!plan->actions.empty()) {
          text += render_pretty(actions_table(*plan), "");
        }
        break;
    }
  }
  std::fputs(text.c_str(), io.out);
  if (!out_path.empty() && out_path != "-" && !settings.flag("quiet")) {
    std::fputs(fmt::format("adpilot: plan {} written to {}; `adpilot apply {}` executes it\n", plan->id, out_path,
                           out_path).c_str(), io.err);
  }
  return refused > 0 ? kExitFindings : kExitOk;
}

}  // namespace

int run_plan(const Settings& settings, Io& io) {
  auto done = guard([&] { return plan_command(settings, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

}  // namespace adpilot::cli
