#include <gtest/gtest.h>

#include <string>

#include "adpilot/ingest/csv/dialect.h"

namespace adpilot::csv {
namespace {

Dialect sniff(std::string_view sample, bool whole = true) {
  return sniff_dialect(sample, whole, {});
}

TEST(CsvDialect, SniffsEachCandidate) {
  EXPECT_EQ(sniff("a,b,c\n1,2,3\n").delimiter, ',');
  EXPECT_EQ(sniff("a;b;c\n1;2;3\n").delimiter, ';');
  EXPECT_EQ(sniff("a\tb\tc\n1\t2\t3\n").delimiter, '\t');
  EXPECT_EQ(sniff("a|b|c\n1|2|3\n").delimiter, '|');
}

TEST(CsvDialect, CommasInsideQuotedFieldsOfASemicolonFile) {
  const Dialect dialect = sniff(
      "Campaign;Cost;Clicks\n\"Smith, John\";1,50;3\n\"Brand, EU\";2,25;4\n\"a,b,c\";0,5;1\n");
  EXPECT_EQ(dialect.delimiter, ';');
  EXPECT_EQ(dialect.detected_delimiter, ';');
  EXPECT_FALSE(dialect.delimiter_set_by_user);
}

TEST(CsvDialect, DecimalCommasDoNotWinOverTheRealDelimiter) {
  EXPECT_EQ(sniff("date;cost\n2024-01-01;1,5\n2024-01-02;2,25\n").delimiter, ';');
}

TEST(CsvDialect, TitleLinesBeforeTheHeaderAreOutvoted) {
  const Dialect dialect = sniff(
      "Campaign performance report\nJanuary 1, 2024 - January 31, 2024\n"
      "Campaign\tClicks\tCost\nBrand\t10\t1.5\nGeneric\t20\t2.5\n");
  EXPECT_EQ(dialect.delimiter, '\t');
}

TEST(CsvDialect, TiesGoToComma) {
  EXPECT_EQ(sniff("a,b;c\n1,2;3\n").delimiter, ',');
}

TEST(CsvDialect, SingleColumnFallsBackToComma) {
  const Dialect dialect = sniff("value\n1\n2\n");
  EXPECT_EQ(dialect.delimiter, ',');
  EXPECT_EQ(dialect.detected_delimiter, 0);
}

TEST(CsvDialect, QuotedNewlinesDoNotBreakRows) {
  EXPECT_EQ(sniff("a;b\n\"x\ny, z\";1\n\"p,q\nr\";2\n").delimiter, ';');
}

TEST(CsvDialect, UserDelimiterIsKeptAndTheSniffedOneRecorded) {
  const Dialect dialect = sniff_dialect("a;b\n1;2\n", true, {',', true});
  EXPECT_EQ(dialect.delimiter, ',');
  EXPECT_TRUE(dialect.delimiter_set_by_user);
  EXPECT_EQ(dialect.detected_delimiter, ';');
}

TEST(CsvDialect, CrlfFlag) {
  EXPECT_TRUE(sniff("a,b\r\n1,2\r\n").crlf);
  EXPECT_FALSE(sniff("a,b\n1,2\r\n").crlf);
}

TEST(CsvDialect, CutSampleIgnoresItsUnfinishedLastRow) {
  // Cut mid-row: the partial "3;4" must not count, whole rows still decide.
  EXPECT_EQ(sniff("a;b\n1;2\n3;4", false).delimiter, ';');
  EXPECT_EQ(sniff("a,b\n1,2\n3", false).delimiter, ',');
}

}  // namespace
}  // namespace adpilot::csv
