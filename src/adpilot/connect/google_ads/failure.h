// Google Ads API errors as a person reads them. The API answers a refused request with
// {"error": {"code", "message", "status", "details": [GoogleAdsFailure]}} and a partly refused
// mutate with "partialFailureError" holding the same failure; each GoogleAdsFailure error names
// its kind ({"campaignBudgetError": "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT"}), a message and the
// operation it concerns (location.fieldPathElements: {"fieldName": "operations", "index": k}).
//
//   auto failure = google_ads::parse_error_body(response.body, response.status);
//   std::string text = google_ads::describe_failure(*failure);  // "INVALID_ARGUMENT: …"
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot::connect::google_ads {

struct FailureDetail {
  std::string kind;   // campaignBudgetError, authenticationError, …
  std::string value;  // NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT, …
  std::string message;
  std::optional<int> operation;  // index into the request's operations, when the error has one
  std::string field;             // the field path after the operation: "update.amount_micros"
};

struct Failure {
  int http_status = 0;
  int code = 0;        // google.rpc.Code: 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, …
  std::string status;  // INVALID_ARGUMENT, UNAUTHENTICATED, RESOURCE_EXHAUSTED, …
  std::string message;
  std::string request_id;
  std::vector<FailureDetail> errors;
};

// The failure an error body describes (an object, or searchStream's one-element array of one);
// nullopt when the body is not shaped so (an HTML error page, an empty body).
std::optional<Failure> parse_error_body(std::string_view body, int http_status);

// Adds the errors of a GoogleAdsFailure object (and its requestId) to `into`.
void parse_google_ads_failure(const nlohmann::json& failure, Failure& into);
// The same for a status object such as partialFailureError: its details' failures.
void parse_status_details(const nlohmann::json& status, Failure& into);

// "budget amount too small (campaignBudgetError NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT)".
std::string describe_detail(const FailureDetail& detail);
// "INVALID_ARGUMENT: Request contains an invalid argument.: <each detail>; request id …".
std::string describe_failure(const Failure& failure);

}  // namespace adpilot::connect::google_ads
