// Every setting is declared once, in kOptions (options_table.cpp): name, type, default,
// environment variable, help and the subcommands it applies to. Argument parsing, the config
// file, validation, --help and docs/options.md are all generated from that table.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/result.h"

namespace adpilot::cli {

// Subcommands as bits, so one option can serve several.
enum CommandBit : uint32_t {
  kCmdDemo = 1U << 0,
  kCmdKpi = 1U << 1,
  kCmdCheck = 1U << 2,
  kCmdTrends = 1U << 3,
  kCmdAnomalies = 1U << 4,
  kCmdForecast = 1U << 5,
  kCmdPacing = 1U << 6,
  kCmdPlan = 1U << 7,
  kCmdApply = 1U << 8,
  kCmdHistory = 1U << 9,
  kCmdState = 1U << 10,
  kCmdUndo = 1U << 11,
  kCmdCopy = 1U << 12,
  kCmdRun = 1U << 13,
  kCmdSync = 1U << 14,
  kCmdAll = 0xffffffffU,
};
// Commands that read campaign files through ingest (run reads them too), and those that work on
// daily series.
inline constexpr uint32_t kCmdSeries = kCmdTrends | kCmdAnomalies | kCmdForecast | kCmdPacing;
inline constexpr uint32_t kCmdIngest = kCmdKpi | kCmdCheck | kCmdSeries | kCmdPlan | kCmdRun;
// Commands that open the SQLite store.
inline constexpr uint32_t kCmdStore =
    kCmdApply | kCmdHistory | kCmdState | kCmdUndo | kCmdPlan | kCmdSync | kCmdRun;
// Commands that may talk to an ad platform's API (connector settings).
inline constexpr uint32_t kCmdConnect = kCmdSync | kCmdApply | kCmdUndo | kCmdPlan | kCmdRun;

enum class OptionKind : uint8_t { kFlag, kText, kInt, kChoice, kList, kDate };

struct OptionDef {
  const char* name;        // long name without dashes: "by" → --by, ADPILOT_BY, config key `by`
  const char* alias;       // a single-letter short form, or ""
  OptionKind kind;
  const char* value_name;  // shown in help: FILE, N, DIMS …
  const char* default_value;
  const char* choices;     // "zero|drop|error" for kChoice
  const char* help;
  uint32_t commands;
  int64_t min_value = 0;   // for kInt
  int64_t max_value = 0;
};

// Every option: the shared table (options_table.cpp) followed by each area's own table
// (options_table_<area>.cpp), so areas can grow without touching one another's files.
std::span<const OptionDef> option_table();
std::span<const OptionDef> decide_option_table();  // plan, rules
std::span<const OptionDef> act_option_table();     // apply, history, state, undo, the store
std::span<const OptionDef> copy_option_table();    // copy (ad-copy analysis)
std::span<const OptionDef> run_option_table();     // run (the whole pipeline), report output
std::span<const OptionDef> connect_option_table(); // sync, platform targets: accounts, APIs, credentials
// The definition of option `name` for a command: one name may mean different things to
// different commands (forecast's --model is a model name, copy's a checkpoint folder).
const OptionDef* find_option(std::string_view name, uint32_t command = kCmdAll);
std::string env_name(const OptionDef& def);  // ADPILOT_<NAME>

enum class ValueSource : uint8_t { kDefault, kConfig, kEnvironment, kFlag };

// The resolved settings of one invocation: flag > environment > config file > default.
class Settings {
 public:
  void set(const std::string& name, std::string value, ValueSource source);
  bool has(const std::string& name) const;  // set anywhere but the default
  ValueSource source(const std::string& name) const;
  std::string text(const std::string& name) const;
  int64_t integer(const std::string& name) const;
  bool flag(const std::string& name) const;
  std::vector<std::string> list(const std::string& name) const;
  std::optional<Date> date(const std::string& name) const;

  std::vector<std::string> positional;  // FILE… arguments
  uint32_t command = kCmdAll;            // the command these settings are for (its defaults)

 private:
  struct Value {
    std::string text;
    ValueSource source = ValueSource::kDefault;
  };
  std::map<std::string, Value> values_;
};

// Checks one value against its definition: the error names the option and what it accepts.
Result<void> validate_option(const OptionDef& def, const std::string& value);

// Markdown reference of every option, for docs/options.md.
std::string options_markdown();

}  // namespace adpilot::cli
