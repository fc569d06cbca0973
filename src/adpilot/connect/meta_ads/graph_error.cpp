#include "adpilot/connect/meta_ads/graph_error.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace adpilot::connect::meta_ads {

namespace {

int int_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) {
    return 0;
  }
  if (it->is_number_integer()) {
    return it->get<int>();
  }
  if (it->is_string()) {
    try {
      return std::stoi(it->get<std::string>());
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

std::string string_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

GraphErrorKind classify(const GraphError& error) {
  const int code = error.code;
  if (code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014)) {
    return GraphErrorKind::kThrottled;
  }
  if (code == 190 || code == 102) {
    return GraphErrorKind::kToken;
  }
  if (code == 10 || (code >= 200 && code <= 299)) {
    return GraphErrorKind::kPermission;
  }
  if (code == 100 && error.subcode == 33) {
    return GraphErrorKind::kNotFound;
  }
  if (code == 1 || code == 2) {
    return GraphErrorKind::kTransient;
  }
  return GraphErrorKind::kRefused;
}

std::optional<GraphError> parse_graph_error(std::string_view body, int http_status) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return std::nullopt;
  }
  const auto it = json.find("error");
  if (it == json.end() || !it->is_object()) {
    return std::nullopt;
  }
  GraphError error;
  error.http_status = http_status;
  error.code = int_field(*it, "code");
  error.subcode = int_field(*it, "error_subcode");
  error.type = string_field(*it, "type");
  error.message = string_field(*it, "message");
  error.fbtrace_id = string_field(*it, "fbtrace_id");
  return error;
}

std::string describe(const GraphError& error) {
  std::string text = error.message.empty() ? std::string("no message") : error.message;
  text += fmt::format(" [code {}", error.code);
  if (error.subcode != 0) {
    text += fmt::format(", subcode {}", error.subcode);
  }
  if (!error.fbtrace_id.empty()) {
    text += fmt::format(", fbtrace_id {}", error.fbtrace_id);
  }
  return text + "]";
}

Error to_error(const GraphError& error, std::string_view what) {
  const std::string text = fmt::format("Meta refused {}: {}", what, describe(error));
  switch (classify(error)) {
    case GraphErrorKind::kToken:
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("Meta rejected the access token while {}: it has expired or been "
                                    "revoked [code {}{}]",
                                    what, error.code,
                                    error.fbtrace_id.empty() ? "" : ", fbtrace_id " + error.fbtrace_id),
                        ErrorContext{"", 0, 0, "access_token", ""},
                        "create a new system-user token in Business Settings (docs/connectors.md) and set "
                        "ADPILOT_META_ADS_ACCESS_TOKEN");
    case GraphErrorKind::kPermission:
      return make_error(ErrorCode::kInvalidArgument, text, ErrorContext{"", 0, 0, "access_token", ""},
                        "the token needs ads_read (sync) and ads_management (apply) on this ad account");
    case GraphErrorKind::kNotFound:
      return make_error(ErrorCode::kNotFound, text);
    case GraphErrorKind::kThrottled:
    case GraphErrorKind::kTransient:
      return make_error(ErrorCode::kIo, text, {}, "Meta is limiting calls to this account; try again later");
    case GraphErrorKind::kRefused:
      break;
  }
  return make_error(ErrorCode::kData, text);
}

}  // namespace adpilot::connect::meta_ads
