#include "adpilot/cli/ingest_settings.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace adpilot::cli {

namespace {

bool is_output_format(const std::string& text) {
  return text.empty() || text == "table" || text == "csv" || text == "json";
}

template <typename Policy>
Policy pick(const std::string& text, std::initializer_list<std::pair<const char*, Policy>> choices) {
  for (const auto& [name, value] : choices) {
    if (text == name) {
      return value;
    }
  }
  return choices.begin()->second;  // validated earlier against the option's choices
}

}  // namespace

Result<ingest::FormatRegistry> make_format_registry(const Settings& settings) {
  ingest::FormatRegistry registry = ingest::FormatRegistry::with_presets();
  if (settings.has("config")) {
    const std::string path = settings.text("config");
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (auto added = registry.add_from_yaml(text.str(), path); !added.ok()) {
      return added.error();
    }
  }
  return registry;
}

std::string output_format_text(const Settings& settings) {
  const std::string text = settings.text("format");
  return is_output_format(text) ? text : "";
}

Result<ingest::IngestOptions> make_ingest_options(const Settings& settings,
                                                  const ingest::FormatRegistry& registry) {
  ingest::IngestOptions options;
  options.format = settings.text("input-format");
  const std::string format = settings.text("format");
  if (!is_output_format(format)) {
    if (registry.find(format) == nullptr) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("'{}' is neither an output format (table, csv, json) nor an "
                                    "input format ({})",
                                    format, fmt::join(registry.names(), ", ")),
                        ErrorContext{"", 0, 0, "", "--format"});
    }
    if (!options.format.empty() && options.format != format) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("--format {} contradicts --input-format {}", format, options.format),
                        ErrorContext{"", 0, 0, "", "--format"});
    }
    options.format = format;
  }
  if (!options.format.empty() && registry.find(options.format) == nullptr) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("unknown input format '{}' (known: {})", options.format,
                                  fmt::join(registry.names(), ", ")),
                      ErrorContext{"", 0, 0, "", "--input-format"});
  }
  options.year = static_cast<int>(settings.integer("year"));
  const std::string delimiter = settings.text("delimiter");
  if (delimiter == "tab" || delimiter == "\\t") {
    options.delimiter = '\t';
  } else if (delimiter.size() == 1) {
    options.delimiter = delimiter[0];
  } else if (!delimiter.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is not a one-character delimiter", delimiter),
                      ErrorContext{"", 0, 0, "", "--delimiter"});
  }
  const std::string decimal = settings.text("decimal");
  options.decimal = decimal.empty() ? 0 : decimal[0];
  options.threads = static_cast<int>(settings.integer("threads"));
  options.lenient = settings.flag("lenient");
  options.max_row_bytes = static_cast<size_t>(settings.integer("max-row-bytes"));
  using ingest::KeyDupPolicy;
  using ingest::MissingPolicy;
  using ingest::RowPolicy;
  auto& p = options.policies;
  p.missing = pick<MissingPolicy>(settings.text("missing"), {{"zero", MissingPolicy::kZero},
                                                             {"drop", MissingPolicy::kDrop},
                                                             {"error", MissingPolicy::kError}});
  const std::initializer_list<std::pair<const char*, RowPolicy>> row_policies = {
      {"keep", RowPolicy::kKeep}, {"drop", RowPolicy::kDrop}, {"error", RowPolicy::kError}};
  p.exact_duplicates = pick<RowPolicy>(settings.text("on-duplicate"), row_policies);
  p.negative = pick<RowPolicy>(settings.text("on-negative"), row_policies);
  p.inconsistent = pick<RowPolicy>(settings.text("on-inconsistent"), row_policies);
  p.unknown_currency = pick<RowPolicy>(settings.text("on-unknown-currency"), row_policies);
  p.duplicate_keys = pick<KeyDupPolicy>(settings.text("on-duplicate-key"),
                                        {{"keep", KeyDupPolicy::kKeep},
                                         {"first", KeyDupPolicy::kFirst},
                                         {"error", KeyDupPolicy::kError}});
  options.since = settings.date("since");
  options.until = settings.date("until");
  if (options.since && options.until && *options.since > *options.until) {
    return make_error(ErrorCode::kInvalidArgument, "--since is after --until",
                      ErrorContext{"", 0, 0, "", "--since"});
  }
  return options;
}

std::string single_currency(const ingest::IngestReport& report) {
  std::string found;
  for (const auto& file : report.files) {
    for (const auto& code : file.currencies) {
      if (found.empty()) {
        found = code;
      } else if (found != code) {
        return "";
      }
    }
  }
  return found;
}

void print_ingest_notes(const ingest::IngestReport& report, const Settings& settings, Io& io) {
  if (settings.flag("quiet")) {
    return;
  }
  const auto& totals = report.totals;
  if (totals.rows_rejected > 0) {
    std::fputs(fmt::format("adpilot: note: skipped {} malformed row(s) (--lenient); `adpilot check` "
                           "lists them\n",
                           totals.rows_rejected)
                   .c_str(),
               io.err);
    for (const auto& file : report.files) {
      if (!file.rejects.empty()) {
        const auto& first = file.rejects.front();
        std::fputs(fmt::format("  first: {}:{}: {}\n", first.file, first.line, first.message).c_str(),
                   io.err);
        break;
      }
    }
  }
  std::vector<std::string> currencies;
  for (const auto& file : report.files) {
    for (const auto& code : file.currencies) {
      if (std::find(currencies.begin(), currencies.end(), code) == currencies.end()) {
        currencies.push_back(code);
      }
    }
  }
  if (currencies.size() > 1) {
    std::fputs(fmt::format("adpilot: warning: the data mixes currencies ({}); sums across them "
                           "are not converted\n",
                           fmt::join(currencies, ", "))
                   .c_str(),
               io.err);
  }
}

Result<Table> read_input_table(const Settings& settings, Io& io, ingest::IngestReport* report) {
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  auto options = make_ingest_options(settings, *registry);
  if (!options.ok()) {
    return options.error();
  }
  auto table = ingest::ingest_table(settings.positional, *options, *registry, report);
  if (table.ok()) {
    print_ingest_notes(*report, settings, io);
  }
  return table;
}

}  // namespace adpilot::cli
