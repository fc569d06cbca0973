#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adpilot/ingest/csv/tokenizer.h"

namespace adpilot::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

RowBatch tokenize(std::string_view text, TokenizeParams params = {}) {
  RowBatch batch;
  load_batch(batch, text);
  tokenize_batch(batch, params);
  return batch;
}

Rows rows_of(const RowBatch& batch) {
  Rows rows;
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    auto& fields = rows.emplace_back();
    for (size_t col = 0; col < batch.num_fields(row); ++col) {
      fields.emplace_back(batch.field(row, col));
    }
  }
  return rows;
}

std::vector<int64_t> lines_of(const RowBatch& batch) {
  std::vector<int64_t> lines;
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    lines.push_back(batch.line_offset(row));
  }
  return lines;
}

TEST(CsvTokenizer, PlainRows) {
  const RowBatch batch = tokenize("a,b,c\n1,22,333\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"a", "b", "c"}, {"1", "22", "333"}}));
  EXPECT_EQ(batch.num_lines(), 2);
  EXPECT_EQ(batch.raw_row(1), "1,22,333");
  EXPECT_TRUE(batch.issues().empty());
}

TEST(CsvTokenizer, EmptyFieldsAndTrailingDelimiter) {
  const RowBatch batch = tokenize(",a,,\n,\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"", "a", "", ""}, {"", ""}}));
}

TEST(CsvTokenizer, LongFieldsCrossTheSimdWidth) {
  const std::string longer(100, 'x');
  const RowBatch batch = tokenize(longer + "," + longer + "y\nz\n");
  EXPECT_EQ(rows_of(batch), (Rows{{longer, longer + "y"}, {"z"}}));
}

TEST(CsvTokenizer, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  const RowBatch batch = tokenize("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\n\"\",\"\"\"\"\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"a,b", "say \"hi\"", "x\ny"}, {"", "\""}}));
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(batch.num_lines(), 3);
  EXPECT_EQ(batch.raw_row(0), "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"");
}

TEST(CsvTokenizer, CrlfAndLoneCrInsideQuotes) {
  const RowBatch batch = tokenize("a,\"b\r\nc\"\r\n\"x\ry\",z\r\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"a", "b\r\nc"}, {"x\ry", "z"}}));
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(batch.raw_row(1), "\"x\ry\",z");
}

TEST(CsvTokenizer, BlankLinesAreSkippedButCounted) {
  const RowBatch batch = tokenize("\na\n\r\n\nb\n\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{1, 4}));
  EXPECT_EQ(batch.num_lines(), 6);
}

TEST(CsvTokenizer, LastRowWithoutNewline) {
  const RowBatch batch = tokenize("a,b\nc,\"d\"");
  EXPECT_EQ(rows_of(batch), (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(batch.num_lines(), 2);
  EXPECT_EQ(batch.raw_row(1), "c,\"d\"");
}

TEST(CsvTokenizer, OtherDelimiter) {
  const RowBatch batch = tokenize("a;\"b;c\";d,e\n\"x\",y\n", {';', '"', 1000});
  EXPECT_EQ(rows_of(batch), (Rows{{"a", "b;c", "d,e"}}));
  ASSERT_EQ(batch.issues().size(), 1u);  // ',' is plain text here, not a field end
  EXPECT_EQ(batch.issues()[0].kind, RowIssueKind::kTextAfterQuote);
}

TEST(CsvTokenizer, UnexpectedQuoteRejectsOnlyItsRow) {
  const RowBatch batch = tokenize("a,b\nx,ab\"c,d\ne,f\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"a", "b"}, {"e", "f"}}));
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{0, 2}));
  ASSERT_EQ(batch.issues().size(), 1u);
  const RowIssue& issue = batch.issues()[0];
  EXPECT_EQ(issue.kind, RowIssueKind::kUnexpectedQuote);
  EXPECT_EQ(issue.line_offset, 1);
  EXPECT_EQ(issue.column, 2);
  EXPECT_EQ(issue.raw, "x,ab\"c,d");
  EXPECT_NE(issue.message.find("unexpected quote"), std::string::npos);
  EXPECT_FALSE(issue.hint.empty());
}

TEST(CsvTokenizer, TextAfterClosingQuote) {
  const RowBatch batch = tokenize("1,\"ab\"c,2\n\"x\"\ry\n3\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"3"}}));
  ASSERT_EQ(batch.issues().size(), 2u);
  EXPECT_EQ(batch.issues()[0].kind, RowIssueKind::kTextAfterQuote);
  EXPECT_EQ(batch.issues()[0].column, 2);
  EXPECT_EQ(batch.issues()[0].line_offset, 0);
  EXPECT_EQ(batch.issues()[1].kind, RowIssueKind::kTextAfterQuote);
  EXPECT_EQ(batch.issues()[1].column, 1);
  EXPECT_EQ(batch.issues()[1].line_offset, 1);
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{2}));
}

TEST(CsvTokenizer, ProblemAfterAnEmbeddedNewlineReportsItsOwnLine) {
  // The row starts on line 0; the stray quote sits on line 2 of it.
  const RowBatch batch = tokenize("\"a\nb\nc\",d\"e\nok\n");
  ASSERT_EQ(batch.issues().size(), 1u);
  EXPECT_EQ(batch.issues()[0].line_offset, 2);
  EXPECT_EQ(batch.issues()[0].column, 2);
  EXPECT_EQ(rows_of(batch), (Rows{{"ok"}}));
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{3}));
}

