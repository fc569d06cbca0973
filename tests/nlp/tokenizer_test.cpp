// WordPiece tokenizer: cases worked by hand from BERT's algorithm on a small vocabulary, and a
// few on the real distilbert-base-uncased vocabulary when ../shared/data is present.
#include "adpilot/nlp/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace adpilot::nlp {
namespace {

using Tokens = std::vector<std::string>;

std::vector<std::string> small_vocab() {
  return {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "un",    "##aff",  "##able", "!", ",",   "hello",
          "world", "cafe",  "café",  "Café",  "naive", "resume", "great",  "😀", "中",  "文",
          "abc",   "a",     "##b",   "##c",   "play",  "##ing",  "##ed",   "x", "##x", "."};
}

WordPieceTokenizer make(bool lower_case = true) {
  TokenizerOptions options;
  options.lower_case = lower_case;
  auto tokenizer = WordPieceTokenizer::from_tokens(small_vocab(), options);
  EXPECT_TRUE(tokenizer.ok());
  return std::move(tokenizer).value();
}

TEST(WordPiece, GreedyLongestMatchWithContinuations) {
  const auto tokenizer = make();
  // "unaffable": "un" is the longest known prefix, then "##aff", then "##able".
  EXPECT_EQ(tokenizer.tokenize("Unaffable!"), (Tokens{"un", "##aff", "##able", "!"}));
  // "abc" is whole in the vocabulary and wins over a ##b ##c; "abcc" continues with ##c.
  EXPECT_EQ(tokenizer.tokenize("abc abcc"), (Tokens{"abc", "abc", "##c"}));
  EXPECT_EQ(tokenizer.tokenize("playing played"), (Tokens{"play", "##ing", "play", "##ed"}));
}

TEST(WordPiece, OneUncoveredPieceMakesTheWholeWordUnknown) {
  const auto tokenizer = make();
  // "plays": play, then no "##s" → the whole word is [UNK], not play [UNK].
  EXPECT_EQ(tokenizer.tokenize("plays"), (Tokens{"[UNK]"}));
  // "c" alone is not a word start (only "##c" exists).
  EXPECT_EQ(tokenizer.tokenize("ab c"), (Tokens{"a", "##b", "[UNK]"}));
  EXPECT_EQ(tokenizer.tokenize("xyz"), (Tokens{"[UNK]"}));
}

TEST(WordPiece, PunctuationIsSplitOffCharacterByCharacter) {
  const auto tokenizer = make();
  EXPECT_EQ(tokenizer.tokenize("Hello,World!!"), (Tokens{"hello", ",", "world", "!", "!"}));
  // ASCII symbols count as punctuation too ("$" is a symbol in Unicode); they are unknown here.
  EXPECT_EQ(tokenizer.tokenize("$hello"), (Tokens{"[UNK]", "hello"}));
}

TEST(WordPiece, UncasedLowerCasesAndStripsAccents) {
  const auto tokenizer = make();
  // é → e + U+0301 (NFD), the mark is dropped; Ï → ï → i.
  EXPECT_EQ(tokenizer.tokenize("Café NAÏVE résumé"), (Tokens{"cafe", "naive", "resume"}));
}

TEST(WordPiece, CasedKeepsAccentsAndComposesToNfc) {
  const auto tokenizer = make(false);
  EXPECT_EQ(tokenizer.tokenize("Café"), (Tokens{"Café"}));
  // "Cafe" + COMBINING ACUTE ACCENT composes to the vocabulary's precomposed "Café".
  EXPECT_EQ(tokenizer.tokenize("Cafe\xcc\x81"), (Tokens{"Café"}));
  EXPECT_EQ(tokenizer.tokenize("Hello"), (Tokens{"[UNK]"}));  // no lower-casing
}

TEST(WordPiece, LongWordsBecomeUnknown) {
  const auto tokenizer = make();
  // 100 characters is the limit: x ##x ×99; one more and the word is [UNK].
  Tokens expected{"x"};
  expected.insert(expected.end(), 99, "##x");
  EXPECT_EQ(tokenizer.tokenize(std::string(100, 'x')), expected);
  EXPECT_EQ(tokenizer.tokenize(std::string(101, 'x')), (Tokens{"[UNK]"}));
}

TEST(WordPiece, EmojiStayInsideTheirWord) {
  const auto tokenizer = make();
  // An emoji is a symbol (So), not punctuation: "great😀" is one word, "##😀" is not in the
  // vocabulary, so the whole word is unknown. Separated by a space it is found.
  EXPECT_EQ(tokenizer.tokenize("great😀"), (Tokens{"[UNK]"}));
  EXPECT_EQ(tokenizer.tokenize("great 😀"), (Tokens{"great", "😀"}));
}

TEST(WordPiece, CjkIdeographsAreWordsOfTheirOwn) {
  const auto tokenizer = make();
  EXPECT_EQ(tokenizer.tokenize("中文abc"), (Tokens{"中", "文", "abc"}));
}

TEST(WordPiece, CleaningDropsControlsAndUnifiesWhitespace) {
  const auto tokenizer = make();
  // ZERO WIDTH SPACE (Cf) and NUL are removed, joining the word; tab, newline and NO-BREAK
  // SPACE separate words.
  EXPECT_EQ(tokenizer.tokenize(std::string("hel\xe2\x80\x8blo\tworld\n") + '\0' + "\xc2\xa0!"),
            (Tokens{"hello", "world", "!"}));
  // Invalid UTF-8 bytes and U+FFFD are dropped.
  EXPECT_EQ(tokenizer.tokenize("hel\xfflo \xef\xbf\xbdworld"), (Tokens{"hello", "world"}));
  EXPECT_TRUE(tokenizer.tokenize(" \t\n").empty());
}

TEST(WordPiece, EncodeAddsSpecialTokensAndTruncates) {
  const auto tokenizer = make();
  const int32_t cls = tokenizer.cls_id();
  const int32_t sep = tokenizer.sep_id();
  const int32_t hello = tokenizer.token_id("hello");
  const int32_t world = tokenizer.token_id("world");
  EXPECT_EQ(tokenizer.encode("", 8), (std::vector<int32_t>{cls, sep}));
  EXPECT_EQ(tokenizer.encode("hello world", 8), (std::vector<int32_t>{cls, hello, world, sep}));
  // Cut at the end of the text; [SEP] stays.
  EXPECT_EQ(tokenizer.encode("hello world hello world", 4),
            (std::vector<int32_t>{cls, hello, world, sep}));
}

TEST(WordPiece, BatchesArePaddedToTheLongestWithAMask) {
  const auto tokenizer = make();
  const std::vector<std::string> texts{"hello", "hello world !"};
  const TokenBatch batch = tokenizer.encode_batch(texts, 16);
  ASSERT_EQ(batch.batch, 2);
  ASSERT_EQ(batch.seq_len, 5);
  const int32_t pad = tokenizer.pad_id();
  const int32_t hello = tokenizer.token_id("hello");
  EXPECT_EQ(batch.ids,
            (std::vector<int32_t>{2, hello, 3, pad, pad, 2, hello, tokenizer.token_id("world"),
                                  tokenizer.token_id("!"), 3}));
  EXPECT_EQ(batch.mask, (std::vector<int32_t>{1, 1, 1, 0, 0, 1, 1, 1, 1, 1}));
}

TEST(WordPiece, RepeatedTokenMapsToItsLastLine) {
  auto tokenizer = WordPieceTokenizer::from_tokens({"[UNK]", "[CLS]", "[SEP]", "deal", "deal"}, {});
  ASSERT_TRUE(tokenizer.ok());
  EXPECT_EQ(tokenizer->token_id("deal"), 4);
  EXPECT_EQ(tokenizer->pad_id(), 0);  // no [PAD]: id 0
}

class VocabFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("adpilot_vocab_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".txt"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  void write(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }
  std::string path_;
};

TEST_F(VocabFile, LoadsLinesAsIds) {
  write("[PAD]\r\n[UNK]\n[CLS]\n[SEP]\nhello\n");
  auto tokenizer = WordPieceTokenizer::load(path_, {});
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.error().to_string();
  EXPECT_EQ(tokenizer->vocab_size(), 5U);
  EXPECT_EQ(tokenizer->token_id("hello"), 4);
  EXPECT_EQ(tokenizer->token_id("[PAD]"), 0);  // Windows line end stripped
}

TEST_F(VocabFile, MissingSpecialTokenIsAnError) {
  write("[PAD]\n[UNK]\n[SEP]\nhello\n");
  auto tokenizer = WordPieceTokenizer::load(path_, {});
  ASSERT_FALSE(tokenizer.ok());
  EXPECT_EQ(tokenizer.error().code, ErrorCode::kParse);
  EXPECT_NE(tokenizer.error().message.find("[CLS]"), std::string::npos);
  EXPECT_EQ(tokenizer.error().context.file, path_);
}

TEST_F(VocabFile, InvalidUtf8NamesTheLine) {
  write("[UNK]\n[CLS]\nbad\xff\n[SEP]\n");
  auto tokenizer = WordPieceTokenizer::load(path_, {});
  ASSERT_FALSE(tokenizer.ok());
  EXPECT_EQ(tokenizer.error().context.line, 3);
  EXPECT_NE(tokenizer.error().message.find("UTF-8"), std::string::npos);
}

TEST(WordPieceLoad, MissingFileIsAnIoError) {
  auto tokenizer = WordPieceTokenizer::load("/nonexistent/vocab.txt", {});
  ASSERT_FALSE(tokenizer.ok());
  EXPECT_EQ(tokenizer.error().code, ErrorCode::kIo);
  EXPECT_EQ(tokenizer.error().context.file, "/nonexistent/vocab.txt");
}

// The real vocabulary of distilbert-base-uncased-finetuned-sst-2-english (30,522 tokens).
class RealVocab : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path =
        std::string(ADPILOT_SOURCE_DIR) + "/../shared/data/models/distilbert-sst2/vocab.txt";
    if (!std::filesystem::exists(path)) {
      GTEST_SKIP() << "skipped: " << path << " is absent (the shared data folder)";
    }
    auto loaded = WordPieceTokenizer::load(path, {});
    ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
    tokenizer_ = std::make_unique<WordPieceTokenizer>(std::move(loaded).value());
  }
  std::unique_ptr<WordPieceTokenizer> tokenizer_;
};

