#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "adpilot/connect/settings.h"

namespace adpilot::connect {

namespace {

const std::vector<std::string>& credential_keys(const std::string& platform) {
  static const std::vector<std::string> google = {"developer_token", "client_id", "client_secret",
                                                  "refresh_token", "login_customer_id"};
  static const std::vector<std::string> meta = {"access_token", "app_secret"};
  static const std::vector<std::string> none;
  if (platform == kGoogleAds) {
    return google;
  }
  return platform == kMetaAds ? meta : none;
}

}  // namespace

const std::string& Credentials::get(const std::string& key) const {
  static const std::string empty;
  const auto it = values_.find(key);
  return it == values_.end() ? empty : it->second;
}

Result<void> Credentials::require(const std::vector<std::string>& keys) const {
  std::vector<std::string> missing;
  for (const auto& key : keys) {
    if (get(key).empty()) {
      missing.push_back(key);
    }
  }
  if (missing.empty()) {
    return {};
  }
  return make_error(ErrorCode::kInvalidArgument,
                    fmt::format("missing credentials: {} (looked in {})", fmt::join(missing, ", "),
                                source.empty() ? "the environment" : source),
                    {}, "set them in the credentials file or as ADPILOT_<PLATFORM>_<KEY>; see docs/connectors.md");
}

std::string Credentials::describe() const {
  std::vector<std::string> keys;
  for (const auto& [key, value] : values_) {
    if (!value.empty()) {
      keys.push_back(key);
    }
  }
  return fmt::format("{} (from {})", keys.empty() ? "none" : fmt::format("{}", fmt::join(keys, ", ")),
                     source.empty() ? "the environment" : source);
}

std::string credential_env_name(const std::string& platform, const std::string& key) {
  std::string name = "ADPILOT_" + platform + "_" + key;
  for (char& c : name) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

Result<Credentials> load_credentials(const std::string& platform, const std::string& file) {
  const auto& keys = credential_keys(platform);
  if (keys.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("unknown platform '{}'; known: google_ads, meta_ads", platform));
  }
  Credentials credentials;
  if (!file.empty()) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) {
      return make_error(ErrorCode::kNotFound, "cannot read the credentials file",
                        ErrorContext{file, 0, 0, "", "--credentials"});
    }
    if ((info.st_mode & 077) != 0) {
      // Secrets readable by other users are as good as leaked; refuse before reading them.
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("the credentials file may be read by others (mode {:03o})",
                                    info.st_mode & 0777),
                        ErrorContext{file, 0, 0, "", "--credentials"},
                        fmt::format("run: chmod 600 {}", file));
    }
    YAML::Node root;
    try {
      root = YAML::LoadFile(file);
    } catch (const YAML::Exception& e) {
      // The message may quote the file's text; give only the position.
      return make_error(ErrorCode::kInvalidArgument, "the credentials file is not valid YAML",
                        ErrorContext{file, static_cast<int64_t>(e.mark.line) + 1,
                                     static_cast<int64_t>(e.mark.column) + 1, "", "--credentials"});
    }
    if (!root.IsMap()) {
      return make_error(ErrorCode::kInvalidArgument,
                        "the credentials file must be a mapping of platform to keys",
                        ErrorContext{file, 1, 1, "", "--credentials"});
    }
    const YAML::Node section = root[platform];
    if (section && !section.IsMap()) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("'{}' in the credentials file must be a mapping of keys", platform),
                        ErrorContext{file, static_cast<int64_t>(section.Mark().line) + 1,
                                     static_cast<int64_t>(section.Mark().column) + 1, platform,
                                     "--credentials"});
    }
    if (section) {
      for (const auto& entry : section) {
        const std::string key = entry.first.as<std::string>();
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
          return make_error(ErrorCode::kInvalidArgument,
                            fmt::format("unknown key '{}' for {}; known: {}", key, platform,
                                        fmt::join(keys, ", ")),
                            ErrorContext{file, static_cast<int64_t>(entry.first.Mark().line) + 1,
                                         static_cast<int64_t>(entry.first.Mark().column) + 1, key,
                                         "--credentials"});
        }
        credentials.set(key, entry.second.as<std::string>());
      }
    }
    credentials.source = file;
  }
  bool from_env = false;
  for (const auto& key : keys) {
    if (const char* value = std::getenv(credential_env_name(platform, key).c_str()); value && *value) {
      credentials.set(key, value);
      from_env = true;
    }
  }
  if (from_env) {
    credentials.source = credentials.source.empty() ? "the environment"
                                                    : credentials.source + " and the environment";
  }
  return credentials;
}

}  // namespace adpilot::connect
