#include "adpilot/net/http.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace adpilot::net {

namespace {

char ascii_lower(char ch) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (auto& ch : out) {
    ch = ascii_lower(ch);
  }
  return out;
}

bool is_secret_parameter(std::string_view name) {
  const std::string lower = lowered(name);
  constexpr std::array<std::string_view, 4> kParts = {"key", "token", "secret", "password"};
  return std::any_of(kParts.begin(), kParts.end(),
                     [&](std::string_view part) { return lower.find(part) != std::string::npos; }) ||
         lower == "sig" || lower == "signature";
}

}  // namespace

const char* http_method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet: return "GET";
    case HttpMethod::kHead: return "HEAD";
    case HttpMethod::kPost: return "POST";
    case HttpMethod::kPut: return "PUT";
    case HttpMethod::kPatch: return "PATCH";
    case HttpMethod::kDelete: return "DELETE";
  }
  return "GET";
}

bool is_idempotent(HttpMethod method) {
  return method == HttpMethod::kGet || method == HttpMethod::kHead || method == HttpMethod::kPut ||
         method == HttpMethod::kDelete;
}

std::string_view HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) {
      return h.value;
    }
  }
  return {};
}

bool is_secret_header(std::string_view name) {
  const std::string lower = lowered(name);
  return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
         lower == "set-cookie" || lower.find("api-key") != std::string::npos ||
         lower.find("api_key") != std::string::npos || lower.find("apikey") != std::string::npos ||
         lower.find("token") != std::string::npos || lower.find("secret") != std::string::npos;
}

std::string redact_url(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  // userinfo: scheme://user:password@host
  const size_t scheme_end = url.find("://");
  size_t rest = 0;
  if (scheme_end != std::string_view::npos) {
    const size_t authority = scheme_end + 3;
    const size_t authority_end = url.find_first_of("/?#", authority);
    const size_t at = url.substr(0, authority_end).rfind('@');
    out.append(url.substr(0, authority));
    if (at != std::string_view::npos && at >= authority) {
      out += "***@";
      rest = at + 1;
    } else {
      rest = authority;
    }
  }
  const size_t query = url.find('?', rest);
  if (query == std::string_view::npos) {
    out.append(url.substr(rest));
    return out;
  }
  out.append(url.substr(rest, query + 1 - rest));
  const size_t fragment = url.find('#', query);
  const std::string_view params = url.substr(query + 1, fragment == std::string_view::npos ? std::string_view::npos
                                                                                           : fragment - query - 1);
  size_t start = 0;
  while (start <= params.size()) {
    const size_t amp = params.find('&', start);
    const std::string_view pair = params.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_parameter(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1));
      out += "***";
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) {
      break;
    }
    out += '&';
    start = amp + 1;
  }
  if (fragment != std::string_view::npos) {
    out.append(url.substr(fragment));
  }
  return out;
}

std::string describe_request(const HttpRequest& request) {
  std::string out = http_method_name(request.method);
  out += ' ';
  out += redact_url(request.url);
  for (const auto& h : request.headers) {
    out += "\n  ";
    out += h.name;
    out += ": ";
    out += is_secret_header(h.name) ? "***" : h.value;
  }
  return out;
}

}  // namespace adpilot::net
