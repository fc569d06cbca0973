#include "adpilot/cli/run_config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace adpilot::cli {

namespace {

// Top-level keys that are not option names.
constexpr const char* kFormatsKey = "formats";
constexpr const char* kDataKey = "data";
const char* const kSections[] = {"ingest", "analyze", "decide", "act", "report"};

// Commands whose positional FILE… arguments are campaign data (data: fills them).
constexpr uint32_t kDataCommands = kCmdIngest | kCmdRun;

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool is_section(const std::string& key) {
  return std::any_of(std::begin(kSections), std::end(kSections),
                     [&](const char* s) { return key == s; });
}

// Options whose values are paths, resolved against the config file's folder.
bool takes_path(const OptionDef& def) {
  const std::string_view value = def.value_name;
  return def.kind == OptionKind::kText && (value == "FILE" || value == "DIR" || value == "PATH");
}

std::string resolve(const std::filesystem::path& folder, const std::string& value) {
  if (value.empty() || value == "-" || folder.empty() ||
      std::filesystem::path(value).is_absolute()) {
    return value;
  }
  return (folder / value).lexically_normal().string();
}

class ConfigReader {
 public:
  ConfigReader(std::string path, uint32_t command_bit, Settings& settings)
      : path_(std::move(path)),
        folder_(std::filesystem::path(path_).parent_path()),
        command_(command_bit),
        settings_(settings) {}

  Result<void> read(const YAML::Node& root) {
    if (!root.IsMap()) {
      return make_error(ErrorCode::kInvalidArgument, "the config file is not a YAML mapping",
                        ErrorContext{path_, 1, 0, "", ""}, "see docs/config.md");
    }
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key == kFormatsKey) {
        continue;  // user mappings: ingest's FormatRegistry reads them
      }
      if (key == kDataKey) {
        if (auto done = read_data(entry.first, entry.second); !done.ok()) {
          return done;
        }
        continue;
      }
      if (is_section(key)) {
        if (!entry.second.IsMap() && !entry.second.IsNull()) {
          return make_error(
              ErrorCode::kInvalidArgument,
              fmt::format("'{}' is a section: a mapping of option names to values", key),
              where(entry.first), "see docs/config.md");
        }
        for (const auto& item : entry.second) {
          if (auto done = read_option(item.first, item.second, key); !done.ok()) {
            return done;
          }
        }
        continue;
      }
      if (auto done = read_option(entry.first, entry.second, ""); !done.ok()) {
        return done;
      }
    }
    return {};
  }

 private:
  ErrorContext where(const YAML::Node& node) const {
    return ErrorContext{path_, node.Mark().line + 1, node.Mark().column + 1, "", ""};
  }

  Result<void> read_data(const YAML::Node& key, const YAML::Node& value) {
    std::vector<std::string> files;
    if (value.IsScalar()) {
      files.push_back(value.as<std::string>());
    } else if (value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) {
          return make_error(ErrorCode::kInvalidArgument, "each entry of data: is a file name",
                            where(item));
        }
        files.push_back(item.as<std::string>());
      }
    } else {
      return make_error(ErrorCode::kInvalidArgument, "data: is a file name or a list of file names",
                        where(key));
    }
    if ((command_ & kDataCommands) != 0 && settings_.positional.empty()) {
      for (const auto& file : files) {
        settings_.positional.push_back(resolve(folder_, file));
      }
    }
    return {};
  }

  Result<void> read_option(const YAML::Node& key_node, const YAML::Node& value_node,
                           const std::string& section) {
    std::string key = key_node.as<std::string>();
    std::replace(key.begin(), key.end(), '_', '-');
    const OptionDef* def = find_option(key, command_);
    if (def == nullptr && find_option(key) != nullptr) {
      return {};  // a setting of another command
    }
    if (def == nullptr) {
      return unknown(key, key_node, section);
    }
    if (settings_.has(key)) {
      return {};  // a flag or the environment set it
    }
    std::string value;
    if (value_node.IsSequence()) {
      for (const auto& item : value_node) {
        if (!value.empty()) {
          value += ',';
        }
        value += item.as<std::string>();
      }
    } else if (value_node.IsScalar()) {
      value = value_node.as<std::string>();
    } else {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("'{}' needs a value, not a mapping", key), where(key_node),
                        "see docs/options.md for what each setting takes");
    }
    if (auto valid = validate_option(*def, value); !valid.ok()) {
      Error error = valid.error();
      error.context.file = path_;
      error.context.line = key_node.Mark().line + 1;
      error.context.column = key_node.Mark().column + 1;
      return error;
    }
    if (takes_path(*def)) {
      value = resolve(folder_, value);
    }
    settings_.set(key, value, ValueSource::kConfig);
    return {};
  }

  Result<void> unknown(const std::string& key, const YAML::Node& node,
                       const std::string& section) const {
    std::vector<std::string> known;
    for (const auto& def : option_table()) {
      known.emplace_back(def.name);
    }
    if (section.empty()) {
      known.emplace_back(kDataKey);
      known.emplace_back(kFormatsKey);
      for (const char* name : kSections) {
        known.emplace_back(name);
      }
    }
    const std::string near = nearest_key(key, known);
    std::string message = fmt::format("unknown setting '{}'", key);
    if (!section.empty()) {
      message += fmt::format(" in {}:", section);
    }
    if (!near.empty()) {
      message += fmt::format(" (did you mean '{}'?)", near);
    }
    return make_error(
        ErrorCode::kInvalidArgument, message, where(node),
        "see docs/config.md for the file's layout and docs/options.md for the settings");
  }

  std::string path_;
  std::filesystem::path folder_;
  uint32_t command_;
  Settings& settings_;
};

}  // namespace

std::string nearest_key(std::string_view key, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, key.size() / 3) + 1;
  for (const auto& name : known) {
    const size_t distance = edit_distance(key, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

Result<void> apply_config_file(const std::string& path, uint32_t command_bit, Settings& settings) {
  std::ifstream in(path);
  if (!in) {
    return make_error(ErrorCode::kIo, "cannot open the config file",
                      ErrorContext{path, 0, 0, "", "--config"});
  }
  try {
    const YAML::Node root = YAML::LoadFile(path);
    ConfigReader reader(path, command_bit, settings);
    return reader.read(root);
  } catch (const YAML::Exception& e) {
    return make_error(ErrorCode::kInvalidArgument, e.msg,
                      ErrorContext{path, e.mark.line + 1, e.mark.column + 1, "", ""});
  }
}

}  // namespace adpilot::cli
