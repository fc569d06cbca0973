#include "adpilot/cli/options.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "adpilot/cli/commands.h"

namespace adpilot::cli {
namespace {

Result<std::optional<Settings>> parse(const char* command, std::vector<const char*> args) {
  for (const auto& def : command_table()) {
    if (std::string(def.name) == command) {
      args.insert(args.begin(), command);
      Io io;
      io.out = std::tmpfile();
      auto result = parse_command_line(def, static_cast<int>(args.size()), args.data(), io);
      std::fclose(io.out);
      return result;
    }
  }
  ADD_FAILURE() << "no command " << command;
  return make_error(ErrorCode::kInternal, "no such command");
}

TEST(OptionTableTest, NamesAreUniqueAndDocumented) {
  // A name may be declared again for other commands (forecast's --model, copy's --model), but
  // no command may see two definitions of one name or one alias.
  std::map<std::string, uint32_t> names;
  std::map<std::string, uint32_t> aliases;
  for (const auto& def : option_table()) {
    EXPECT_EQ(names[def.name] & def.commands, 0U) << def.name << " is declared twice for one command";
    names[def.name] |= def.commands;
    if (def.alias[0] != '\0') {
      EXPECT_EQ(aliases[def.alias] & def.commands, 0U) << def.alias;
      aliases[def.alias] |= def.commands;
      EXPECT_STRNE(def.alias, "h") << "-h is --help";
    }
    EXPECT_GT(std::string(def.help).size(), 10U) << def.name;
    if (def.kind == OptionKind::kChoice && def.default_value[0] != '\0') {
      EXPECT_TRUE(validate_option(def, def.default_value).ok()) << def.name;
    }
  }
}

TEST(OptionTableTest, DocsOptionsMarkdownIsGeneratedFromTheTable) {
  std::ifstream in(std::string(ADPILOT_SOURCE_DIR) + "/docs/options.md");
  ASSERT_TRUE(in.good()) << "docs/options.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), options_markdown())
      << "regenerate with: build/adpilot help options --markdown > docs/options.md";
}

TEST(ArgParserTest, FlagsListsAndPositionals) {
  auto parsed = parse("kpi", {"a.csv", "b.csv", "--by", "campaign, date", "-g", "week", "--lenient"});
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  ASSERT_TRUE(parsed->has_value());
  const Settings& s = **parsed;
  EXPECT_EQ(s.positional, (std::vector<std::string>{"a.csv", "b.csv"}));
  EXPECT_EQ(s.list("by"), (std::vector<std::string>{"campaign", "date"}));
  EXPECT_EQ(s.text("grain"), "week");
  EXPECT_TRUE(s.flag("lenient"));
  EXPECT_FALSE(s.flag("quiet"));
  EXPECT_EQ(s.text("missing"), "zero");  // the table's default
  EXPECT_EQ(s.source("missing"), ValueSource::kDefault);
}

TEST(ArgParserTest, RejectsBadValuesWithTheOptionName) {
  auto parsed = parse("kpi", {"a.csv", "--threads", "many"});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().context.option, "--threads");
  EXPECT_NE(parsed.error().message.find("not a whole number"), std::string::npos);
  parsed = parse("kpi", {"a.csv", "--threads", "1000"});
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("out of range"), std::string::npos);
  parsed = parse("kpi", {"a.csv", "--since", "2024-02-30"});
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("not a date"), std::string::npos);
  parsed = parse("kpi", {"a.csv", "--no-such-flag"});
  ASSERT_FALSE(parsed.ok());
  // An option of another command is unknown here.
  parsed = parse("check", {"a.csv", "--grain", "day"});
  EXPECT_FALSE(parsed.ok());
}

TEST(ArgParserTest, EnvironmentBeatsConfigAndFlagBeatsEnvironment) {
  const std::string config = testing::TempDir() + "/adpilot_args_test.yaml";
  {
    std::ofstream out(config);
    out << "grain: month\nmissing: drop\non_negative: keep\n";
  }
  ::setenv("ADPILOT_GRAIN", "week", 1);
  auto parsed = parse("kpi", {"a.csv", "--config", config.c_str()});
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  const Settings& s = **parsed;
  EXPECT_EQ(s.text("grain"), "week");
  EXPECT_EQ(s.source("grain"), ValueSource::kFlag);  // CLI11 reads the environment itself
  EXPECT_EQ(s.text("missing"), "drop");
  EXPECT_EQ(s.source("missing"), ValueSource::kConfig);
  EXPECT_EQ(s.text("on-negative"), "keep");  // underscores in config keys work too
  auto flagged = parse("kpi", {"a.csv", "--config", config.c_str(), "--grain", "day"});
  ASSERT_TRUE(flagged.ok());
  EXPECT_EQ((**flagged).text("grain"), "day");
  ::unsetenv("ADPILOT_GRAIN");
}

TEST(ArgParserTest, ConfigErrorsNameFileAndLine) {
  const std::string config = testing::TempDir() + "/adpilot_args_bad.yaml";
  {
    std::ofstream out(config);
    out << "grain: day\nmissing: sometimes\n";
  }
  auto parsed = parse("kpi", {"a.csv", "--config", config.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().context.file, config);
  EXPECT_EQ(parsed.error().context.line, 2);
  EXPECT_NE(parsed.error().message.find("not one of zero,drop,error"), std::string::npos);
}

}  // namespace
}  // namespace adpilot::cli
