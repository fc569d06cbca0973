// The config file as `adpilot run` reads it: data: and the sections, paths resolved against the
// config file's folder, flags beating the file, and unknown keys named with their place and the
// nearest known key.
#include "adpilot/cli/run_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "adpilot/cli/commands.h"
#include "store/temp_dir.h"

namespace adpilot::cli {
namespace {

using adpilot::testing::TempDir;

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

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
  return path;
}

TEST(RunConfigTest, DataAndSectionsDescribeARunWithPathsFromTheConfigFolder) {
  TempDir dir;
  const std::string config =
      write(dir, "conf/adpilot.yaml",
            "data:\n  - perf/a.csv\n  - /abs/b.csv\n"
            "analyze:\n  window: 14d\n  budgets: budgets.csv\n  level: [90, 99]\n"
            "decide:\n  rules: ../rules.yaml\n"
            "act:\n  apply: true\n  target: simulate\n"
            "report:\n  report-dir: out\n  title: Weekly\n"
            "missing: drop\n");
  auto parsed = parse("run", {"--config", config.c_str()});
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  const Settings& s = **parsed;
  const std::filesystem::path folder = dir.path() / "conf";
  EXPECT_EQ(s.positional,
            (std::vector<std::string>{(folder / "perf/a.csv").string(), "/abs/b.csv"}));
  EXPECT_EQ(s.text("window"), "14d");
  EXPECT_EQ(s.text("budgets"), (folder / "budgets.csv").string());
  EXPECT_EQ(s.list("level"), (std::vector<std::string>{"90", "99"}));
  EXPECT_EQ(s.text("rules"), (dir.path() / "rules.yaml").string());
  EXPECT_TRUE(s.flag("apply"));
  EXPECT_EQ(s.text("report-dir"), (folder / "out").string());
  EXPECT_EQ(s.text("title"), "Weekly");
  EXPECT_EQ(s.text("missing"), "drop");
  EXPECT_EQ(s.source("window"), ValueSource::kConfig);
}

TEST(RunConfigTest, FlagsAndFilesOnTheCommandLineBeatTheConfig) {
  TempDir dir;
  const std::string config = write(dir, "adpilot.yaml", "data: a.csv\nanalyze:\n  window: 14d\n");
  auto parsed = parse("run", {"given.csv", "--config", config.c_str(), "--window", "3d"});
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ((**parsed).positional, (std::vector<std::string>{"given.csv"}));
  EXPECT_EQ((**parsed).text("window"), "3d");
  // Another command's keys are ignored where they do not apply: kpi has no --window or --apply.
  auto kpi = parse("kpi", {"--config", config.c_str()});
  ASSERT_TRUE(kpi.ok()) << kpi.error().to_string();
  EXPECT_EQ((**kpi).positional, (std::vector<std::string>{dir.file("a.csv")}));
}

TEST(RunConfigTest, UnknownKeysNameTheirPlaceAndTheNearestKey) {
  TempDir dir;
  const std::string config =
      write(dir, "bad.yaml", "data: a.csv\nanalyze:\n  window: 7d\n  horizn: 7\n");
  auto parsed = parse("run", {"--config", config.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().context.file, config);
  EXPECT_EQ(parsed.error().context.line, 4);
  EXPECT_EQ(parsed.error().context.column, 3);
  EXPECT_NE(parsed.error().message.find("unknown setting 'horizn' in analyze:"), std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("did you mean 'horizon'?"), std::string::npos)
      << parsed.error().message;

  const std::string top = write(dir, "top.yaml", "dta: a.csv\n");
  parsed = parse("run", {"--config", top.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().context.line, 1);
  EXPECT_NE(parsed.error().message.find("did you mean 'data'?"), std::string::npos)
      << parsed.error().message;

  const std::string far = write(dir, "far.yaml", "colour: blue\n");
  parsed = parse("run", {"--config", far.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "unknown setting 'colour'");
}

TEST(RunConfigTest, MalformedSectionsAndDataAreErrors) {
  TempDir dir;
  const std::string section = write(dir, "section.yaml", "analyze: 7d\n");
  auto parsed = parse("run", {"--config", section.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("'analyze' is a section"), std::string::npos);
  const std::string data = write(dir, "data.yaml", "data:\n  file: a.csv\n");
  parsed = parse("run", {"--config", data.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().context.line, 1);
  const std::string value = write(dir, "value.yaml", "analyze:\n  horizon: soon\n");
  parsed = parse("run", {"--config", value.c_str()});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().context.line, 2);
  EXPECT_EQ(parsed.error().context.option, "--horizon");
}

TEST(RunConfigTest, NearestKeySuggestsOnlyCloseNames) {
  const std::vector<std::string> known = {"window", "horizon", "budgets", "report-dir"};
  EXPECT_EQ(nearest_key("windows", known), "window");
  EXPECT_EQ(nearest_key("report_dir", known), "report-dir");
  EXPECT_EQ(nearest_key("colour", known), "");
}

}  // namespace
}  // namespace adpilot::cli
