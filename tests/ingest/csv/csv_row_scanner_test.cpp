#include <gtest/gtest.h>

#include <random>
#include <string>

#include "adpilot/ingest/csv/row_scanner.h"
#include "adpilot/ingest/csv/special_scan.h"

namespace adpilot::csv {
namespace {

size_t feed_all(RowScanner& scanner, std::string_view text) {
  return scanner.feed(text.data(), text.size());
}

TEST(CsvRowScanner, FindsTheRowEndOutsideQuotes) {
  RowScanner scanner(',', '"');
  EXPECT_EQ(feed_all(scanner, "a,\"b\nc\",d\nnext"), 10u);
  EXPECT_EQ(scanner.fields(), 3);
  EXPECT_EQ(scanner.newlines(), 2);
  EXPECT_FALSE(scanner.malformed());
}

TEST(CsvRowScanner, ResumesAcrossBuffers) {
  RowScanner scanner(',', '"');
  EXPECT_EQ(feed_all(scanner, "a,\"b"), RowScanner::kNotFound);
  EXPECT_TRUE(scanner.in_quotes());
  EXPECT_EQ(feed_all(scanner, "\"\""), RowScanner::kNotFound);  // "" is a literal quote
  EXPECT_TRUE(scanner.in_quotes());
  EXPECT_EQ(feed_all(scanner, "\n\","), RowScanner::kNotFound);
  EXPECT_FALSE(scanner.in_quotes());
  EXPECT_EQ(feed_all(scanner, "x\r\ny"), 3u);
  EXPECT_EQ(scanner.fields(), 3);
  EXPECT_EQ(scanner.newlines(), 2);
}

TEST(CsvRowScanner, MarksMalformedRowsButKeepsTheirEnd) {
  RowScanner scanner(',', '"');
  EXPECT_EQ(feed_all(scanner, "ab\"c,\"d\"e\n"), 10u);
  EXPECT_TRUE(scanner.malformed());
  EXPECT_EQ(scanner.fields(), 2);
  scanner.reset();
  EXPECT_EQ(feed_all(scanner, "\"a\"\rb\n"), 6u);
  EXPECT_TRUE(scanner.malformed());
  scanner.reset();
  EXPECT_EQ(feed_all(scanner, "\"a\"\r\n"), 5u);
  EXPECT_FALSE(scanner.malformed());
}

TEST(CsvRowScanner, QuoteAfterAStrayQuoteDoesNotOpenAField) {
  RowScanner scanner(',', '"');
  EXPECT_EQ(feed_all(scanner, "a\"b\"c\nz"), 6u);
}

TEST(CsvRowScanner, ReportsWhereTheOpenQuoteBegan) {
  RowScanner scanner(';', '"');
  EXPECT_EQ(feed_all(scanner, "\"x\ny\";1;\"open\n\n"), RowScanner::kNotFound);
  EXPECT_EQ(scanner.quote_line(), 1);
  EXPECT_EQ(scanner.quote_field(), 3);
  EXPECT_EQ(scanner.field_begin(), 9);
}

TEST(CsvRowScanner, LastRowEnd) {
  EXPECT_EQ(last_row_end("a\nb\nc", 5, ',', '"'), 4u);
  EXPECT_EQ(last_row_end("abc", 3, ',', '"'), 0u);
  EXPECT_EQ(last_row_end("a\n\"b\nc", 6, ',', '"'), 2u);
  EXPECT_EQ(last_row_end("a\n\"b\nc\"\nd", 9, ',', '"'), 8u);
  EXPECT_EQ(last_row_end("x\"y\nz", 5, ',', '"'), 4u);  // stray quote: not an opening one
  EXPECT_EQ(last_row_end("\"a\"\"\n\"\n", 7, ',', '"'), 7u);
  EXPECT_EQ(last_row_end("\"a\"", 3, ',', '"'), 0u);
}

// Rows found one by one with the scanner, as the tokenizer's recovery does.
size_t last_end_by_scanner(const std::string& text) {
  RowScanner scanner(',', '"');
  size_t pos = 0;
  size_t last = 0;
  while (pos < text.size()) {
    scanner.reset();
    const size_t used = scanner.feed(text.data() + pos, text.size() - pos);
    if (used == RowScanner::kNotFound) {
      break;
    }
    pos += used;
    last = pos;
  }
  return last;
}

TEST(CsvRowScanner, SplitterAgreesWithTheStateMachineOnRandomInput) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab,\"\"\n\r ";
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t length = rng() % 40;
    for (size_t i = 0; i < length; ++i) {
      text += alphabet[rng() % alphabet.size()];
    }
    ASSERT_EQ(last_row_end(text.data(), text.size(), ',', '"'), last_end_by_scanner(text))
        << "input: " << ::testing::PrintToString(text);
  }
}

TEST(CsvRowScanner, BlankLinesAndNewlineCount) {
  EXPECT_TRUE(is_blank_line("", 0));
  EXPECT_TRUE(is_blank_line("\r", 1));
  EXPECT_FALSE(is_blank_line(" ", 1));
  EXPECT_FALSE(is_blank_line("\r\r", 2));
  EXPECT_EQ(count_newlines("\na\n\n", 4), 3u);
  EXPECT_EQ(count_newlines("abc", 3), 0u);
}

TEST(CsvSpecialScan, WindowMaskMatchesThePortableLoop) {
  std::mt19937 rng(7);
  const std::string alphabet = "abc;,\"\xC3\xA9 \n";
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (size_t i = 0; i < detail::kWindowBytes; ++i) {
      text += alphabet[rng() % alphabet.size()];
    }
    detail::SpecialCursor cursor(text.data() + text.size(), ';', '"');
    uint32_t portable_non_ascii = 0;
    ASSERT_EQ(cursor.window_mask(text.data()),
              detail::special_mask_portable(text.data(), ';', '"', portable_non_ascii));
    ASSERT_EQ(cursor.non_ascii() != 0, portable_non_ascii != 0);
  }
}

TEST(CsvSpecialScan, CursorVisitsEverySpecialByteInOrder) {
  std::mt19937 rng(11);
  const std::string alphabet = "abcdefgh,\"\xFF";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t length = rng() % 300;
    for (size_t i = 0; i < length; ++i) {
      text += rng() % 9 == 0 ? '\n' : alphabet[rng() % alphabet.size()];
    }
    text += '\n';
    const size_t seek_to = rng() % text.size();
    detail::SpecialCursor cursor(text.data() + text.size(), ',', '"');
    cursor.seek(text.data() + seek_to);
    for (size_t pos = seek_to; pos < text.size(); ++pos) {
      if (text[pos] == ',' || text[pos] == '"' || text[pos] == '\n') {
        ASSERT_EQ(cursor.next(), text.data() + pos) << "round " << round;
      }
    }
  }
}

}  // namespace
}  // namespace adpilot::csv
