// Failure paths of scan(): every row-level problem with its exact line and column, over-long rows
// that span blocks, and stopping early from consume or convert.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "adpilot/ingest/csv/csv_reader.h"
#include "csv_test_util.h"

namespace adpilot::csv {
namespace {

using test_util::options_with;
using test_util::Rows;
using test_util::scan_file;
using test_util::Scanned;
using test_util::TempCsv;

// Strict mode as the caller writes it: the first issue becomes the scan's error.
Result<void> strict_scan(const std::string& path, const CsvOptions& options) {
  auto reader = CsvReader::open(path, options);
  if (!reader.ok()) {
    return reader.error();
  }
  const std::string file = reader->path();
  return reader->scan<std::vector<RowIssue>>(
      [](const RowBatch& batch, int) { return batch.issues(); },
      [&file](std::vector<RowIssue>&& issues, int64_t line_base) -> Result<void> {
        if (!issues.empty()) {
          return row_issue_error(issues.front(), file, line_base);
        }
        return {};
      });
}

struct ErrorCase {
  std::string name;
  std::string text;
  size_t max_row_bytes;
  int64_t line;
  int64_t column;
  std::string message_part;
};

TEST(CsvScanErrors, StrictErrorsHaveFileLineAndColumn) {
  const std::string wide(120, 'w');
  const std::vector<ErrorCase> cases = {
      {"unterminated", "a,b\n1,2\n3,\"open\nx\ny\n", 1u << 20, 3, 2, "unterminated quoted field"},
      {"unterminated_no_newline", "a,b\n\"x\ny\",\"z", 1u << 20, 3, 2, "unterminated quoted field"},
      {"stray_quote", "a,b,c\n1,2,3\n4,5\"5,6\n", 1u << 20, 3, 2, "unexpected quote"},
      {"text_after_quote", "a,b\n\"x\ny\",\"ab\"c\n", 1u << 20, 3, 2, "after the closing quote"},
      {"long_row", "a,b\n1,2\n" + wide + "," + wide + "\n3,4\n", 150, 3, 2, "150-byte limit"},
      {"invalid_utf8", "a,b\n1,2\n3,ok\xC3(\n", 1u << 20, 3, 2, "invalid UTF-8 byte 0xC3"},
      {"overlong_utf8", "a,b\n\xC0\xAF,2\n", 1u << 20, 2, 1, "byte offset 0 of field 1"},
      {"surrogate_utf8", "a,b\n1,x\xED\xA0\x80\n", 1u << 20, 2, 2, "byte offset 1 of field 2"},
  };
  for (const auto& error_case : cases) {
    const TempCsv file(error_case.text);
    for (const size_t block : {size_t{1} << 20, size_t{16}, size_t{5}}) {
      for (const int threads : {1, 2}) {
        const auto result =
            strict_scan(file.path(), options_with(block, threads, error_case.max_row_bytes));
        ASSERT_FALSE(result.ok()) << error_case.name;
        const Error& error = result.error();
        EXPECT_EQ(error.code, ErrorCode::kParse) << error_case.name;
        EXPECT_EQ(error.context.file, file.path());
        EXPECT_EQ(error.context.line, error_case.line)
            << error_case.name << ": " << error.to_string();
        EXPECT_EQ(error.context.column, error_case.column)
            << error_case.name << ": " << error.to_string();
        EXPECT_NE(error.message.find(error_case.message_part), std::string::npos)
            << error_case.name << ": " << error.to_string();
        EXPECT_FALSE(error.hint.empty()) << error_case.name;
      }
    }
  }
}

TEST(CsvScanErrors, LenientScanGoesOnAfterEveryKindOfBadRow) {
  const std::string wide(100, 'w');
  const TempCsv file("h1,h2\nx\"y,1\n\"a\"b,2\n" + wide + "\n\xFF,3\nok,4\n\"open\nrest");
  for (const size_t block : {size_t{1} << 20, size_t{8}}) {
    for (const int threads : {1, 2}) {
      const Scanned scanned = scan_file(file.path(), options_with(block, threads, 50), 1);
      EXPECT_EQ(scanned.rows, (Rows{{"ok", "4"}}));
      EXPECT_EQ(scanned.lines, (std::vector<int64_t>{6}));
      ASSERT_EQ(scanned.issues.size(), 5u);
      EXPECT_EQ(scanned.issues[0].kind, RowIssueKind::kUnexpectedQuote);
      EXPECT_EQ(scanned.issues[1].kind, RowIssueKind::kTextAfterQuote);
      EXPECT_EQ(scanned.issues[2].kind, RowIssueKind::kRowTooLong);
      EXPECT_EQ(scanned.issues[2].raw, std::string(50, 'w'));
      EXPECT_EQ(scanned.issues[3].kind, RowIssueKind::kInvalidUtf8);
      EXPECT_EQ(scanned.issues[4].kind, RowIssueKind::kUnterminatedQuote);
      EXPECT_EQ(scanned.issues[4].raw, "\"open\nrest");
      const int64_t issue_lines[] = {2, 3, 4, 5, 7};
      for (size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(scanned.issues[i].line_offset, issue_lines[i]);
      }
      EXPECT_EQ(scanned.end_line, 9);
    }
  }
}

TEST(CsvScanErrors, OverlongRowAcrossManyBlocksIsSkippedToItsEnd) {
  // A 10 KB quoted field with newlines, read 64 bytes at a time with a 1 KB limit.
  std::string field;
  for (int i = 0; i < 1000; ++i) {
    field += i % 100 == 99 ? "\n" : "ab,\"\"cdefg";
  }
  const TempCsv file("id,text\n1,short\n2,\"" + field + "\"\n3,after\n");
  for (const int threads : {1, 2}) {
    const Scanned scanned = scan_file(file.path(), options_with(64, threads, 1024), 1);
    EXPECT_EQ(scanned.rows, (Rows{{"1", "short"}, {"3", "after"}}));
    EXPECT_EQ(scanned.lines, (std::vector<int64_t>{2, 14}));
    ASSERT_EQ(scanned.issues.size(), 1u);
    EXPECT_EQ(scanned.issues[0].kind, RowIssueKind::kRowTooLong);
    EXPECT_EQ(scanned.issues[0].line_offset, 4);  // byte 1024 of the row sits on its 2nd line
    EXPECT_EQ(scanned.issues[0].column, 2);
    EXPECT_EQ(scanned.issues[0].raw.size(), 1024u);
    EXPECT_EQ(scanned.end_line, 15);
    // The same file with a big block finds the same problem at the same place.
    const Scanned big = scan_file(file.path(), options_with(1u << 20, threads, 1024), 1);
    EXPECT_TRUE(big == scanned);
  }
}

TEST(CsvScanErrors, OpenQuoteSwallowingTheRestOfTheFileIsReportedWhereItOpened) {
  std::string rest;
  for (int i = 0; i < 500; ++i) {
    rest += std::to_string(i) + ",row\n";
  }
  const TempCsv file("a,b\n1,ok\n2,\"oops\n" + rest);
  for (const size_t block : {size_t{1} << 20, size_t{32}}) {
    const auto result = strict_scan(file.path(), options_with(block, 2, 256));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().context.line, 3);
    EXPECT_EQ(result.error().context.column, 2);
    EXPECT_NE(result.error().message.find("unterminated quoted field"), std::string::npos);
    const Scanned scanned = scan_file(file.path(), options_with(block, 1, 256));
    EXPECT_EQ(scanned.end_line, 504);
  }
}

TEST(CsvScanErrors, ConsumeErrorStopsTheScan) {
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += std::to_string(i) + ",x\n";
  }
  const TempCsv file(text);
  for (const int threads : {1, 2, 4}) {
    auto reader = CsvReader::open(file.path(), options_with(512, threads));
    ASSERT_TRUE(reader.ok());
    int consumed = 0;
    std::atomic<int> converted{0};
    auto done = reader->scan<int>([&](const RowBatch&, int) { return ++converted; },
                                  [&](int&&, int64_t) -> Result<void> {
                                    if (++consumed == 3) {
                                      return make_error(ErrorCode::kData, "stop here");
                                    }
                                    return {};
                                  });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code, ErrorCode::kData);
    EXPECT_EQ(done.error().message, "stop here");
    EXPECT_EQ(consumed, 3);
    EXPECT_LE(converted.load(), 3 + 2 * threads + 1);  // in-flight work is bounded, then dropped
  }
}

TEST(CsvScanErrors, ExceptionsFromCallbacksBecomeErrors) {
  const TempCsv file("a\nb\nc\nd\n");
  for (const int threads : {1, 2}) {
    auto reader = CsvReader::open(file.path(), options_with(2, threads));
    ASSERT_TRUE(reader.ok());
    auto done = reader->scan<int>(
        [](const RowBatch& batch, int) -> int {
          if (batch.num_rows() > 0 && batch.field(0, 0) == "c") {
            throw std::runtime_error("convert failed on c");
          }
          return 0;
        },
        [](int&&, int64_t) -> Result<void> { return {}; });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code, ErrorCode::kInternal);
    EXPECT_EQ(done.error().message, "convert failed on c");
  }
  auto reader = CsvReader::open(file.path(), options_with(2, 2));
  ASSERT_TRUE(reader.ok());
  auto done =
      reader->scan<int>([](const RowBatch&, int) { return 0; },
                        [](int&&, int64_t) -> Result<void> {
                          throw ErrorException(make_error(ErrorCode::kSchema, "from consume"));
                        });
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kSchema);
}

}  // namespace
}  // namespace adpilot::csv
