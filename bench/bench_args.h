// Command-line parsing for the bench programs: each program declares its options once in a
// table, and parsing, validation and --help come from that table. The product CLI uses CLI11
// through the library's option table; the bench tools must not depend on src/, and they need
// only "--name value" pairs and positionals, so this stays a few dozen lines.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot::bench {

struct BenchOption {
  std::string_view name;           // without the leading "--"
  std::string_view default_value;  // used when the option is absent
  std::string_view help;
};

struct BenchArgs {
  std::vector<std::string> positionals;
  std::map<std::string, std::string, std::less<>> values;

  const std::string& get(std::string_view name) const { return values.find(name)->second; }
};

inline void print_usage(std::string_view usage, const std::vector<BenchOption>& options) {
  std::fprintf(stderr, "usage: %.*s\n", static_cast<int>(usage.size()), usage.data());
  for (const BenchOption& option : options) {
    std::fprintf(stderr, "  --%-10.*s %.*s (default: %.*s)\n", static_cast<int>(option.name.size()),
                 option.name.data(), static_cast<int>(option.help.size()), option.help.data(),
                 static_cast<int>(option.default_value.size()), option.default_value.data());
  }
}

// Parses argv[first..]; prints the problem and returns nullopt on an unknown option or a
// missing value, so main() can exit with the usage-error code 2.
inline std::optional<BenchArgs> parse_bench_args(int argc, char** argv, int first,
                                                 const std::vector<BenchOption>& options) {
  BenchArgs args;
  for (const BenchOption& option : options) {
    args.values.emplace(std::string(option.name), std::string(option.default_value));
  }
  for (int arg_idx = first; arg_idx < argc; ++arg_idx) {
    const std::string_view arg = argv[arg_idx];
    if (arg.size() < 3 || arg.substr(0, 2) != "--") {
      args.positionals.emplace_back(arg);
      continue;
    }
    const std::string_view name = arg.substr(2);
    auto found = args.values.find(name);
    if (found == args.values.end()) {
      std::fprintf(stderr, "error: unknown option %s\n", argv[arg_idx]);
      return std::nullopt;
    }
    if (arg_idx + 1 >= argc) {
      std::fprintf(stderr, "error: option %s needs a value\n", argv[arg_idx]);
      return std::nullopt;
    }
    found->second = argv[++arg_idx];
  }
  return args;
}

// An integer option of at least min_value, or nullopt with a message.
inline std::optional<long long> int_option(const BenchArgs& args, std::string_view name,
                                           long long min_value) {
  const std::string& text = args.get(name);
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < min_value) {
    std::fprintf(stderr, "error: --%.*s wants an integer >= %lld, got '%s'\n",
                 static_cast<int>(name.size()), name.data(), min_value, text.c_str());
    return std::nullopt;
  }
  return value;
}

}  // namespace adpilot::bench
