#include "adpilot/connect/google_ads/failure.h"

#include <fmt/format.h>

namespace adpilot::connect::google_ads {

namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) {
    return {};
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

FailureDetail parse_detail(const json& error) {
  FailureDetail detail;
  detail.message = text_of(error, "message");
  if (const auto code = error.find("errorCode"); code != error.end() && code->is_object() && !code->empty()) {
    // One member: {"<kind>Error": "<VALUE>"}.
    detail.kind = code->begin().key();
    detail.value = code->begin()->is_string() ? code->begin()->get<std::string>() : code->begin()->dump();
  }
  const auto location = error.find("location");
  if (location == error.end() || !location->is_object()) {
    return detail;
  }
  const auto path = location->find("fieldPathElements");
  if (path == location->end() || !path->is_array()) {
    return detail;
  }
  bool after_operation = false;
  for (const auto& element : *path) {
    const std::string name = text_of(element, "fieldName");
    const auto index = element.is_object() ? element.find("index") : element.end();
    const bool has_index = index != element.end() && index->is_number_integer();
    if (name == "operations" && has_index && !detail.operation) {
      detail.operation = index->get<int>();
      after_operation = true;
      continue;
    }
    if (after_operation && !name.empty()) {
      detail.field += detail.field.empty() ? name : "." + name;
    }
  }
  return detail;
}

}  // namespace

void parse_google_ads_failure(const json& failure, Failure& into) {
  if (!failure.is_object()) {
    return;
  }
  if (into.request_id.empty()) {
    into.request_id = text_of(failure, "requestId");
  }
  const auto errors = failure.find("errors");
  if (errors == failure.end() || !errors->is_array()) {
    return;
  }
  for (const auto& error : *errors) {
    if (error.is_object()) {
      into.errors.push_back(parse_detail(error));
    }
  }
}

void parse_status_details(const json& status, Failure& into) {
  if (!status.is_object()) {
    return;
  }
  if (into.message.empty()) {
    into.message = text_of(status, "message");
  }
  if (const auto code = status.find("code"); code != status.end() && code->is_number_integer() && into.code == 0) {
    into.code = code->get<int>();
  }
  const auto details = status.find("details");
  if (details == status.end() || !details->is_array()) {
    return;
  }
  for (const auto& detail : *details) {
    // "@type": "type.googleapis.com/google.ads.googleads.vNN.errors.GoogleAdsFailure"; other
    // detail types (google.rpc.DebugInfo, …) hold nothing for the user.
    if (text_of(detail, "@type").ends_with(".errors.GoogleAdsFailure")) {
      parse_google_ads_failure(detail, into);
    }
  }
}

std::optional<Failure> parse_error_body(std::string_view body, int http_status) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_array() && parsed.size() == 1) {
    parsed = parsed[0];  // searchStream answers with an array of messages, the error among them
  }
  if (!parsed.is_object() || !parsed.contains("error") || !parsed["error"].is_object()) {
    return std::nullopt;
  }
  const json& error = parsed["error"];
  Failure failure;
  failure.http_status = http_status;
  failure.status = text_of(error, "status");
  parse_status_details(error, failure);
  return failure;
}

std::string describe_detail(const FailureDetail& detail) {
  std::string text = detail.message.empty() ? std::string("refused") : detail.message;
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) {
    text.pop_back();
  }
  if (!detail.kind.empty()) {
    text += fmt::format(" ({} {})", detail.kind, detail.value);
  }
  return text;
}

std::string describe_failure(const Failure& failure) {
  std::string text = failure.status.empty() ? fmt::format("HTTP {}", failure.http_status) : failure.status;
  if (!failure.message.empty()) {
    text += ": " + failure.message;
  }
  for (const auto& detail : failure.errors) {
    text += "; " + (detail.operation ? fmt::format("operation {}: ", *detail.operation) : std::string()) +
            describe_detail(detail);
  }
  if (!failure.request_id.empty()) {
    text += ", request id " + failure.request_id;
  }
  return text;
}

}  // namespace adpilot::connect::google_ads
