// Shared helpers for the csv tests: temp files and a scan that collects everything it sees.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/ingest/csv/csv_reader.h"

namespace adpilot::csv::test_util {

// A file in the temp directory, removed when the object goes out of scope.
class TempCsv {
 public:
  explicit TempCsv(std::string_view content) {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name = std::string(info != nullptr ? info->name() : "csv") + "_" +
                             std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".csv";
    path_ = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream out(path_, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  TempCsv(const TempCsv&) = delete;
  TempCsv& operator=(const TempCsv&) = delete;
  ~TempCsv() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Everything a scan delivered, with absolute 1-based lines.
struct Scanned {
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
  std::vector<std::string> raws;
  std::vector<RowIssue> issues;  // line_offset made absolute
  int64_t batches = 0;
  int64_t end_line = 0;  // current_line() after the scan

  bool operator==(const Scanned& other) const {
    auto same_issues = [](const std::vector<RowIssue>& a, const std::vector<RowIssue>& b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].line_offset != b[i].line_offset ||
            a[i].column != b[i].column || a[i].message != b[i].message || a[i].raw != b[i].raw) {
          return false;
        }
      }
      return true;
    };
    return rows == other.rows && lines == other.lines && raws == other.raws &&
           same_issues(issues, other.issues) && end_line == other.end_line;
  }
};

// What convert hands to consume: a copy of the batch with relative lines.
struct BatchCopy {
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> line_offsets;
  std::vector<std::string> raws;
  std::vector<RowIssue> issues;
  int worker = -1;
};

inline BatchCopy copy_batch(const RowBatch& batch, int worker) {
  BatchCopy copy;
  copy.worker = worker;
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    auto& fields = copy.rows.emplace_back();
    for (size_t col = 0; col < batch.num_fields(row); ++col) {
      fields.emplace_back(batch.field(row, col));
    }
    copy.line_offsets.push_back(batch.line_offset(row));
    copy.raws.emplace_back(batch.raw_row(row));
  }
  copy.issues = batch.issues();
  return copy;
}

inline Result<void> scan_into(CsvReader& reader, Scanned& out) {
  auto result = reader.scan<BatchCopy>(
      [](const RowBatch& batch, int worker) { return copy_batch(batch, worker); },
      [&out](BatchCopy&& copy, int64_t line_base) -> Result<void> {
        ++out.batches;
        for (size_t row = 0; row < copy.rows.size(); ++row) {
          out.rows.push_back(std::move(copy.rows[row]));
          out.lines.push_back(line_base + copy.line_offsets[row]);
          out.raws.push_back(std::move(copy.raws[row]));
        }
        for (auto& issue : copy.issues) {
          issue.line_offset += line_base;
          out.issues.push_back(std::move(issue));
        }
        return {};
      });
  out.end_line = reader.current_line();
  return result;
}

// Opens, skips skip rows and scans the whole file.
inline Scanned scan_file(const std::string& path, const CsvOptions& options, size_t skip = 0) {
  Scanned out;
  auto reader = CsvReader::open(path, options);
  EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().to_string());
  if (!reader.ok()) {
    return out;
  }
  if (skip > 0) {
    auto skipped = reader->skip_rows(skip);
    EXPECT_TRUE(skipped.ok()) << (skipped.ok() ? "" : skipped.error().to_string());
  }
  auto done = scan_into(*reader, out);
  EXPECT_TRUE(done.ok()) << (done.ok() ? "" : done.error().to_string());
  return out;
}

inline CsvOptions options_with(size_t block_bytes, int threads, size_t max_row_bytes = 2u << 20) {
  CsvOptions options;
  options.block_bytes = block_bytes;
  options.threads = threads;
  options.max_row_bytes = max_row_bytes;
  return options;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace adpilot::csv::test_util
