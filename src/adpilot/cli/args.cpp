#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "adpilot/cli/commands.h"
#include "adpilot/cli/run_config.h"

namespace adpilot::cli {

Result<std::optional<Settings>> parse_command_line(const CommandDef& command, int argc,
                                                   const char* const* argv, Io& io) {
  CLI::App app(fmt::format("adpilot {} {}\n\n{}", command.name, command.usage, command.description),
               fmt::format("adpilot {}", command.name));
  app.get_formatter()->column_width(34);
  std::map<std::string, std::string> texts;
  std::map<std::string, bool> flags;
  std::map<std::string, CLI::Option*> handles;
  for (const auto& def : option_table()) {
    if ((def.commands & command.bit) == 0) {
      continue;
    }
    std::string names = std::string("--") + def.name;
    if (def.alias[0] != '\0') {
      names += std::string(",-") + def.alias;
    }
    CLI::Option* option = nullptr;
    if (def.kind == OptionKind::kFlag) {
      option = app.add_flag(names, flags[def.name], def.help);
    } else {
      option = app.add_option(names, texts[def.name], def.help);
      option->type_name(def.value_name);
      if (def.default_value[0] != '\0' && std::string(def.default_value) != "0") {
        option->default_str(def.default_value);
      }
    }
    option->envname(env_name(def));
    handles[def.name] = option;
  }
  std::vector<std::string> files;
  const std::string usage = command.usage;
  if (usage.find("FILE") != std::string::npos) {
    app.add_option("files", files, "Input CSV files ('-' reads stdin)")->type_name("FILE...");
  } else if (usage.rfind("PLAN", 0) == 0) {
    app.add_option("files", files, "The plan file written by `adpilot plan`")->type_name("PLAN");
  } else if (usage.rfind("RUN_ID", 0) == 0) {
    app.add_option("files", files, "The run to undo (`adpilot history` shows run ids)")->type_name("RUN_ID");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), io.out);
    return std::optional<Settings>();
  } catch (const CLI::ParseError& e) {
    return make_error(ErrorCode::kInvalidArgument, e.what(), {},
                      fmt::format("run `adpilot {} --help` for the options", command.name));
  }
  Settings settings;
  settings.command = command.bit;
  for (const auto& [name, option] : handles) {
    if (option->count() == 0) {
      continue;
    }
    const OptionDef* def = find_option(name, command.bit);
    const std::string value = def->kind == OptionKind::kFlag ? (flags[name] ? "true" : "false")
                                                             : texts[name];
    if (auto valid = validate_option(*def, value); !valid.ok()) {
      return valid.error();
    }
    settings.set(name, value, ValueSource::kFlag);
  }
  settings.positional = std::move(files);
  if (settings.has("config")) {
    // After the positional files: the config's data: list stands in only when none were given.
    if (auto applied = apply_config_file(settings.text("config"), command.bit, settings); !applied.ok()) {
      return applied.error();
    }
  }
  return std::optional<Settings>(std::move(settings));
}

int report_error(const Error& error, Io& io) {
  std::fputs(fmt::format("adpilot: error: {}\n", error.to_string()).c_str(), io.err);
  return error.code == ErrorCode::kInternal ? kExitFindings : kExitUsage;
}

}  // namespace adpilot::cli