TEST(CsvTokenizer, UnterminatedQuoteAtEndReportsTheOpeningLine) {
  const RowBatch batch = tokenize("a,b\nc,\"d\ne\nf\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"a", "b"}}));
  ASSERT_EQ(batch.issues().size(), 1u);
  const RowIssue& issue = batch.issues()[0];
  EXPECT_EQ(issue.kind, RowIssueKind::kUnterminatedQuote);
  EXPECT_EQ(issue.line_offset, 1);
  EXPECT_EQ(issue.column, 2);
  EXPECT_EQ(issue.raw, "c,\"d\ne\nf");
  EXPECT_NE(issue.message.find("unterminated quoted field"), std::string::npos);
  EXPECT_EQ(batch.num_lines(), 4);
}

TEST(CsvTokenizer, UnterminatedQuoteOnALaterLineOfTheRow) {
  const RowBatch batch = tokenize("\"x\ny\",\"open\nmore");
  ASSERT_EQ(batch.issues().size(), 1u);
  EXPECT_EQ(batch.issues()[0].line_offset, 1);
  EXPECT_EQ(batch.issues()[0].column, 2);
}

TEST(CsvTokenizer, RowLongerThanTheLimit) {
  const RowBatch batch = tokenize("ab,cd\nabcdef,ghijkl,m\nx\n", {',', '"', 8});
  EXPECT_EQ(rows_of(batch), (Rows{{"ab", "cd"}, {"x"}}));
  ASSERT_EQ(batch.issues().size(), 1u);
  const RowIssue& issue = batch.issues()[0];
  EXPECT_EQ(issue.kind, RowIssueKind::kRowTooLong);
  EXPECT_EQ(issue.line_offset, 1);
  EXPECT_EQ(issue.column, 2);  // byte 8 lies in "ghijkl"
  EXPECT_EQ(issue.raw, "abcdef,g");
  EXPECT_NE(issue.message.find("8-byte limit"), std::string::npos);
  EXPECT_NE(issue.hint.find("raise"), std::string::npos);
}

TEST(CsvTokenizer, RowOfExactlyTheLimitIsKept) {
  const RowBatch batch = tokenize("abcd,efg\r\n", {',', '"', 8});
  EXPECT_TRUE(batch.issues().empty());
  EXPECT_EQ(rows_of(batch), (Rows{{"abcd", "efg"}}));
}

TEST(CsvTokenizer, InvalidUtf8GivesFieldAndByteOffset) {
  const RowBatch batch = tokenize(
      "caf\xC3\xA9,ok\nx,ab\xFF"
      "c\n\"q\xE2\x82\",y\nz,\xF0\x9F\x98\x80\n");
  EXPECT_EQ(rows_of(batch), (Rows{{"caf\xC3\xA9", "ok"}, {"z", "\xF0\x9F\x98\x80"}}));
  EXPECT_EQ(lines_of(batch), (std::vector<int64_t>{0, 3}));
  ASSERT_EQ(batch.issues().size(), 2u);
  EXPECT_EQ(batch.issues()[0].kind, RowIssueKind::kInvalidUtf8);
  EXPECT_EQ(batch.issues()[0].line_offset, 1);
  EXPECT_EQ(batch.issues()[0].column, 2);
  EXPECT_EQ(batch.issues()[0].message, "invalid UTF-8 byte 0xFF at byte offset 2 of field 2");
  EXPECT_EQ(batch.issues()[1].line_offset, 2);
  EXPECT_EQ(batch.issues()[1].column, 1);
  EXPECT_EQ(batch.issues()[1].message, "invalid UTF-8 byte 0xE2 at byte offset 1 of field 1");
}

TEST(CsvTokenizer, InvalidUtf8InARowWithAnEarlierMultilineField) {
  const RowBatch batch = tokenize("\"a\nb\",\"c\nd\xC0\x80\"\n");
  ASSERT_EQ(batch.issues().size(), 1u);
  EXPECT_EQ(batch.issues()[0].line_offset, 2);
  EXPECT_EQ(batch.issues()[0].column, 2);
  EXPECT_NE(batch.issues()[0].message.find("0xC0 at byte offset 3 of field 2"), std::string::npos);
}

TEST(CsvTokenizer, IssuesAreSortedByLine) {
  const RowBatch batch = tokenize("\xFF\na\"b\n");
  ASSERT_EQ(batch.issues().size(), 2u);
  EXPECT_EQ(batch.issues()[0].kind, RowIssueKind::kInvalidUtf8);
  EXPECT_EQ(batch.issues()[1].kind, RowIssueKind::kUnexpectedQuote);
}

TEST(CsvTokenizer, BatchIsReusable) {
  RowBatch batch;
  load_batch(batch, "\"a\"\"b\",c\nd\"\n");
  tokenize_batch(batch, {});
  EXPECT_EQ(batch.issues().size(), 1u);
  load_batch(batch, "x,y\n");
  tokenize_batch(batch, {});
  EXPECT_EQ(rows_of(batch), (Rows{{"x", "y"}}));
  EXPECT_TRUE(batch.issues().empty());
  EXPECT_EQ(batch.num_lines(), 1);
}

TEST(CsvTokenizer, MovedBatchKeepsItsViews) {
  RowBatch batch;
  load_batch(batch, "\"a\"\"b\",c\n");
  tokenize_batch(batch, {});
  std::vector<RowBatch> moved;
  moved.push_back(std::move(batch));
  moved.emplace_back();  // forces the vector to move its elements again
  EXPECT_EQ(moved[0].field(0, 0), "a\"b");
  EXPECT_EQ(moved[0].field(0, 1), "c");
}

TEST(CsvTokenizer, IssueConvertsToAPreciseError) {
  const RowBatch batch = tokenize("a\nb\"\n");
  ASSERT_EQ(batch.issues().size(), 1u);
  const Error error = row_issue_error(batch.issues()[0], "f.csv", 10);
  EXPECT_EQ(error.code, ErrorCode::kParse);
  EXPECT_EQ(error.context.file, "f.csv");
  EXPECT_EQ(error.context.line, 11);
  EXPECT_EQ(error.context.column, 1);
  EXPECT_NE(error.to_string().find("f.csv:11:1: unexpected quote"), std::string::npos);
}

}  // namespace
}  // namespace adpilot::csv
