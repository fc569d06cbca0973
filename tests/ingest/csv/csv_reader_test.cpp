#include "adpilot/ingest/csv/csv_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "csv_test_util.h"

namespace adpilot::csv {
namespace {

using test_util::Rows;
using test_util::scan_file;
using test_util::TempCsv;

void expect_error(const Error& error, ErrorCode code, const std::string& file, int64_t line,
                  int64_t column, const std::string& message_part) {
  EXPECT_EQ(error.code, code) << error.to_string();
  EXPECT_EQ(error.context.file, file);
  EXPECT_EQ(error.context.line, line) << error.to_string();
  EXPECT_EQ(error.context.column, column) << error.to_string();
  EXPECT_NE(error.message.find(message_part), std::string::npos) << error.to_string();
}

TEST(CsvReader, MissingFileIsAnIoError) {
  const auto reader = CsvReader::open("/nonexistent/dir/x.csv", {});
  ASSERT_FALSE(reader.ok());
  expect_error(reader.error(), ErrorCode::kIo, "/nonexistent/dir/x.csv", 0, 0, "cannot open");
  EXPECT_FALSE(reader.error().hint.empty());
}

TEST(CsvReader, DirectoryIsAnIoError) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  const auto reader = CsvReader::open(dir, {});
  ASSERT_FALSE(reader.ok());
  expect_error(reader.error(), ErrorCode::kIo, dir, 0, 0, "directory");
}

TEST(CsvReader, EmptyFile) {
  const TempCsv file("");
  const auto reader = CsvReader::open(file.path(), {});
  ASSERT_FALSE(reader.ok());
  expect_error(reader.error(), ErrorCode::kParse, file.path(), 0, 0, "file is empty");
}

TEST(CsvReader, BomOnlyAndBlankOnlyFilesAreEmpty) {
  const TempCsv bom_only("\xEF\xBB\xBF");
  const auto bom_reader = CsvReader::open(bom_only.path(), {});
  ASSERT_FALSE(bom_reader.ok());
  EXPECT_NE(bom_reader.error().message.find("file is empty"), std::string::npos);
  const TempCsv blank("\n\r\n\n");
  const auto blank_reader = CsvReader::open(blank.path(), {});
  ASSERT_FALSE(blank_reader.ok());
  EXPECT_NE(blank_reader.error().message.find("file is empty"), std::string::npos);
}

TEST(CsvReader, Utf16IsRejectedWithAHint) {
  const TempCsv file(
      std::string("\xFF\xFE"
                  "a\0,\0b\0\n\0",
                  10));
  const auto reader = CsvReader::open(file.path(), {});
  ASSERT_FALSE(reader.ok());
  expect_error(reader.error(), ErrorCode::kParse, file.path(), 1, 0, "UTF-16");
  EXPECT_NE(reader.error().hint.find("iconv"), std::string::npos);
}

TEST(CsvReader, ScansOnce) {
  const TempCsv file("a\nb\n");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  test_util::Scanned first;
  ASSERT_TRUE(test_util::scan_into(*reader, first).ok());
  EXPECT_EQ(first.rows.size(), 2u);
  test_util::Scanned second;
  ASSERT_TRUE(test_util::scan_into(*reader, second).ok());
  EXPECT_TRUE(second.rows.empty());
  EXPECT_EQ(second.batches, 0);
}

TEST(CsvReader, RejectsBadOptions) {
  const TempCsv file("a\n");
  CsvOptions options;
  options.block_bytes = 0;
  auto reader = CsvReader::open(file.path(), options);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(reader.error().context.option, "block_bytes");
  options = {};
  options.delimiter = {'"', true};
  reader = CsvReader::open(file.path(), options);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().context.option, "delimiter");
  options = {};
  options.block_bytes = size_t{1} << 30;
  options.max_row_bytes = size_t{1} << 30;
  reader = CsvReader::open(file.path(), options);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error().message.find("block_bytes + max_row_bytes"), std::string::npos);
  options = {};
  options.threads = -1;
  reader = CsvReader::open(file.path(), options);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().context.option, "threads");
}

