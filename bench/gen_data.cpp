// adpilot_gen: seeded data generator for the sample folder and the benchmarks.
//
//   adpilot_gen demo  --out data/sample [--seed 42]
//   adpilot_gen bench --rows 10000000 --out bench/work/kpi_10m.csv [--seed 7]
//
// Exit codes follow the CLI's: 0 ok, 1 failure, 2 usage error.
#include <cstdio>
#include <string_view>
#include <vector>

#include "bench_args.h"
#include "gen_data.h"

namespace {

constexpr std::string_view kUsage =
    "adpilot_gen demo --out DIR [--seed N]\n"
    "       adpilot_gen bench --rows N --out FILE [--seed N]";

const std::vector<adpilot::bench::BenchOption> kDemoOptions = {
    {"out", "data/sample", "folder for performance.csv, anomalies.csv, ad_copy.csv, README.md"},
    {"seed", "42", "random seed; the same seed gives the same bytes on any machine"},
};

const std::vector<adpilot::bench::BenchOption> kBenchOptions = {
    {"rows", "10000000", "number of data rows (about 100 bytes each)"},
    {"out", "", "output CSV file (required)"},
    {"seed", "7", "random seed"},
};

int run(int argc, char** argv) {
  using namespace std::string_view_literals;
  const std::string_view command = argc > 1 ? std::string_view(argv[1]) : ""sv;
  const bool is_demo = command == "demo";
  if (!is_demo && command != "bench") {
    adpilot::bench::print_usage(kUsage, {});
    return command == "--help" || command == "-h" ? 0 : 2;
  }
  const auto& options = is_demo ? kDemoOptions : kBenchOptions;
  const auto args = adpilot::bench::parse_bench_args(argc, argv, 2, options);
  if (!args || !args->positionals.empty()) {
    adpilot::bench::print_usage(kUsage, options);
    return 2;
  }
  const auto seed = adpilot::bench::int_option(*args, "seed", 0);
  if (!seed) {
    return 2;
  }
  if (is_demo) {
    return adpilot::bench::write_demo_data(args->get("out"), static_cast<uint64_t>(*seed)) ? 0 : 1;
  }
  const auto rows = adpilot::bench::int_option(*args, "rows", 1);
  if (!rows || args->get("out").empty()) {
    adpilot::bench::print_usage(kUsage, options);
    return 2;
  }
  return adpilot::bench::write_bench_data(*rows, args->get("out"), static_cast<uint64_t>(*seed)) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
