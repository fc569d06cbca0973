#include <fmt/format.h>
#include <unistd.h>

#include <cstring>

#include "adpilot/cli/commands.h"

namespace adpilot::cli {

namespace {

int run_help(const Settings& settings, Io& io);

// clang-format off
const CommandDef kCommands[] = {
  {"demo", kCmdDemo, "Run adpilot on the bundled sample data", "[--report-dir DIR] [--data-dir DIR]",
   "Runs the whole pipeline (`adpilot run`) on the bundled sample — 12 campaigns on Google Ads "
   "and Meta over 90 days, their October budgets and their ad copy — with the default rules "
   "(data/rules.yaml), as a dry run that never reads or writes your store. Prints the summary "
   "and writes the report (HTML, Markdown, JSON and charts) to ./adpilot-demo-report.", run_demo},
  {"kpi", kCmdKpi, "KPIs by any grouping and time grain", "FILE... [--by DIMS] [--grain GRAIN] [options]",
   "Computes impressions, clicks, cost, conversions, revenue and the KPIs CTR, CPC, CPM, CVR, CPA, "
   "ROAS, AOV and profit as ratios of sums, with 95% Wilson intervals for CTR and CVR. Input "
   "formats are detected from the header; several files are concatenated.", run_kpi},
  {"check", kCmdCheck, "Read files and report their data quality", "FILE... [options]",
   "Reads the files under the chosen policies and prints, per file, the detected format and "
   "dialect, the date range, and what each policy found (missing values, duplicates, impossible "
   "figures, unknown currencies, malformed rows). Exits 1 when it found anything.", run_check},
  {"trends", kCmdTrends, "Period-over-period changes with significance, and direction",
   "FILE... [--by DIMS] [--window 7d] [--metrics LIST] [options]",
   "For each entity and metric: the last N days against the N before, with the absolute and "
   "relative change and a test fit for the metric (two-proportion z for CTR and CVR, a "
   "quasi-Poisson rate test for counts and cost-per metrics, Welch's t for spend and revenue, a "
   "delta-method ratio test for ROAS); and the direction over a longer window (Theil-Sen slope, "
   "Mann-Kendall test).", run_trends},
  {"anomalies", kCmdAnomalies, "Online anomaly detection per entity and metric, or per series",
   "FILE... [--by DIMS] [--metrics LIST] [--since DATE] | --series FILE [--period N] --scores OUT.csv",
   "Runs an online detector (each day judged only from the days before it, with weekly "
   "seasonality, trend and count noise) over each entity's daily metrics and lists the anomalous "
   "days with the expected value and range, direction, severity and an explanation. --since "
   "limits the report, not the history the detector learns from.", run_anomalies},
  {"forecast", kCmdForecast, "Forecasts with prediction intervals per entity or series",
   "FILE... [--by DIMS] [--metric cost] [--horizon 14] [--model auto] [--level 80,95] | --series FILE --period N",
   "Fits the model per entity (daily series of the metric, weekly season) or per plain series "
   "and prints point forecasts with prediction intervals. --model auto selects among ETS and "
   "ARIMA; ets, arima, snaive and naive force one.", run_forecast},
  {"pacing", kCmdPacing, "Month-end spend projections against monthly budgets",
   "FILE... --budgets FILE [--month YYYY-MM] [--as-of DATE] [options]",
   "For each campaign with a monthly budget: the spend so far, the projected month-end spend "
   "(spend so far plus the forecast of the remaining days) with 80% and 95% intervals, a verdict "
   "(on track, under-pacing, over-pacing, exhausted) and the daily budget that would land on "
   "target.", run_pacing},
  {"copy", kCmdCopy, "Ad-copy sentiment, lint, rewrite suggestions and copy-vs-performance",
   "FILE [--perf FILES] [--platform google|meta] [--model DIR] [--llm-url URL] | sentiment FILE [--column NAME] "
   "| tokenize --vocab vocab.txt < texts",
   "Lints an ad-copy table (one row per ad) against Google Ads and Meta limits and policies and "
   "general copy advice, scores each ad's sentiment (the built-in VADER lexicon, or a transformer "
   "checkpoint with --model), suggests rewrites with their reasons, and with --perf reports which "
   "copy features go with higher CTR and CVR across the account's ads. --llm-url adds candidates "
   "from an OpenAI-compatible model, linted and scored before they are shown. `copy sentiment "
   "FILE` scores one text per line (or a CSV column); `copy tokenize` shows a model's WordPiece "
   "tokens of each line of stdin. Exits 1 when an ad has errors or warnings.",
   run_copy},
  {"plan", kCmdPlan, "Decide what to change: the rules' decisions as a plan",
   "FILE... [--rules rules.yaml] [--as-of DATE] [--out plan.json] [--explain]",
   "Evaluates each rule of the rules file (default: the bundled data/rules.yaml) on every "
   "entity of its scope: the condition over KPIs, trends, anomalies and account aggregates, the "
   "minimum-data guards, the confidence option, cooldowns from the store's history, locks, "
   "conflicts between rules and the guardrails. Writes the plan (JSON, content-hashed) with "
   "--out; nothing changes until `adpilot apply`. --explain prints the rationale of every "
   "decision and why the others were not taken.", run_plan},
  {"apply", kCmdApply, "Carry a plan's actions out (simulated platform by default)",
   "PLAN [--target simulate] [--db PATH]",
   "Executes the plan's actions in order through the target's executor, each in its own "
   "transaction together with its audit row (state before and after, rule, rationale). An "
   "action already applied (same plan id and index) is skipped, so running apply again after a "
   "crash finishes the plan with every action applied once. Exits 1 when an action failed.",
   run_apply},
  {"run", kCmdRun, "The whole pipeline: ingest, analyze, decide, act, report",
   "[FILE...] [--config adpilot.yaml] [--rules FILE] [--budgets FILE] [--ad-copy FILE] [--apply] "
   "[--report-dir DIR]",
   "Reads the data (FILE... or `data:` in the config file), computes KPIs per campaign, trends "
   "of the last --window against the one before with significance, anomalies and forecast fans "
   "of the account's spend, conversions, CPA and ROAS and of the largest campaigns' spend, and "
   "pacing against --budgets; evaluates the rules into a plan and, with --ad-copy, lints and "
   "scores the ad copy. The plan is a dry run unless --apply carries it out on --target (each "
   "action once, audited in the store). Writes report.html, report.md, report.json and charts "
   "to --report-dir and prints a summary. Progress goes to stderr on a terminal. Exits 1 when an "
   "action failed on --apply.", run_run},
  {"sync", kCmdSync, "Fetch daily campaign performance from the Google Ads or Meta API",
   "--source google_ads|meta_ads --account ID --since DATE [--until DATE] [--level campaign] [--out OUT.csv]",
   "Fetches daily performance (impressions, clicks, cost, conversions, revenue, status and daily "
   "budget) per campaign, ad group or ad from the platform's API into the store's metric history. "
   "Incremental: only days not yet stored are fetched, plus the last --lookback days again for "
   "conversions reported late. --out writes the whole range as a canonical CSV that every other "
   "command reads. Prints what the run cost in requests, retries and (Google Ads) quota "
   "operations. Credentials come from the credentials file or the environment and are never "
   "printed (docs/connectors.md).", run_sync},
  {"history", kCmdHistory, "The audit log of applied and undone actions",
   "[--entity ID] [--since DATE] [--run RUN_ID] [--db PATH]",
   "Lists the audit log, oldest first: run, time, plan, entity, action, outcome, the state "
   "before and after, and the rule. --format json adds the rationale and the plan's view.",
   run_history},
  {"state", kCmdState, "The simulated platform's entities", "[--db PATH]",
   "Shows every entity the simulated platform knows: level, id, name, channel, status, daily "
   "budget and bid modifier, as apply and undo left them.", run_state},
  {"undo", kCmdUndo, "Revert a run's actions, newest first", "RUN_ID [--db PATH]",
   "Puts back the field each applied action of the run changed, in reverse order, as a new run "
   "with its own audit rows. Undoing a run already undone does nothing. An entity changed "
   "since by a later run is left alone (undo that run first); exits 1 then.", run_undo},
};
// clang-format on

std::string general_help() {
  std::string out = fmt::format(
      "adpilot {} — a marketing analytics assistant for Google Ads and Meta campaign data\n\n"
      "usage: adpilot <command> [options]\n\ncommands:\n",
      ADPILOT_VERSION);
  for (const auto& command : kCommands) {
    out += fmt::format("  {:<10} {}\n", command.name, command.summary);
  }
  out += fmt::format("  {:<10} {}\n", "help", "This text; `adpilot help COMMAND` for one command");
  out += "\n`adpilot COMMAND --help` lists a command's options. Exit status: 0 success, 1 "
         "findings or failure, 2 bad usage or bad input.\n";
  return out;
}

const CommandDef* find_command(std::string_view name) {
  for (const auto& command : kCommands) {
    if (name == command.name) {
      return &command;
    }
  }
  return nullptr;
}

int run_help(const Settings& settings, Io& io) {
  (void)settings;
  std::fputs(general_help().c_str(), io.out);
  return kExitOk;
}

}  // namespace

std::span<const CommandDef> command_table() { return kCommands; }

int run_cli(int argc, const char* const* argv) {
  Io io;
  io.out_is_terminal = ::isatty(STDOUT_FILENO) != 0;
  if (argc < 2) {
    std::fputs(general_help().c_str(), io.err);
    return kExitUsage;
  }
  const std::string_view first = argv[1];
  if (first == "--version" || first == "version") {
    std::fputs(fmt::format("adpilot {}\n", ADPILOT_VERSION).c_str(), io.out);
    return kExitOk;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    if (argc >= 3 && std::string_view(argv[2]) == "options") {
      std::fputs(options_markdown().c_str(), io.out);
      return kExitOk;
    }
    if (argc >= 3) {
      if (const CommandDef* command = find_command(argv[2]); command != nullptr) {
        const char* help_argv[] = {argv[2], "--help"};
        (void)parse_command_line(*command, 2, help_argv, io);
        return kExitOk;
      }
    }
    return run_help(Settings{}, io);
  }
  const CommandDef* command = find_command(first);
  if (command == nullptr) {
    std::fputs(fmt::format("adpilot: error: unknown command '{}'\n\n{}", first, general_help()).c_str(),
               io.err);
    return kExitUsage;
  }
  auto settings = parse_command_line(*command, argc - 1, argv + 1, io);
  if (!settings.ok()) {
    return report_error(settings.error(), io);
  }
  if (!settings->has_value()) {
    return kExitOk;  // help was printed
  }
  return command->run(**settings, io);
}

}  // namespace adpilot::cli