TEST(CsvReader, StripsTheBom) {
  const TempCsv file("\xEF\xBB\xBFid;name\n1;x\n");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE(reader->dialect().had_bom);
  EXPECT_EQ(reader->dialect().delimiter, ';');
  auto rows = reader->peek_rows(1);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"id", "name"}}));
}

TEST(CsvReader, ResolvesThreads) {
  const TempCsv file("a\n");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  EXPECT_GE(reader->threads(), 1);
  CsvOptions options;
  options.threads = 3;
  reader = CsvReader::open(file.path(), options);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->threads(), 3);
}

constexpr char kGoogleAdsExport[] =
    "Campaign performance report\n"
    "\"January 1, 2024 - January 31, 2024\"\n"
    "\n"
    "Campaign,Clicks,Cost\n"
    "\n"
    "Brand,10,1.50\n"
    "\"Generic, EU\",20,2.25\n";

TEST(CsvReader, PeekDoesNotConsume) {
  const TempCsv file(kGoogleAdsExport);
  auto reader = CsvReader::open(file.path(), test_util::options_with(16, 1));
  ASSERT_TRUE(reader.ok());
  auto first = reader->peek_rows(3);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, (Rows{{"Campaign performance report"},
                          {"January 1, 2024 - January 31, 2024"},
                          {"Campaign", "Clicks", "Cost"}}));
  auto again = reader->peek_rows(10);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), 5u);  // all the file has
  EXPECT_EQ(reader->current_line(), 1);
}

TEST(CsvReader, SkipTitleAndHeaderThenScan) {
  const TempCsv file(kGoogleAdsExport);
  for (const size_t block : {size_t{8}, size_t{16}, size_t{1} << 20}) {
    auto reader = CsvReader::open(file.path(), test_util::options_with(block, 2));
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE(reader->skip_rows(3).ok());
    EXPECT_EQ(reader->current_line(), 6);  // the blank line after the header is skipped too
    auto rest = reader->peek_rows(5);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(*rest, (Rows{{"Brand", "10", "1.50"}, {"Generic, EU", "20", "2.25"}}));
    test_util::Scanned scanned;
    ASSERT_TRUE(test_util::scan_into(*reader, scanned).ok());
    EXPECT_EQ(scanned.rows, (Rows{{"Brand", "10", "1.50"}, {"Generic, EU", "20", "2.25"}}));
    EXPECT_EQ(scanned.lines, (std::vector<int64_t>{6, 7}));
    EXPECT_EQ(scanned.end_line, 8);
    EXPECT_EQ(reader->bytes_read(), static_cast<int64_t>(sizeof(kGoogleAdsExport) - 1));
  }
}

TEST(CsvReader, SkipRowsCountsLinesOfMultilineRows) {
  const TempCsv file("\"a\nb\",c\nd,e\nf,g");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(reader->skip_rows(2).ok());
  EXPECT_EQ(reader->current_line(), 4);
  ASSERT_TRUE(reader->skip_rows(1).ok());
  EXPECT_EQ(reader->current_line(), 5);
  const auto error = reader->skip_rows(1);
  ASSERT_FALSE(error.ok());
  expect_error(error.error(), ErrorCode::kParse, file.path(), 5, 0, "only 0 are left");
}

TEST(CsvReader, SkipTakesBlankLinesBeyondTheFirstReadAhead) {
  // The header fills the first 64 KiB read-ahead exactly; the blank lines come after it.
  const std::string header = "h," + std::string((64u << 10) - 3, 'x') + "\n";
  const TempCsv file(header + "\n\r\n1,2\n");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE(reader->skip_rows(1).ok());
  EXPECT_EQ(reader->current_line(), 4);
  auto rows = reader->peek_rows(1);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"1", "2"}}));
}

