// The progress display of `adpilot run` on stderr: on a terminal one live line, rewritten in place
// ("\r" and clear-to-end), with the stage, its counts (rows read, series done of total) and the
// time spent on it; each finished stage leaves its final line, and the run ends with a total.
// When stderr is not a terminal, or with --quiet, it prints nothing (errors are printed elsewhere).
#pragma once

#include <cstdio>
#include <functional>
#include <string>

namespace adpilot::cli {

class RunProgress {
 public:
  using Clock = std::function<double()>;  // seconds from any fixed point

  // live: stderr is a terminal and --quiet is off. The clock is injectable for tests.
  RunProgress(std::FILE* err, bool live, Clock clock = {});

  bool live() const { return live_; }
  void begin(const std::string& stage);
  // Rewrites the live line; calls closer together than a tenth of a second are dropped.
  void update(const std::string& counts);
  // The stage's final line, kept on screen.
  void end(const std::string& counts);
  // The last line: the whole run's time.
  void finish();

 private:
  void draw(const std::string& counts, bool final);

  std::FILE* err_;
  bool live_;
  Clock clock_;
  std::string stage_;
  double run_start_ = 0.0;
  double stage_start_ = 0.0;
  double last_draw_ = -1.0;
};

}  // namespace adpilot::cli
