// The progress display of `adpilot run` in terminal mode, with a fake clock: the live line is
// rewritten in place, updates closer than a tenth of a second are dropped, each stage leaves its
// final line, and the run ends with its total time. Off the terminal it prints nothing.
#include "adpilot/cli/run_progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace adpilot::cli {
namespace {

struct Captured {
  Captured() : file(std::tmpfile()) {}
  ~Captured() { std::fclose(file); }
  std::string text() const {
    std::fflush(file);
    std::string out;
    std::rewind(file);
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
      out.append(buffer, n);
    }
    return out;
  }
  std::FILE* file;
};

TEST(RunProgressTest, TerminalModeRewritesTheLineAndKeepsEachStagesFinalLine) {
  Captured err;
  double now = 100.0;
  RunProgress progress(err.file, /*live=*/true, [&] { return now; });
  progress.begin("ingest");
  now += 0.5;
  progress.update("1,000 rows read");
  now += 0.05;  // too soon: dropped
  progress.update("1,500 rows read");
  now += 0.25;
  progress.update("4,320 rows read");
  now += 0.2;
  progress.end("4,320 rows read, 4,320 kept");
  progress.begin("forecasts");
  now += 2.0;
  progress.update("3 of 7 series");
  progress.end("7 series");
  now += 0.5;
  progress.finish();

  const std::string expected =
      "\r\033[K… ingest      0.0s"
      "\r\033[K… ingest      1,000 rows read  0.5s"
      "\r\033[K… ingest      4,320 rows read  0.8s"
      "\r\033[K✓ ingest      4,320 rows read, 4,320 kept  1.0s\n"
      "\r\033[K… forecasts   0.0s"
      "\r\033[K… forecasts   3 of 7 series  2.0s"
      "\r\033[K✓ forecasts   7 series  2.0s\n"
      "\r\033[Kadpilot run: done in 3.5s\n";
  EXPECT_EQ(err.text(), expected);
}

TEST(RunProgressTest, PrintsNothingWhenNotLive) {
  Captured err;
  double now = 0.0;
  RunProgress progress(err.file, /*live=*/false, [&] { return now; });
  progress.begin("ingest");
  now += 1.0;
  progress.update("10 rows read");
  progress.end("10 rows read");
  progress.finish();
  EXPECT_EQ(err.text(), "");
  EXPECT_FALSE(progress.live());
}

}  // namespace
}  // namespace adpilot::cli