TEST(CsvReader, SkipMoreRowsThanTheFileHas) {
  const TempCsv file("a\nb\n");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  const auto skipped = reader->skip_rows(3);
  ASSERT_FALSE(skipped.ok());
  expect_error(skipped.error(), ErrorCode::kParse, file.path(), 1, 0, "cannot skip 3 rows");
}

TEST(CsvReader, PeekShowsAMalformedRowAsItsRawText) {
  const TempCsv file("Report for \"Q1\"\nid,name\n1,\"x\"y\n2,z\n");
  auto reader = CsvReader::open(file.path(), {});
  ASSERT_TRUE(reader.ok());
  auto rows = reader->peek_rows(4);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"Report for \"Q1\""}, {"id", "name"}, {"1,\"x\"y"}, {"2", "z"}}));
  ASSERT_TRUE(reader->skip_rows(2).ok());  // the malformed title line is skipped silently
  test_util::Scanned scanned;
  ASSERT_TRUE(test_util::scan_into(*reader, scanned).ok());
  EXPECT_EQ(scanned.rows, (Rows{{"2", "z"}}));
  ASSERT_EQ(scanned.issues.size(), 1u);
  EXPECT_EQ(scanned.issues[0].kind, RowIssueKind::kTextAfterQuote);
  EXPECT_EQ(scanned.issues[0].line_offset, 3);
  EXPECT_EQ(scanned.issues[0].column, 2);
}

TEST(CsvReader, PeekStopsBeforeAnOverlongRowAndSkipReportsIt) {
  const std::string longer(100, 'x');
  const TempCsv file("h1,h2\n" + longer + ",y\nz\n");
  auto reader = CsvReader::open(file.path(), test_util::options_with(16, 1, 50));
  ASSERT_TRUE(reader.ok());
  auto rows = reader->peek_rows(3);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"h1", "h2"}}));
  const auto skipped = reader->skip_rows(2);
  ASSERT_FALSE(skipped.ok());
  expect_error(skipped.error(), ErrorCode::kParse, file.path(), 2, 1, "50-byte limit");
}

// The example in csv_reader.h, kept compiling.
Result<size_t> count_rows_strictly(const std::string& path) {
  auto reader = CsvReader::open(path, {.threads = 2});
  if (!reader.ok()) {
    return reader.error();
  }
  if (auto skipped = reader->skip_rows(1); !skipped.ok()) {
    return skipped.error();
  }
  size_t rows = 0;
  auto done = reader->scan<const RowBatch*>(
      [](const RowBatch& batch, int) { return &batch; },
      [&](const RowBatch*&& batch, int64_t line_base) -> Result<void> {
        if (!batch->issues().empty()) {
          return row_issue_error(batch->issues().front(), reader->path(), line_base);
        }
        rows += batch->num_rows();
        return {};
      });
  if (!done.ok()) {
    return done.error();
  }
  return rows;
}

TEST(CsvReader, HeaderExample) {
  const TempCsv good("h\n1\n2\n");
  const auto counted = count_rows_strictly(good.path());
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted.value(), 2u);
  const TempCsv bad("h\n1\n\"2\n");
  const auto failed = count_rows_strictly(bad.path());
  ASSERT_FALSE(failed.ok());
  expect_error(failed.error(), ErrorCode::kParse, bad.path(), 3, 1, "unterminated");
}

TEST(CsvReader, ReadsStdin) {
  const TempCsv file("a;b\n1;2\n3;4\n");
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(file.path().c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  ::close(fd);
  test_util::Scanned scanned;
  {
    auto reader = CsvReader::open("-", test_util::options_with(4, 2));
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(reader->path(), "-");
    EXPECT_EQ(reader->dialect().delimiter, ';');
    ASSERT_TRUE(reader->skip_rows(1).ok());
    ASSERT_TRUE(test_util::scan_into(*reader, scanned).ok());
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  EXPECT_EQ(scanned.rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(scanned.lines, (std::vector<int64_t>{2, 3}));
}

}  // namespace
}  // namespace adpilot::csv
