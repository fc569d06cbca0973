#include "adpilot/cli/run_progress.h"

#include <fmt/format.h>

#include <chrono>

namespace adpilot::cli {

namespace {

constexpr double kRedrawSeconds = 0.1;  // more often only flickers and costs write() calls
constexpr const char* kClearLine = "\r\033[K";

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

RunProgress::RunProgress(std::FILE* err, bool live, Clock clock)
    : err_(err), live_(live), clock_(clock ? std::move(clock) : Clock(steady_seconds)) {
  run_start_ = clock_();
}

void RunProgress::begin(const std::string& stage) {
  if (!live_) {
    return;
  }
  stage_ = stage;
  stage_start_ = clock_();
  last_draw_ = -1.0;
  draw("", false);
}

void RunProgress::update(const std::string& counts) {
  if (!live_) {
    return;
  }
  const double now = clock_();
  if (last_draw_ >= 0.0 && now - last_draw_ < kRedrawSeconds) {
    return;
  }
  draw(counts, false);
}

void RunProgress::end(const std::string& counts) {
  if (!live_) {
    return;
  }
  draw(counts, true);
}

void RunProgress::finish() {
  if (!live_) {
    return;
  }
  std::fputs(
      fmt::format("{}adpilot run: done in {:.1f}s\n", kClearLine, clock_() - run_start_).c_str(),
      err_);
  std::fflush(err_);
}

void RunProgress::draw(const std::string& counts, bool final) {
  const double now = clock_();
  last_draw_ = now;
  std::string line = fmt::format("{}{} {:<10}", kClearLine, final ? "✓" : "…", stage_);
  if (!counts.empty()) {
    line += "  " + counts;
  }
  line += fmt::format("  {:.1f}s", now - stage_start_);
  if (final) {
    line += "\n";
  }
  std::fputs(line.c_str(), err_);
  std::fflush(err_);
}

}  // namespace adpilot::cli
