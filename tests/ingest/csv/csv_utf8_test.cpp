#include <gtest/gtest.h>

#include <string>

#include "adpilot/ingest/csv/utf8.h"

namespace adpilot::csv {
namespace {

size_t invalid_at(std::string_view text) {
  return find_invalid_utf8(text.data(), text.size());
}

TEST(CsvUtf8, AcceptsValidText) {
  for (const std::string_view text :
       {"", "plain ascii that is longer than eight bytes", "caf\xC3\xA9", "\xE2\x82\xAC 12",
        "\xF0\x9F\x98\x80", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xC2\x80",
        "0123456789abcdef\xD0\xB4\xD0\xB0 and more ascii after it"}) {
    EXPECT_EQ(invalid_at(text), text.size()) << ::testing::PrintToString(text);
  }
}

TEST(CsvUtf8, RejectsMalformedSequencesAtTheirFirstByte) {
  EXPECT_EQ(invalid_at("abc\xFF"), 3u);               // never valid
  EXPECT_EQ(invalid_at("ab\x80"), 2u);                // stray continuation
  EXPECT_EQ(invalid_at("\xC0\xAF"), 0u);              // overlong '/'
  EXPECT_EQ(invalid_at("\xC1\xBF"), 0u);              // overlong
  EXPECT_EQ(invalid_at("x\xE0\x80\xAF"), 1u);         // overlong three-byte
  EXPECT_EQ(invalid_at("\xF0\x80\x80\xAF"), 0u);      // overlong four-byte
  EXPECT_EQ(invalid_at("12345678\xED\xA0\x80"), 8u);  // surrogate U+D800
  EXPECT_EQ(invalid_at("\xED\xBF\xBF"), 0u);          // surrogate U+DFFF
  EXPECT_EQ(invalid_at("\xF4\x90\x80\x80"), 0u);      // above U+10FFFF
  EXPECT_EQ(invalid_at("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(invalid_at("ok\xC3"), 2u);     // truncated at the end
  EXPECT_EQ(invalid_at("\xE2\x82z"), 0u);  // truncated by an ASCII byte
  EXPECT_EQ(invalid_at("\xC3\xA9\xC3"), 2u);
}

TEST(CsvUtf8, HasNonAscii) {
  EXPECT_FALSE(has_non_ascii("", 0));
  EXPECT_FALSE(has_non_ascii("abcdefghijk", 11));
  EXPECT_TRUE(has_non_ascii("abcdefghij\xC3", 11));
  EXPECT_TRUE(
      has_non_ascii("\x80"
                    "abcdefghij",
                    11));
}

}  // namespace
}  // namespace adpilot::csv
