// scan(): block splitting, threads and in-order delivery must never change what is delivered.
#include <gtest/gtest.h>

#include <random>
#include <set>
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

// Quoting at every awkward place: delimiters, quotes, LF and CRLF inside fields, lone CRs,
// blank lines, a malformed row, multi-byte and invalid UTF-8, and no final newline.
std::string awkward_csv(int copies) {
  std::string text = "id,name,note\r\n";
  for (int i = 0; i < copies; ++i) {
    const std::string id = std::to_string(i);
    text += id + ",plain,x\r\n";
    text += id + ",\"with, comma\",\"say \"\"hi\"\"\"\r\n";
    text += "\r\n\n";
    text += id + ",\"multi\r\nline\nfield\",\"cr\ronly\"\n";
    text += id + ",caf\xC3\xA9,\"\xE2\x82\xAC\"\n";
    text += id + ",bad\"quote,z\n";
    text += id + ",\xFF,z\n";
    text += id + ",\"\",\"\"\"\"\n";
  }
  text += "last,row,\"no newline\"";
  return text;
}

TEST(CsvScan, AwkwardFileReference) {
  const TempCsv file(awkward_csv(1));
  const Scanned scanned = scan_file(file.path(), options_with(1u << 20, 1), 1);
  EXPECT_EQ(scanned.rows, (Rows{{"0", "plain", "x"},
                                {"0", "with, comma", "say \"hi\""},
                                {"0", "multi\r\nline\nfield", "cr\ronly"},
                                {"0", "caf\xC3\xA9", "\xE2\x82\xAC"},
                                {"0", "", "\""},
                                {"last", "row", "no newline"}}));
  EXPECT_EQ(scanned.lines, (std::vector<int64_t>{2, 3, 6, 9, 12, 13}));
  ASSERT_EQ(scanned.issues.size(), 2u);
  EXPECT_EQ(scanned.issues[0].kind, RowIssueKind::kUnexpectedQuote);
  EXPECT_EQ(scanned.issues[0].line_offset, 10);
  EXPECT_EQ(scanned.issues[0].column, 2);
  EXPECT_EQ(scanned.issues[1].kind, RowIssueKind::kInvalidUtf8);
  EXPECT_EQ(scanned.issues[1].line_offset, 11);
  EXPECT_EQ(scanned.end_line, 14);
}

TEST(CsvScan, TinyBlocksAndThreadsGiveIdenticalResults) {
  const TempCsv file(awkward_csv(40));
  const Scanned reference = scan_file(file.path(), options_with(1u << 20, 1), 1);
  ASSERT_EQ(reference.rows.size(), 40u * 5 + 1);
  ASSERT_EQ(reference.issues.size(), 80u);
  for (const size_t block : {1, 2, 3, 16, 17, 23, 31, 64, 100, 4096}) {
    for (const int threads : {1, 2, 3}) {
      const Scanned scanned = scan_file(file.path(), options_with(block, threads), 1);
      EXPECT_TRUE(scanned == reference) << "block " << block << ", threads " << threads;
    }
  }
}

// A random valid CSV and what it must parse to.
struct Generated {
  std::string text;
  Rows rows;
  std::vector<int64_t> lines;
};

Generated generate(std::mt19937& rng, char delimiter) {
  const std::string pieces[] = {
      "a",  "bc", "12.5", " ",  "\"",       ",", ";",
      "\t", "\n", "\r\n", "\r", "\xC3\xA9", "",  "long-long-long-long-text"};
  Generated out;
  int64_t line = 1;
  const int rows = 1 + static_cast<int>(rng() % 60);
  for (int row = 0; row < rows; ++row) {
    while (rng() % 6 == 0) {
      out.text += rng() % 2 == 0 ? "\n" : "\r\n";
      ++line;
    }
    auto& fields = out.rows.emplace_back();
    out.lines.push_back(line);
    const int count = 1 + static_cast<int>(rng() % 5);
    for (int col = 0; col < count; ++col) {
      std::string value;
      const int parts = static_cast<int>(rng() % 4);
      for (int part = 0; part < parts; ++part) {
        value += pieces[rng() % std::size(pieces)];
      }
      const bool needs_quotes =
          value.find_first_of(std::string("\"\n\r") + delimiter) != std::string::npos ||
          (count == 1 && value.empty());
      if (needs_quotes || rng() % 5 == 0) {
        std::string quoted = "\"";
        for (const char c : value) {
          quoted += c == '"' ? "\"\"" : std::string(1, c);
          line += c == '\n' ? 1 : 0;
        }
        out.text += quoted + "\"";
      } else {
        out.text += value;
      }
      out.text += col + 1 < count ? std::string(1, delimiter) : "";
      fields.push_back(value);
    }
    if (row + 1 < rows || rng() % 2 == 0) {
      out.text += rng() % 2 == 0 ? "\n" : "\r\n";
      ++line;
    }
  }
  return out;
}

