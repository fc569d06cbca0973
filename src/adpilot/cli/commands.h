// The subcommand table and the entry point main() calls. Each subcommand is a thin wrapper:
// settings in, one library call, output and exit status out.
#pragma once

#include <cstdio>
#include <span>
#include <string>

#include "adpilot/cli/options.h"
#include "adpilot/core/result.h"

namespace adpilot::cli {

// Exit statuses (docs/cli.md): 0 success, 1 findings or a failure at run time, 2 bad usage or
// bad input (a malformed file, an unknown option, a policy set to `error` that fired).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

struct Io {
  std::FILE* out = stdout;
  std::FILE* err = stderr;
  bool out_is_terminal = false;
};

struct CommandDef {
  const char* name;
  uint32_t bit;
  const char* summary;
  const char* usage;         // after "adpilot <name>"
  const char* description;   // a paragraph for --help
  int (*run)(const Settings& settings, Io& io);
};

std::span<const CommandDef> command_table();

// Parses argv for one subcommand: flags, then the environment, then the config file.
// Returns nullopt after printing help (exit 0) and an Error for bad usage.
Result<std::optional<Settings>> parse_command_line(const CommandDef& command, int argc,
                                                   const char* const* argv, Io& io);

// Prints an error the same way for every subcommand and returns its exit status.
int report_error(const Error& error, Io& io);

int run_cli(int argc, const char* const* argv);

// The subcommands (one file each).
int run_demo(const Settings& settings, Io& io);
int run_kpi(const Settings& settings, Io& io);
int run_check(const Settings& settings, Io& io);
int run_trends(const Settings& settings, Io& io);
int run_pacing(const Settings& settings, Io& io);
int run_forecast(const Settings& settings, Io& io);
int run_anomalies(const Settings& settings, Io& io);
int run_copy(const Settings& settings, Io& io);
int run_copy_tokenize(const Settings& settings, Io& io);  // `copy tokenize`, from run_copy
int run_apply(const Settings& settings, Io& io);
int run_history(const Settings& settings, Io& io);
int run_state(const Settings& settings, Io& io);
int run_undo(const Settings& settings, Io& io);
int run_plan(const Settings& settings, Io& io);
int run_run(const Settings& settings, Io& io);
int run_sync(const Settings& settings, Io& io);

}  // namespace adpilot::cli