TEST_F(RealVocab, SpecialTokenIds) {
  EXPECT_EQ(tokenizer_->vocab_size(), 30522U);
  EXPECT_EQ(tokenizer_->pad_id(), 0);
  EXPECT_EQ(tokenizer_->unk_id(), 100);
  EXPECT_EQ(tokenizer_->cls_id(), 101);
  EXPECT_EQ(tokenizer_->sep_id(), 102);
}

TEST_F(RealVocab, KnownSentences) {
  EXPECT_EQ(tokenizer_->encode("Hello, world!", 512),
            (std::vector<int32_t>{101, 7592, 1010, 2088, 999, 102}));
  EXPECT_EQ(tokenizer_->tokenize("Don't miss our SUMMER sale!!!"),
            (Tokens{"don", "'", "t", "miss", "our", "summer", "sale", "!", "!", "!"}));
  EXPECT_EQ(tokenizer_->tokenize("Unaffable"), (Tokens{"una", "##ffa", "##ble"}));
  EXPECT_EQ(tokenizer_->tokenize("Café naïve"), (Tokens{"cafe", "naive"}));
  EXPECT_EQ(tokenizer_->tokenize("$19.99 100%"), (Tokens{"$", "19", ".", "99", "100", "%"}));
  EXPECT_EQ(tokenizer_->tokenize("great😀 中文"), (Tokens{"[UNK]", "中", "文"}));
}

}  // namespace
}  // namespace adpilot::nlp
