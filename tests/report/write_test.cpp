// write_report: every file of a report lands in its folder at once (temporary sibling, then
// rename), an earlier report is replaced whole, and a failure leaves what was there before and
// no temporary folder behind.
#include "adpilot/report/write.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "adpilot/report/json.h"
#include "report/sample_report.h"
#include "store/temp_dir.h"

namespace adpilot::report {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// The names in a folder, sorted (hidden ones included: temporary folders start with a dot).
std::vector<std::string> listing(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteReport, WritesEveryFile) {
  TempDir dir;
  const Report report = testing::sample_report();
  const std::string folder = dir.file("out");
  const auto written = write_report(report, folder);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_EQ(written->folder, folder);
  const std::vector<std::string> expected = {"report.html",
                                             "report.md",
                                             "report.json",
                                             "charts/account_cost.png",
                                             "charts/account_cost.svg",
                                             "charts/account_conversions.png",
                                             "charts/account_conversions.svg",
                                             "charts/account_cpa.png",
                                             "charts/account_cpa.svg",
                                             "charts/account_roas.png",
                                             "charts/account_roas.svg",
                                             "charts/cmp_104_cpa.png",
                                             "charts/cmp_104_cpa.svg"};
  EXPECT_EQ(written->files, expected);
  for (const auto& file : expected) {
    const fs::path path = fs::path(folder) / file;
    ASSERT_TRUE(fs::is_regular_file(path)) << file;
    EXPECT_GT(fs::file_size(path), 100u) << file;
  }
  EXPECT_EQ(read_text(fs::path(folder) / "report.json"), render_json(report));
  EXPECT_EQ(read_text(fs::path(folder) / "charts/account_cost.png").substr(1, 3), "PNG");
  EXPECT_NE(read_text(fs::path(folder) / "report.md").find("](charts/cmp_104_cpa.png)"),
            std::string::npos);
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"out"}) << "no temporary folder left";
  // Readable by others, as a folder made with mkdir would be (mkdtemp alone gives 0700).
  const auto perms = fs::status(folder).permissions();
  EXPECT_NE(perms & fs::perms::others_read, fs::perms::none);
}

TEST(WriteReport, HonoursTheOutputFlags) {
  TempDir dir;
  OutputOptions options;
  options.html = false;
  options.markdown = true;
  options.png = false;
  options.chart.width = 640;
  options.chart.height = 300;
  const auto written = write_report(testing::sample_report(), dir.file("svg-only/"), options);
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_EQ(written->files.size(), 2u + 5u);
  EXPECT_EQ(written->files[0], "report.md");
  EXPECT_EQ(written->files[1], "report.json");
  EXPECT_FALSE(fs::exists(dir.path() / "svg-only/report.html"));
  EXPECT_FALSE(fs::exists(dir.path() / "svg-only/charts/account_cost.png"));
  const std::string svg = read_text(dir.path() / "svg-only/charts/account_cost.svg");
  EXPECT_NE(svg.find("width=\"640pt\""), std::string::npos);
  // The Markdown links the charts that exist.
  EXPECT_NE(read_text(dir.path() / "svg-only/report.md").find("](charts/account_cost.svg)"),
            std::string::npos);

  OutputOptions json_only;
  json_only.html = json_only.markdown = json_only.png = json_only.svg = false;
  const auto one = write_report(testing::sample_report(), dir.file("json-only"), json_only);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->files, std::vector<std::string>{"report.json"});
  EXPECT_EQ(listing(dir.path() / "json-only"), std::vector<std::string>{"report.json"});
}

TEST(WriteReport, ReplacesAnEarlierReportWhole) {
  TempDir dir;
  const fs::path folder = dir.path() / "weekly";
  fs::create_directories(folder / "charts");
  write_text(folder / "report.md", "# old report\n");
  write_text(folder / "charts/cmp_999_cpa.png", "old chart");
  const auto written = write_report(testing::sample_report(), folder.string());
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_NE(read_text(folder / "report.md"), "# old report\n");
  EXPECT_FALSE(fs::exists(folder / "charts/cmp_999_cpa.png"))
      << "stale files go with the old report";
  EXPECT_TRUE(fs::exists(folder / "charts/account_roas.svg"));
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"weekly"});
}

TEST(WriteReport, FailureMidWayKeepsThePreviousReport) {
  TempDir dir;
  const fs::path folder = dir.path() / "weekly";
  fs::create_directories(folder);
  write_text(folder / "report.md", "# previous\n");
  OutputOptions options;
  options.chart.width = 5;  // the first chart fails, after report.html/md/json were written
  const auto written = write_report(testing::sample_report(), folder.string(), options);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(read_text(folder / "report.md"), "# previous\n");
  EXPECT_EQ(listing(folder), std::vector<std::string>{"report.md"});
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"weekly"}) << "no temporary folder left";
}

TEST(WriteReport, AFileWhereTheFolderShouldBeIsAnError) {
  TempDir dir;
  const fs::path file = dir.path() / "report";
  write_text(file, "not a folder");
  const auto written = write_report(testing::sample_report(), file.string());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kIo);
  EXPECT_EQ(written.error().context.file, file.string());
  EXPECT_NE(written.error().message.find("is not a folder"), std::string::npos);
  EXPECT_EQ(read_text(file), "not a folder");
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"report"});
}

TEST(WriteReport, AFileWhereTheParentShouldBeIsAnError) {
  TempDir dir;
  const fs::path file = dir.path() / "reports";
  write_text(file, "a file");
  const std::string folder = (file / "weekly").string();
  const auto written = write_report(testing::sample_report(), folder);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kIo);
  EXPECT_NE(written.error().to_string().find(file.string()), std::string::npos)
      << written.error().to_string();
  EXPECT_EQ(read_text(file), "a file");
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"reports"});
}

TEST(WriteReport, RefusesToReplaceAFolderThatIsNotAReport) {
  TempDir dir;
  const fs::path folder = dir.path() / "documents";
  fs::create_directories(folder);
  write_text(folder / "thesis.tex", "precious");
  const auto written = write_report(testing::sample_report(), folder.string());
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message.find("thesis.tex"), std::string::npos);
  EXPECT_FALSE(written.error().hint.empty());
  EXPECT_EQ(read_text(folder / "thesis.tex"), "precious");
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"documents"});
}

TEST(WriteReport, CreatesMissingParentsAndRejectsAnEmptyPath) {
  TempDir dir;
  const auto written =
      write_report(testing::sample_report(), (dir.path() / "a/b/c").string(), OutputOptions{});
  ASSERT_TRUE(written.ok()) << written.error().to_string();
  EXPECT_TRUE(fs::exists(dir.path() / "a/b/c/report.html"));
  const auto empty = write_report(testing::sample_report(), "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace adpilot::report