TEST(CsvScan, RandomValidFilesParseAsGenerated) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 60; ++round) {
    const char delimiter = round % 3 == 0 ? ';' : ',';
    const Generated generated = generate(rng, delimiter);
    const TempCsv file(generated.text);
    for (const size_t block : {size_t{1} << 20, size_t{7}, size_t{32}}) {
      for (const int threads : {1, 2}) {
        CsvOptions options = options_with(block, threads);
        options.delimiter = {delimiter, true};
        const Scanned scanned = scan_file(file.path(), options);
        ASSERT_EQ(scanned.rows, generated.rows)
            << "round " << round << " block " << block << " text "
            << ::testing::PrintToString(generated.text);
        ASSERT_EQ(scanned.lines, generated.lines) << "round " << round;
        ASSERT_TRUE(scanned.issues.empty()) << scanned.issues.front().message;
      }
    }
  }
}

TEST(CsvScan, RandomBytesNeverDependOnBlockSize) {
  std::mt19937 rng(99);
  const std::string alphabet = "ab,,\"\"\n\r\xC3\xFF";
  for (int round = 0; round < 150; ++round) {
    std::string text = "h\n";
    const size_t length = rng() % 300;
    for (size_t i = 0; i < length; ++i) {
      text += alphabet[rng() % alphabet.size()];
    }
    const TempCsv file(text);
    CsvOptions options = options_with(1u << 20, 1, 40);
    options.delimiter = {',', true};
    const Scanned reference = scan_file(file.path(), options);
    for (const size_t block : {1, 5, 13, 64}) {
      for (const int threads : {1, 2}) {
        options.block_bytes = block;
        options.threads = threads;
        ASSERT_TRUE(scan_file(file.path(), options) == reference)
            << "block " << block << " threads " << threads << " " << ::testing::PrintToString(text);
      }
    }
  }
}

TEST(CsvScan, EveryBlockSizeSplitsCrlfAndQuotesAlike) {
  const TempCsv file("k,v\r\n1,\"a\r\nb\"\r\n2,\"\"\"\"\r\n\r\n3,\"x,\ry\"\r\n4,z");
  const Rows expected = {{"k", "v"}, {"1", "a\r\nb"}, {"2", "\""}, {"3", "x,\ry"}, {"4", "z"}};
  const std::vector<int64_t> expected_lines = {1, 2, 4, 6, 7};
  for (size_t block = 1; block <= 40; ++block) {
    for (const int threads : {1, 2}) {
      const Scanned scanned = scan_file(file.path(), options_with(block, threads));
      ASSERT_EQ(scanned.rows, expected) << "block " << block;
      ASSERT_EQ(scanned.lines, expected_lines) << "block " << block;
      ASSERT_EQ(scanned.raws[1], "1,\"a\r\nb\"") << "block " << block;
      ASSERT_EQ(scanned.end_line, 8);
    }
  }
}

TEST(CsvScan, SniffsSemicolonsAndTabs) {
  const TempCsv semicolons("a;b\n\"x, y\";1,5\n");
  EXPECT_EQ(scan_file(semicolons.path(), options_with(4, 2)).rows,
            (Rows{{"a", "b"}, {"x, y", "1,5"}}));
  const TempCsv tabs("a\tb\n1\t2\n");
  EXPECT_EQ(scan_file(tabs.path(), options_with(4, 1)).rows, (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvScan, WorkerIndicesAndBatchLifetime) {
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    text += std::to_string(i) + ",row\n";
  }
  const TempCsv file(text);
  auto reader = CsvReader::open(file.path(), options_with(256, 3));
  ASSERT_TRUE(reader.ok());
  std::set<int> workers;
  size_t rows = 0;
  int64_t expected_line = 1;
  struct Seen {
    const RowBatch* batch;
    int worker;
  };
  auto done = reader->scan<Seen>(
      [](const RowBatch& batch, int worker) {
        return Seen{&batch, worker};
      },
      [&](Seen&& seen, int64_t line_base) -> Result<void> {
        workers.insert(seen.worker);
        // The batch is still alive here, and batches come in file order.
        EXPECT_EQ(line_base, expected_line);
        EXPECT_EQ(seen.batch->field(0, 0), std::to_string(line_base - 1));
        expected_line += seen.batch->num_lines();
        rows += seen.batch->num_rows();
        return {};
      });
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(rows, 2000u);
  for (const int worker : workers) {
    EXPECT_GE(worker, 0);
    EXPECT_LT(worker, 3);
  }
}

}  // namespace
}  // namespace adpilot::csv
