// adpilot_nab_run: runs an anomaly detector over the Numenta Anomaly Benchmark series, online,
// and writes NAB's results layout for the official scorer (see nab_bench.sh):
//   DATA/<category>/<name>.csv (timestamp,value)  →  OUT/<category>/<name>.csv
//   (timestamp,value,anomaly_score), one row per data row, same timestamps in the same order.
// One detector configuration for every series: no per-series settings.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "adpilot/analyze/anomaly/detector_registry.h"
#include "adpilot/core/date.h"
#include "bench_args.h"

namespace fs = std::filesystem;
namespace anomaly = adpilot::analyze::anomaly;

namespace {

const std::vector<adpilot::bench::BenchOption> kOptions = {
    {"data", "../shared/data/nab/data", "NAB data root (<category>/<name>.csv)"},
    {"out", "bench/work/nab/results", "results root to write"},
    {"detector", "seasonal_robust", "detector name (seasonal_robust, zscore)"},
};

struct Series {
  std::vector<std::string> timestamps;
  std::vector<std::string> values;
  std::vector<double> t;
  std::vector<double> y;
};

// "2014-04-01 00:00:00" → seconds since 1970 (UTC); NaN when malformed.
double parse_timestamp(const std::string& text) {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &year, &month, &day, &hour, &minute,
                  &second) != 6) {
    return std::nan("");
  }
  return static_cast<double>(adpilot::date_from_civil(year, month, day)) * 86400.0 + hour * 3600.0 +
         minute * 60.0 + second;
}

bool read_series(const fs::path& path, Series& series) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) {
    return false;
  }
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();  // some NAB files have CRLF line ends
    }
    const size_t comma = line.find(',');
    if (comma == std::string::npos) {
      continue;
    }
    series.timestamps.push_back(line.substr(0, comma));
    series.values.push_back(line.substr(comma + 1));
    series.t.push_back(parse_timestamp(series.timestamps.back()));
    series.y.push_back(std::strtod(series.values.back().c_str(), nullptr));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = adpilot::bench::parse_bench_args(argc, argv, 1, kOptions);
  if (!args) {
    adpilot::bench::print_usage("adpilot_nab_run [--data DIR] [--out DIR] [--detector NAME]",
                                kOptions);
    return 2;
  }
  const fs::path data_root = args->get("data");
  const fs::path out_root = args->get("out");
  const anomaly::DetectorRegistry registry = anomaly::make_detector_registry();

  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(data_root, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") {
      files.push_back(entry.path());
    }
  }
  if (error || files.empty()) {
    std::fprintf(stderr, "error: no NAB series under %s\n", data_root.c_str());
    return 1;
  }
  std::sort(files.begin(), files.end());

  const auto start = std::chrono::steady_clock::now();
  size_t points = 0;
  for (const fs::path& file : files) {
    Series series;
    if (!read_series(file, series)) {
      std::fprintf(stderr, "error: cannot read %s\n", file.c_str());
      return 1;
    }
    auto detector = registry.create(args->get("detector"), anomaly::DetectorOptions{});
    if (!detector) {
      std::fprintf(stderr, "error: %s\n", detector.error().to_string().c_str());
      return 2;
    }
    auto scores = anomaly::score_series(**detector, series.t, series.y);
    if (!scores) {
      std::fprintf(stderr, "error: %s: %s\n", file.c_str(), scores.error().to_string().c_str());
      return 1;
    }
    const fs::path out_path = out_root / fs::relative(file, data_root);
    fs::create_directories(out_path.parent_path());
    std::ofstream out(out_path);
    out << "timestamp,value,anomaly_score\n";
    char score_text[32];
    for (size_t row = 0; row < series.t.size(); ++row) {
      std::snprintf(score_text, sizeof score_text, "%.9f", (*scores)[row].score);
      out << series.timestamps[row] << ',' << series.values[row] << ',' << score_text << '\n';
    }
    points += series.t.size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "%zu series, %zu points, %.2f s (read, detect, write)\n", files.size(),
               points, seconds);
  return 0;
}
