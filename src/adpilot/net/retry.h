// When and how long to wait before repeating a failed HTTP attempt: exponential backoff with
// jitter, on answers that say "try again later" (408, 429, 500, 502, 503, 504) and on timeouts and
// dropped connections, and only for requests that are safe to repeat.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace adpilot::net {

struct RetryPolicy {
  int max_attempts = 3;  // 1 sends once and never retries
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{10000};
  double multiplier = 2.0;
  // Each wait is drawn uniformly from [(1 - jitter) · d, d], d the exponential delay, so clients
  // that failed together do not come back together.
  double jitter = 0.5;
};

// Statuses that mean "not now" rather than "not this request".
bool is_retryable_status(int status);

// The wait before attempt `next_attempt` (2 for the first retry): initial · multiplier^(n-2),
// capped at max_backoff, then jittered with u in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int next_attempt, double u);

// A Retry-After header in delta-seconds form ("120"); nullopt for an HTTP date or garbage, which
// the backoff then covers.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

}  // namespace adpilot::net
