// Graph API errors: {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}, what
// each family of codes means for a caller (wait and retry, ask for a new token, give up on this
// one call), and the adpilot Error a caller hands on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adpilot/core/result.h"

namespace adpilot::connect::meta_ads {

struct GraphError {
  int http_status = 0;
  int code = 0;
  int subcode = 0;
  std::string type;
  std::string message;
  std::string fbtrace_id;
};

enum class GraphErrorKind : uint8_t {
  kThrottled,   // 4, 17, 32, 613, 80000–80014: too many calls; wait and try again
  kToken,       // 190 (and 102): the access token expired or was revoked; never retried
  kPermission,  // 10, 200–299: the token lacks ads_read / ads_management on this account
  kNotFound,    // 100 with subcode 33: no such object (or not visible to this token)
  kTransient,   // 1, 2: an unexpected or temporary error on Meta's side
  kRefused,     // anything else: this request was refused as made
};

GraphErrorKind classify(const GraphError& error);

// The error object of a Graph answer body, or nullopt when the body holds none (or is not JSON).
std::optional<GraphError> parse_graph_error(std::string_view body, int http_status);

// "(#100) Invalid parameter [code 100, subcode 1885272, fbtrace_id AbC123]".
std::string describe(const GraphError& error);

// The Error a caller returns: kInvalidArgument with a hint for token and permission problems
// (the user must act), kNotFound, kIo for throttling or transient trouble that outlasted the
// retries, kData for a refusal (per-action: apply records it and goes on). `what` says which
// call it was: "reading the insights of act_123".
Error to_error(const GraphError& error, std::string_view what);

}  // namespace adpilot::connect::meta_ads
