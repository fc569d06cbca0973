// A fake Google Ads API (REST) on loopback, speaking the real wire format: the OAuth token
// endpoint (refresh-token grant), googleAds:searchStream and googleAds:search with a GAQL subset,
// campaigns:mutate and campaignBudgets:mutate. Requests are checked as strictly as the real API
// checks them (path with version and customer id; developer-token, Bearer token and
// login-customer-id headers; JSON shapes; updateMask; GAQL fields, FROM and WHERE), and refused
// with the API's error body: {"error": {"code", "message", "status", "details":
// [GoogleAdsFailure]}}. The state (campaigns, budgets, ad groups, ads, daily metrics) lives in
// memory; mutates change it and tests read it back. Faults are injected by knobs, and every
// request is recorded.
//
//   GoogleAdsServer fake;                                   // customer 1234567890, v22
//   fake.add_campaign({.id = 111, .name = "Search", .budget_id = 901, .budget_micros = 50'000'000});
//   fake.add_metrics({.level = "campaign", .id = 111, .date = "2026-10-01", .impressions = 100});
//   settings.api_base = fake.api_base(); settings.token_url = fake.token_url();
//   fake.fail_next(2, 503);                                 // the next two API calls fail
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "adpilot/connect/settings.h"
#include "fakes/loopback_server.h"

namespace adpilot::testing {

struct FakeCampaign {
  int64_t id = 0;
  std::string name;
  std::string status = "ENABLED";  // ENABLED, PAUSED, REMOVED
  int64_t budget_id = 0;
  int64_t budget_micros = 0;  // filled from the budget when read back
};

struct FakeAdGroup {
  int64_t id = 0;
  int64_t campaign_id = 0;
  std::string name;
  std::string status = "ENABLED";
};

struct FakeAd {
  int64_t id = 0;
  int64_t ad_group_id = 0;
  std::string name;
  std::string status = "ENABLED";
};

// One entity's figures on one day. level: campaign, ad_group or ad.
struct FakeMetrics {
  std::string level = "campaign";
  int64_t id = 0;
  std::string date;
  int64_t impressions = 0;
  int64_t clicks = 0;
  int64_t cost_micros = 0;
  double conversions = 0;
  double conversions_value = 0;
};

struct FakeGoogleAdsRequest {
  std::string path;
  std::string developer_token;
  std::string authorization;
  std::string login_customer_id;
  std::string content_type;
  std::string body;
  int status = 0;  // what the fake answered
};

struct GoogleAdsServerConfig {
  std::string customer_id = "1234567890";
  std::string version = "v22";
  std::string developer_token = "fake-developer-token";
  std::string client_id = "fake-client-id.apps.googleusercontent.com";
  std::string client_secret = "fake-client-secret";
  std::string refresh_token = "fake-refresh-token";
  std::string login_customer_id;  // when set, every call must carry it
  std::string currency = "USD";
  int token_lifetime_seconds = 3599;
  size_t batch_size = 10000;  // rows per searchStream batch
};

class GoogleAdsServer {
 public:
  using json = nlohmann::json;

  explicit GoogleAdsServer(GoogleAdsServerConfig config = {}) : config_(std::move(config)) {
    loopback_.server().Post(".*", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    loopback_.start();
  }
  ~GoogleAdsServer() { loopback_.stop(); }
  GoogleAdsServer(const GoogleAdsServer&) = delete;
  GoogleAdsServer& operator=(const GoogleAdsServer&) = delete;

  const GoogleAdsServerConfig& config() const { return config_; }
  std::string api_base() const { return loopback_.url(); }
  std::string token_url() const { return loopback_.url("/token"); }

  // --- state ---------------------------------------------------------------------------------
  void add_campaign(FakeCampaign campaign) {
    std::lock_guard<std::mutex> lock(mutex_);
    budgets_[campaign.budget_id] = campaign.budget_micros;
    campaigns_[campaign.id] = std::move(campaign);
  }
  void add_ad_group(FakeAdGroup group) {
    std::lock_guard<std::mutex> lock(mutex_);
    ad_groups_[group.id] = std::move(group);
  }
  void add_ad(FakeAd ad) {
    std::lock_guard<std::mutex> lock(mutex_);
    ads_[ad.id] = std::move(ad);
  }
  void add_metrics(FakeMetrics metrics) {
    std::lock_guard<std::mutex> lock(mutex_);
    metrics_.push_back(std::move(metrics));
  }
  // A small table, one row per line: level,id,date,impressions,clicks,cost_micros,conversions,
  // conversions_value (a header line starting with "level" is skipped).
  void seed_metrics(const std::string& table) {
    std::istringstream lines(table);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty() || line.starts_with("level")) {
        continue;
      }
      std::vector<std::string> cells;
      std::stringstream cells_in(line);
      for (std::string cell; std::getline(cells_in, cell, ',');) {
        cells.push_back(cell);
      }
      if (cells.size() != 8) {
        throw std::runtime_error("seed_metrics: 8 cells expected in: " + line);
      }
      add_metrics({cells[0], std::stoll(cells[1]), cells[2], std::stoll(cells[3]), std::stoll(cells[4]),
                   std::stoll(cells[5]), std::stod(cells[6]), std::stod(cells[7])});
    }
  }
  std::optional<FakeCampaign> campaign(int64_t id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = campaigns_.find(id);
    if (it == campaigns_.end()) {
      return std::nullopt;
    }
    FakeCampaign out = it->second;
    out.budget_micros = budgets_.at(out.budget_id);
    return out;
  }

  // --- faults --------------------------------------------------------------------------------
  // The next n API calls (not the token endpoint) answer `status`: 429 RESOURCE_EXHAUSTED,
  // 500 INTERNAL, 503 UNAVAILABLE or 504 DEADLINE_EXCEEDED, without doing anything. With
  // `path_suffix` (":mutate", "googleAds:searchStream") only calls whose path ends so count.
  void fail_next(int n, int status, std::string path_suffix = "") {
    std::lock_guard<std::mutex> lock(mutex_);
    fail_count_ = n;
    fail_status_ = status;
    fail_suffix_ = std::move(path_suffix);
  }
  // The next n API calls wait this long before being handled (longer than a client's timeout).
  void slow_next(int n, std::chrono::milliseconds delay) {
    std::lock_guard<std::mutex> lock(mutex_);
    slow_count_ = n;
    slow_delay_ = delay;
  }
  // The next n API calls answer 200 with a body that is not JSON.
  void malformed_next(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    malformed_count_ = n;
  }
  // The next mutate refuses operation `index` with this error (the others go through when the
  // request allows partial failure).
  void fail_operation(int index, std::string kind, std::string value, std::string message) {
    std::lock_guard<std::mutex> lock(mutex_);
    injected_op_ = InjectedError{index, std::move(kind), std::move(value), std::move(message)};
  }
  // Every access token issued so far stops working: 401 UNAUTHENTICATED until a new one is fetched.
  void expire_tokens() {
    std::lock_guard<std::mutex> lock(mutex_);
    tokens_.clear();
  }
  // The next n mutates make their changes, then wait `delay` before answering (the client times
  // out although the change was made).
  void timeout_after_apply_next(int n, std::chrono::milliseconds delay) {
    std::lock_guard<std::mutex> lock(mutex_);
    late_count_ = n;
    late_delay_ = delay;
  }

  // --- records -------------------------------------------------------------------------------
  std::vector<FakeGoogleAdsRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  // Requests whose path ends with `suffix` (":mutate", "campaigns:mutate", "/token", …).
  int count(const std::string& suffix) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(std::count_if(requests_.begin(), requests_.end(),
                                          [&](const auto& r) { return r.path.ends_with(suffix); }));
  }
  // Operations applied by mutates (validateOnly and refused ones excluded).
  int applied_operations() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return applied_operations_;
  }

  // --- error bodies --------------------------------------------------------------------------
  static json ads_error(std::string kind, std::string value, std::string message, std::optional<int> operation = {},
                        std::vector<std::string> fields = {}) {
    json error = {{"errorCode", {{kind, value}}}, {"message", message}};
    if (operation) {
      json path = json::array({{{"fieldName", "operations"}, {"index", *operation}}});
      for (const auto& field : fields) {
        path.push_back({{"fieldName", field}});
      }
      error["location"] = {{"fieldPathElements", path}};
    }
    return error;
  }

 private:
  struct InjectedError {
    int index = 0;
    std::string kind, value, message;
  };

  struct Row {
    const FakeCampaign* campaign = nullptr;
    const FakeAdGroup* ad_group = nullptr;
    const FakeAd* ad = nullptr;
    const FakeMetrics* metrics = nullptr;
  };

  struct Query {
    std::vector<std::string> fields;
    std::string from;
    std::optional<std::string> since, until;
    std::map<std::string, std::vector<int64_t>> ids;  // campaign.id / ad_group.id / ad_group_ad.ad.id
    std::vector<std::pair<std::string, std::string>> status_equals, status_differs;  // (field, value)
    std::optional<size_t> limit;
  };

  static std::pair<int, int> status_codes(const std::string& status) {
    static const std::map<std::string, std::pair<int, int>> codes = {
        {"INVALID_ARGUMENT", {400, 3}}, {"UNAUTHENTICATED", {401, 16}}, {"PERMISSION_DENIED", {403, 7}},
        {"NOT_FOUND", {404, 5}},        {"RESOURCE_EXHAUSTED", {429, 8}}, {"INTERNAL", {500, 13}},
        {"UNAVAILABLE", {503, 14}},     {"DEADLINE_EXCEEDED", {504, 4}}};
    return codes.at(status);
  }

  std::string next_request_id() { return "fake-request-" + std::to_string(++request_serial_); }

  json failure_detail(const std::vector<json>& errors, const std::string& request_id) const {
    return {{"@type", "type.googleapis.com/google.ads.googleads." + config_.version + ".errors.GoogleAdsFailure"},
            {"errors", errors},
            {"requestId", request_id}};
  }

  // The API's error body; GoogleAdsFailure details only when there are Google Ads errors.
  json error_body(const std::string& status, const std::string& message, const std::vector<json>& errors,
                  const std::string& request_id) const {
    json error = {{"code", status_codes(status).first}, {"message", message}, {"status", status}};
    if (!errors.empty()) {
      error["details"] = json::array({failure_detail(errors, request_id)});
    }
    return {{"error", error}};
  }

  void reply(httplib::Response& res, int status, const json& body, const std::string& request_id) {
    res.status = status;
    res.set_header("request-id", request_id);
    res.set_content(body.dump(), "application/json");
  }

  void refuse(httplib::Response& res, const std::string& status, const std::string& message,
              const std::vector<json>& errors, const std::string& request_id) {
    reply(res, status_codes(status).first, error_body(status, message, errors, request_id), request_id);
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    FakeGoogleAdsRequest record{req.path,
                                req.get_header_value("developer-token"),
                                req.get_header_value("Authorization"),
                                req.get_header_value("login-customer-id"),
                                req.get_header_value("Content-Type"),
                                req.body,
                                0};
    std::chrono::milliseconds slow{0};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (req.path != "/token" && slow_count_ > 0) {
        --slow_count_;
        slow = slow_delay_;
      }
    }
    if (slow.count() > 0 && !loopback_.wait_for(slow)) {
      return;  // stopping
    }
    std::chrono::milliseconds late{0};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (req.path == "/token") {
        handle_token(req, res);
      } else {
        late = handle_api(req, res);
      }
      record.status = res.status;
      requests_.push_back(std::move(record));
    }
    if (late.count() > 0) {
      loopback_.wait_for(late);  // the change is made; the answer comes too late
    }
  }

  void handle_token(const httplib::Request& req, httplib::Response& res) {
    httplib::Params form;
    httplib::detail::parse_query_text(req.body, form);
    const auto field = [&](const char* name) {
      const auto it = form.find(name);
      return it == form.end() ? std::string() : it->second;
    };
    res.set_header("Cache-Control", "no-store");
    if (!req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded") ||
        field("grant_type") != "refresh_token") {
      res.status = 400;
      res.set_content(R"({"error":"unsupported_grant_type","error_description":"Invalid grant_type: "})",
                      "application/json");
      return;
    }
    if (field("client_id") != config_.client_id || field("client_secret") != config_.client_secret) {
      res.status = 401;
      res.set_content(R"({"error":"invalid_client","error_description":"Unauthorized"})", "application/json");
      return;
    }
    if (field("refresh_token") != config_.refresh_token) {
      res.status = 400;
      res.set_content(R"({"error":"invalid_grant","error_description":"Token has been expired or revoked."})",
                      "application/json");
      return;
    }
    const std::string token = "ya29.fake-access-" + std::to_string(++token_serial_);
    tokens_.insert(token);
    res.status = 200;
    res.set_content(json{{"access_token", token},
                         {"expires_in", config_.token_lifetime_seconds},
                         {"scope", "https://www.googleapis.com/auth/adwords"},
                         {"token_type", "Bearer"}}
                        .dump(),
                    "application/json");
  }

  // Returns how long to hold the answer back (the timeout-after-apply fault).
  std::chrono::milliseconds handle_api(const httplib::Request& req, httplib::Response& res) {
    const std::string request_id = next_request_id();
    if (fail_count_ > 0 && req.path.ends_with(fail_suffix_)) {
      --fail_count_;
      static const std::map<int, std::pair<std::string, std::string>> faults = {
          {429, {"RESOURCE_EXHAUSTED", "Too many requests. Retry in 30 seconds."}},
          {500, {"INTERNAL", "Internal error encountered."}},
          {503, {"UNAVAILABLE", "The service is currently unavailable."}},
          {504, {"DEADLINE_EXCEEDED", "Deadline exceeded."}}};
      const auto& [status, message] = faults.at(fail_status_);
      std::vector<json> errors;
      if (fail_status_ == 429) {
        errors.push_back(ads_error("quotaError", "RESOURCE_EXHAUSTED", message));
      }
      refuse(res, status, message, errors, request_id);
      return {};
    }
    if (malformed_count_ > 0) {
      --malformed_count_;
      res.status = 200;
      res.set_header("request-id", request_id);
      res.set_content(R"([{"results": [{"campaign": {"id": "1", "name": )", "application/json");
      return {};
    }
    static const std::regex kPath(R"(^/(v\d+)/customers/([^/]+)/([A-Za-z]+:[A-Za-z]+)$)");
    std::smatch parts;
    if (!std::regex_match(req.path, parts, kPath) || parts[1] != config_.version) {
      refuse(res, "NOT_FOUND", "The requested URL " + req.path + " was not found on this server.", {}, request_id);
      return {};
    }
    const std::string method = parts[3];
    if (method != "googleAds:searchStream" && method != "googleAds:search" && method != "campaigns:mutate" &&
        method != "campaignBudgets:mutate") {
      refuse(res, "NOT_FOUND", "Method not found: " + method, {}, request_id);
      return {};
    }
    const std::string authorization = req.get_header_value("Authorization");
    if (!authorization.starts_with("Bearer ") || tokens_.count(authorization.substr(7)) == 0) {
      refuse(res, "UNAUTHENTICATED",
             "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie "
             "or other valid authentication credential.",
             {ads_error("authenticationError", "OAUTH_TOKEN_INVALID", "Oauth token in the header is not valid.")},
             request_id);
      return {};
    }
    if (req.get_header_value("developer-token") != config_.developer_token) {
      refuse(res, "INVALID_ARGUMENT", "Request contains an invalid argument.",
             {ads_error("authenticationError", "DEVELOPER_TOKEN_INVALID", "The developer token is not valid.")},
             request_id);
      return {};
    }
    const std::string login = req.get_header_value("login-customer-id");
    if (!login.empty() && !std::all_of(login.begin(), login.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      refuse(res, "INVALID_ARGUMENT", "Request contains an invalid argument.",
             {ads_error("requestError", "INVALID_LOGIN_CUSTOMER_ID_SERVING_CUSTOMER_ID_COMBINATION",
                        "The login-customer-id header must be digits only.")},
             request_id);
      return {};
    }
    if (login != config_.login_customer_id) {
      refuse(res, "PERMISSION_DENIED", "The caller does not have permission",
             {ads_error("authorizationError", "USER_PERMISSION_DENIED",
                        "User doesn't have permission to access customer. Note: If you're accessing a client customer, "
                        "the manager's customer id must be set in the 'login-customer-id' header.")},
             request_id);
      return {};
    }
    if (parts[2] != config_.customer_id) {
      refuse(res, "PERMISSION_DENIED", "The caller does not have permission",
             {ads_error("authorizationError", "USER_PERMISSION_DENIED",
                        "User doesn't have permission to access customer " + std::string(parts[2]) + ".")},
             request_id);
      return {};
    }
    if (!req.get_header_value("Content-Type").starts_with("application/json")) {
      refuse(res, "INVALID_ARGUMENT", "Request body must be JSON (Content-Type: application/json).", {}, request_id);
      return {};
    }
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
      refuse(res, "INVALID_ARGUMENT", "Invalid JSON payload received.", {}, request_id);
      return {};
    }
    if (method.starts_with("googleAds:")) {
      handle_search(body, method == "googleAds:searchStream", res, request_id);
      return {};
    }
    const bool applied = handle_mutate(body, method == "campaigns:mutate", res, request_id);
    if (applied && late_count_ > 0) {
      --late_count_;
      return late_delay_;
    }
    return {};
  }

  // ------------------------------------------------------------------------------------ GAQL
  static const std::map<std::string, std::set<std::string>>& resource_fields() {
    static const std::set<std::string> metrics = {"segments.date",   "metrics.impressions",  "metrics.clicks",
                                                  "metrics.cost_micros", "metrics.conversions",
                                                  "metrics.conversions_value"};
    const auto with = [&](std::set<std::string> fields, bool segmented) {
      if (segmented) {
        fields.insert(metrics.begin(), metrics.end());
      }
      fields.insert("customer.currency_code");
      fields.insert("customer.id");
      return fields;
    };
    static const std::map<std::string, std::set<std::string>> fields = {
        {"customer", with({"customer.descriptive_name"}, false)},
        {"campaign", with({"campaign.id", "campaign.name", "campaign.status", "campaign.campaign_budget",
                           "campaign_budget.amount_micros", "campaign_budget.id"},
                          true)},
        {"ad_group", with({"campaign.id", "campaign.name", "campaign.status", "ad_group.id", "ad_group.name",
                           "ad_group.status"},
                          true)},
        {"ad_group_ad", with({"campaign.id", "campaign.name", "ad_group.id", "ad_group.name", "ad_group.status",
                              "ad_group_ad.ad.id", "ad_group_ad.ad.name", "ad_group_ad.status"},
                             true)},
    };
    return fields;
  }

  static std::string trim(const std::string& text) {
    const size_t begin = text.find_first_not_of(" \t\r\n");
    const size_t end = text.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
  }

  // Parses the GAQL subset adpilot uses; "" on success, else the error's (value, message).
  std::optional<std::pair<std::string, std::string>> parse_query(const std::string& text, Query& query) const {
    static const std::regex kShape(R"(^\s*SELECT\s+(.+?)\s+FROM\s+([a-z_]+)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$)",
                                   std::regex::icase);
    std::smatch shape;
    if (!std::regex_match(text, shape, kShape)) {
      return std::pair{"UNEXPECTED_INPUT", "Error in query: expected SELECT … FROM … [WHERE …] [LIMIT n]."};
    }
    query.from = shape[2];
    const auto known = resource_fields().find(query.from);
    if (known == resource_fields().end()) {
      return std::pair{"INVALID_RESOURCE_NAME_IN_FROM_CLAUSE", "Unrecognized resource name in FROM: " + query.from};
    }
    std::stringstream fields_in(shape[1].str());
    for (std::string field; std::getline(fields_in, field, ',');) {
      field = trim(field);
      if (known->second.count(field) == 0) {
        return std::pair{"UNRECOGNIZED_FIELD", "Unrecognized field in the query: '" + field + "'."};
      }
      if (std::find(query.fields.begin(), query.fields.end(), field) != query.fields.end()) {
        return std::pair{"DUPLICATE_FIELD_IN_SELECT_CLAUSE", "Duplicate field in SELECT clause: " + field};
      }
      query.fields.push_back(field);
    }
    if (shape[4].matched) {
      query.limit = std::stoul(shape[4].str());
    }
    std::string where = shape[3].matched ? shape[3].str() : std::string();
    static const std::regex kBetween(R"(^\s*segments\.date\s+BETWEEN\s+'(\d{4}-\d{2}-\d{2})'\s+AND\s+'(\d{4}-\d{2}-\d{2})')",
                                     std::regex::icase);
    static const std::regex kIdEquals(R"(^\s*(campaign\.id|ad_group\.id|ad_group_ad\.ad\.id)\s*=\s*(\d+))");
    static const std::regex kIdIn(R"(^\s*(campaign\.id|ad_group\.id|ad_group_ad\.ad\.id)\s+IN\s*\(([\d\s,]+)\))",
                                  std::regex::icase);
    static const std::regex kStatus(R"(^\s*(campaign\.status|ad_group\.status|ad_group_ad\.status)\s*(=|!=)\s*'([A-Z_]+)')");
    static const std::regex kAnd(R"(^\s+AND\s+)", std::regex::icase);
    while (!where.empty()) {
      std::smatch m;
      if (std::regex_search(where, m, kBetween)) {
        query.since = m[1];
        query.until = m[2];
      } else if (std::regex_search(where, m, kIdEquals)) {
        query.ids[m[1]].push_back(std::stoll(m[2]));
      } else if (std::regex_search(where, m, kIdIn)) {
        std::stringstream ids_in(m[2].str());
        auto& ids = query.ids[m[1]];
        for (std::string id; std::getline(ids_in, id, ',');) {
          id = trim(id);
          if (id.empty()) {
            return std::pair{"UNEXPECTED_INPUT", "Error in WHERE clause: empty value in IN list."};
          }
          ids.push_back(std::stoll(id));
        }
      } else if (std::regex_search(where, m, kStatus)) {
        (m[2] == "=" ? query.status_equals : query.status_differs).emplace_back(m[1], m[3]);
      } else {
        return std::pair{"UNEXPECTED_INPUT", "Error in WHERE clause: unsupported condition near '" + where + "'."};
      }
      where = m.suffix();
      std::smatch joiner;
      if (std::regex_search(where, joiner, kAnd)) {
        where = joiner.suffix();
      } else if (!trim(where).empty()) {
        return std::pair{"UNEXPECTED_INPUT", "Error in WHERE clause: expected AND near '" + where + "'."};
      } else {
        where.clear();
      }
    }
    const bool segmented = std::any_of(query.fields.begin(), query.fields.end(), [](const std::string& f) {
      return f.starts_with("metrics.") || f.starts_with("segments.");
    });
    if (segmented && (!query.since || !query.until)) {
      return std::pair{"EXPECTED_FILTERS_ON_DATE_RANGE",
                       "Metrics and segments.date need a finite date range: WHERE segments.date BETWEEN … AND …"};
    }
    if (segmented && std::find(query.fields.begin(), query.fields.end(), "segments.date") == query.fields.end()) {
      return std::pair{"PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE",
                       "This fake only serves daily rows: select segments.date with metrics."};
    }
    return std::nullopt;
  }

  std::string customer_path() const { return "customers/" + config_.customer_id; }

  void set_field(json& out, const std::string& field, const Row& row) const {
    const auto put_resource = [&](const char* key, const std::string& name) {
      out[key]["resourceName"] = name;
    };
    const auto s = [](int64_t v) { return std::to_string(v); };
    if (field == "segments.date") {
      out["segments"]["date"] = row.metrics->date;
    } else if (field.starts_with("metrics.")) {
      // proto3 JSON leaves fields at their default (0) out, as the real API does.
      const FakeMetrics& m = *row.metrics;
      if (field == "metrics.impressions" && m.impressions != 0) {
        out["metrics"]["impressions"] = s(m.impressions);
      } else if (field == "metrics.clicks" && m.clicks != 0) {
        out["metrics"]["clicks"] = s(m.clicks);
      } else if (field == "metrics.cost_micros" && m.cost_micros != 0) {
        out["metrics"]["costMicros"] = s(m.cost_micros);
      } else if (field == "metrics.conversions" && m.conversions != 0) {
        out["metrics"]["conversions"] = m.conversions;
      } else if (field == "metrics.conversions_value" && m.conversions_value != 0) {
        out["metrics"]["conversionsValue"] = m.conversions_value;
      }
      if (!out.contains("metrics")) {
        out["metrics"] = json::object();
      }
    } else if (field.starts_with("customer.")) {
      put_resource("customer", customer_path());
      if (field == "customer.currency_code") {
        out["customer"]["currencyCode"] = config_.currency;
      } else if (field == "customer.id") {
        out["customer"]["id"] = config_.customer_id;
      } else {
        out["customer"]["descriptiveName"] = "Fake account";
      }
    } else if (field.starts_with("campaign.")) {
      const FakeCampaign& c = *row.campaign;
      put_resource("campaign", customer_path() + "/campaigns/" + s(c.id));
      if (field == "campaign.id") {
        out["campaign"]["id"] = s(c.id);
      } else if (field == "campaign.name") {
        out["campaign"]["name"] = c.name;
      } else if (field == "campaign.status") {
        out["campaign"]["status"] = c.status;
      } else if (field == "campaign.campaign_budget") {
        out["campaign"]["campaignBudget"] = customer_path() + "/campaignBudgets/" + s(c.budget_id);
      }
    } else if (field.starts_with("campaign_budget.")) {
      const FakeCampaign& c = *row.campaign;
      put_resource("campaignBudget", customer_path() + "/campaignBudgets/" + s(c.budget_id));
      if (field == "campaign_budget.amount_micros") {
        out["campaignBudget"]["amountMicros"] = s(budgets_.at(c.budget_id));
      } else {
        out["campaignBudget"]["id"] = s(c.budget_id);
      }
    } else if (field.starts_with("ad_group.")) {
      const FakeAdGroup& g = *row.ad_group;
      put_resource("adGroup", customer_path() + "/adGroups/" + s(g.id));
      if (field == "ad_group.id") {
        out["adGroup"]["id"] = s(g.id);
      } else if (field == "ad_group.name") {
        out["adGroup"]["name"] = g.name;
      } else {
        out["adGroup"]["status"] = g.status;
      }
    } else if (field.starts_with("ad_group_ad.")) {
      const FakeAd& a = *row.ad;
      put_resource("adGroupAd", customer_path() + "/adGroupAds/" + s(a.ad_group_id) + "~" + s(a.id));
      if (field == "ad_group_ad.ad.id") {
        out["adGroupAd"]["ad"]["id"] = s(a.id);
        out["adGroupAd"]["ad"]["resourceName"] = customer_path() + "/ads/" + s(a.id);
      } else if (field == "ad_group_ad.ad.name") {
        out["adGroupAd"]["ad"]["name"] = a.name;
      } else {
        out["adGroupAd"]["status"] = a.status;
      }
    }
  }

  bool passes(const Query& query, const Row& row) const {
    const auto id_ok = [&](const char* field, int64_t id) {
      const auto it = query.ids.find(field);
      return it == query.ids.end() || std::find(it->second.begin(), it->second.end(), id) != it->second.end();
    };
    if (row.campaign && !id_ok("campaign.id", row.campaign->id)) {
      return false;
    }
    if (row.ad_group && !id_ok("ad_group.id", row.ad_group->id)) {
      return false;
    }
    if (row.ad && !id_ok("ad_group_ad.ad.id", row.ad->id)) {
      return false;
    }
    const auto status_of = [&](const std::string& field) -> std::string {
      if (field == "campaign.status") {
        return row.campaign ? row.campaign->status : "";
      }
      if (field == "ad_group.status") {
        return row.ad_group ? row.ad_group->status : "";
      }
      return row.ad ? row.ad->status : "";
    };
    for (const auto& [field, value] : query.status_equals) {
      if (status_of(field) != value) {
        return false;
      }
    }
    for (const auto& [field, value] : query.status_differs) {
      if (status_of(field) == value) {
        return false;
      }
    }
    if (row.metrics && (row.metrics->date < *query.since || row.metrics->date > *query.until)) {
      return false;
    }
    return true;
  }

  // The entity rows of a query's FROM resource (one per entity, or per entity and day).
  std::vector<Row> rows_for(const Query& query) const {
    std::vector<Row> rows;
    const bool segmented = query.since.has_value();
    const auto with_parents = [&](Row row) {
      if (row.ad) {
        row.ad_group = &ad_groups_.at(row.ad->ad_group_id);
      }
      if (row.ad_group) {
        row.campaign = &campaigns_.at(row.ad_group->campaign_id);
      }
      return row;
    };
    if (query.from == "customer") {
      rows.push_back({});
    } else if (!segmented) {
      if (query.from == "campaign") {
        for (const auto& [id, c] : campaigns_) {
          rows.push_back({&c, nullptr, nullptr, nullptr});
        }
      } else if (query.from == "ad_group") {
        for (const auto& [id, g] : ad_groups_) {
          rows.push_back(with_parents({nullptr, &g, nullptr, nullptr}));
        }
      } else {
        for (const auto& [id, a] : ads_) {
          rows.push_back(with_parents({nullptr, nullptr, &a, nullptr}));
        }
      }
    } else {
      const std::string level = query.from == "ad_group_ad" ? "ad" : query.from;
      for (const auto& m : metrics_) {
        if (m.level != level) {
          continue;
        }
        Row row;
        row.metrics = &m;
        if (level == "campaign") {
          row.campaign = &campaigns_.at(m.id);
        } else if (level == "ad_group") {
          row.ad_group = &ad_groups_.at(m.id);
        } else {
          row.ad = &ads_.at(m.id);
        }
        rows.push_back(with_parents(row));
      }
    }
    std::vector<Row> kept;
    for (const auto& row : rows) {
      if (passes(query, row) && (!query.limit || kept.size() < *query.limit)) {
        kept.push_back(row);
      }
    }
    return kept;
  }

  void handle_search(const json& body, bool stream, httplib::Response& res, const std::string& request_id) {
    for (const auto& [key, value] : body.items()) {
      if (key != "query" && key != "pageToken" && key != "summaryRowSetting") {
        refuse(res, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \"" + key + "\": Cannot find field.",
               {}, request_id);
        return;
      }
    }
    if (!body.contains("query") || !body["query"].is_string()) {
      refuse(res, "INVALID_ARGUMENT", "Request contains an invalid argument.",
             {ads_error("queryError", "UNEXPECTED_END_OF_QUERY", "The query is missing.")}, request_id);
      return;
    }
    Query query;
    if (auto problem = parse_query(body["query"].get<std::string>(), query)) {
      const json failure = error_body("INVALID_ARGUMENT", "Request contains an invalid argument.",
                                      {ads_error("queryError", problem->first, problem->second)}, request_id);
      reply(res, 400, stream ? json::array({failure}) : failure, request_id);
      return;
    }
    json results = json::array();
    for (const auto& row : rows_for(query)) {
      json out = json::object();
      for (const auto& field : query.fields) {
        set_field(out, field, row);
      }
      results.push_back(std::move(out));
    }
    std::string mask;
    for (const auto& field : query.fields) {
      mask += (mask.empty() ? "" : ",") + field;
    }
    if (!stream) {
      json page = {{"fieldMask", mask}, {"requestId", request_id}, {"queryResourceConsumption", "10"}};
      if (!results.empty()) {
        page["results"] = results;
      }
      reply(res, 200, page, request_id);
      return;
    }
    json batches = json::array();
    const size_t size = std::max<size_t>(1, config_.batch_size);
    for (size_t begin = 0; begin < results.size(); begin += size) {
      json batch = {{"results", json::array()}, {"fieldMask", mask}, {"requestId", request_id}};
      for (size_t i = begin; i < std::min(results.size(), begin + size); ++i) {
        batch["results"].push_back(results[i]);
      }
      batches.push_back(std::move(batch));
    }
    if (batches.empty()) {
      batches.push_back({{"fieldMask", mask}, {"requestId", request_id}});
    }
    reply(res, 200, batches, request_id);
  }

  // ---------------------------------------------------------------------------------- mutate
  // Returns whether any change was made (for the timeout-after-apply fault).
  bool handle_mutate(const json& body, bool campaigns, httplib::Response& res, const std::string& request_id) {
    for (const auto& [key, value] : body.items()) {
      if (key != "operations" && key != "partialFailure" && key != "validateOnly" && key != "responseContentType") {
        refuse(res, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \"" + key + "\": Cannot find field.",
               {}, request_id);
        return false;
      }
    }
    if (!body.contains("operations") || !body["operations"].is_array() || body["operations"].empty()) {
      refuse(res, "INVALID_ARGUMENT", "Request contains an invalid argument.",
             {ads_error("mutateError", "EMPTY_MUTATE_OPERATION", "The request has no operations.")}, request_id);
      return false;
    }
    for (const char* flag : {"partialFailure", "validateOnly"}) {
      if (body.contains(flag) && !body[flag].is_boolean()) {
        refuse(res, "INVALID_ARGUMENT",
               std::string("Invalid value at '") + flag + "' (TYPE_BOOL), " + body[flag].dump(), {}, request_id);
        return false;
      }
    }
    const bool partial = body.value("partialFailure", false);
    const bool validate_only = body.value("validateOnly", false);
    const json& operations = body["operations"];
    std::vector<json> errors;
    std::vector<std::string> names(operations.size());
    std::vector<std::pair<int64_t, json>> changes(operations.size());  // (id, the update)
    static const std::regex kCampaign(R"(^customers/(\d+)/campaigns/(\d+)$)");
    static const std::regex kBudget(R"(^customers/(\d+)/campaignBudgets/(\d+)$)");
    for (size_t i = 0; i < operations.size(); ++i) {
      const int index = static_cast<int>(i);
      const json& op = operations[i];
      const auto fail = [&](const std::string& kind, const std::string& value, const std::string& message,
                            std::vector<std::string> fields = {}) {
        errors.push_back(ads_error(kind, value, message, index, std::move(fields)));
      };
      if (injected_op_ && injected_op_->index == index) {
        fail(injected_op_->kind, injected_op_->value, injected_op_->message, {"update"});
        continue;
      }
      if (!op.is_object() || !op.contains("update") || !op["update"].is_object()) {
        fail("mutateError", "MUTATE_NOT_ALLOWED", "Only update operations are served by this fake.");
        continue;
      }
      const json& update = op["update"];
      const std::string name = update.value("resourceName", "");
      std::smatch m;
      if (!std::regex_match(name, m, campaigns ? kCampaign : kBudget) || m[1] != config_.customer_id) {
        fail("requestError", "RESOURCE_NAME_MALFORMED", "The resource name is malformed: '" + name + "'.",
             {"update", "resource_name"});
        continue;
      }
      const int64_t id = std::stoll(m[2]);
      const std::string field = campaigns ? "status" : "amount_micros";
      const std::string json_field = campaigns ? "status" : "amountMicros";
      if (!op.contains("updateMask") || !op["updateMask"].is_string() || op["updateMask"] != field) {
        fail("fieldMaskError", "FIELD_NOT_FOUND",
             "The field mask must name exactly the field that is set: '" + field + "'.", {"update_mask"});
        continue;
      }
      bool stray = false;
      for (const auto& [key, value] : update.items()) {
        stray = stray || (key != "resourceName" && key != json_field);
      }
      if (stray || !update.contains(json_field)) {
        fail("fieldMaskError", "FIELD_HAS_SUBFIELDS", "The update sets fields the mask does not name.", {"update"});
        continue;
      }
      if (campaigns) {
        const auto it = campaigns_.find(id);
        if (it == campaigns_.end()) {
          fail("mutateError", "RESOURCE_NOT_FOUND", "The requested resource was not found.", {"update"});
          continue;
        }
        const json& status = update["status"];
        if (!status.is_string() || (status != "ENABLED" && status != "PAUSED")) {
          fail("requestError", "INVALID_ENUM_VALUE", "Enum value is not valid: " + status.dump(), {"update", "status"});
          continue;
        }
        if (it->second.status == "REMOVED") {
          fail("operationAccessDeniedError", "OPERATION_NOT_PERMITTED_FOR_REMOVED_RESOURCE",
               "Mutate operations are not permitted on removed resources.", {"update"});
          continue;
        }
      } else {
        if (budgets_.count(id) == 0) {
          fail("mutateError", "RESOURCE_NOT_FOUND", "The requested resource was not found.", {"update"});
          continue;
        }
        const json& amount = update["amountMicros"];
        int64_t micros = 0;
        const std::string digits = amount.is_string() ? amount.get<std::string>() : std::string();
        if (!digits.empty() && digits.find_first_not_of("-0123456789") == std::string::npos) {
          micros = std::stoll(digits);
        } else if (amount.is_number_integer()) {
          micros = amount.get<int64_t>();
        } else {
          fail("requestError", "INVALID_INPUT", "amountMicros must be an int64: " + amount.dump(),
               {"update", "amount_micros"});
          continue;
        }
        if (micros < 0) {
          fail("campaignBudgetError", "NEGATIVE_MONEY_AMOUNT", "The budget amount must not be negative.",
               {"update", "amount_micros"});
          continue;
        }
        if (micros % 10'000 != 0) {  // USD's minimum unit is one cent
          fail("campaignBudgetError", "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT",
               "Budget amount must be a multiple of the minimum currency unit.", {"update", "amount_micros"});
          continue;
        }
      }
      names[i] = name;
      changes[i] = {id, update};
    }
    injected_op_.reset();
    std::set<int> failed;
    for (const auto& error : errors) {
      failed.insert(error["location"]["fieldPathElements"][0]["index"].get<int>());
    }
    if (!errors.empty() && !partial) {
      refuse(res, "INVALID_ARGUMENT", "Request contains an invalid argument.", errors, request_id);
      return false;
    }
    bool changed = false;
    json results = json::array();
    for (size_t i = 0; i < operations.size(); ++i) {
      if (failed.count(static_cast<int>(i)) > 0) {
        results.push_back(json::object());
        continue;
      }
      results.push_back({{"resourceName", names[i]}});
      if (validate_only) {
        continue;
      }
      const auto& [id, update] = changes[i];
      if (campaigns) {
        campaigns_[id].status = update["status"].get<std::string>();
      } else {
        const json& amount = update["amountMicros"];
        budgets_[id] = amount.is_string() ? std::stoll(amount.get<std::string>()) : amount.get<int64_t>();
      }
      ++applied_operations_;
      changed = true;
    }
    json answer = json::object();
    if (!validate_only) {
      answer["results"] = results;
    }
    if (!errors.empty()) {
      std::string first = errors.front()["message"].get<std::string>();
      answer["partialFailureError"] = {
          {"code", 3},
          {"message", errors.size() == 1 ? first : "Multiple errors in ‘details’. First error: " + first},
          {"details", json::array({failure_detail(errors, request_id)})}};
    }
    reply(res, 200, answer, request_id);
    return changed;
  }

  GoogleAdsServerConfig config_;
  mutable std::mutex mutex_;
  std::map<int64_t, FakeCampaign> campaigns_;
  std::map<int64_t, int64_t> budgets_;
  std::map<int64_t, FakeAdGroup> ad_groups_;
  std::map<int64_t, FakeAd> ads_;
  std::vector<FakeMetrics> metrics_;
  std::set<std::string> tokens_;
  int token_serial_ = 0;
  int request_serial_ = 0;
  int fail_count_ = 0;
  int fail_status_ = 503;
  std::string fail_suffix_;
  int slow_count_ = 0;
  std::chrono::milliseconds slow_delay_{0};
  int malformed_count_ = 0;
  int late_count_ = 0;
  std::chrono::milliseconds late_delay_{0};
  std::optional<InjectedError> injected_op_;
  int applied_operations_ = 0;
  std::vector<FakeGoogleAdsRequest> requests_;
  LoopbackServer loopback_;  // last: stopped (in the destructor) before the state goes
};

// Connector settings that point at the fake as its own account, with its credentials, short
// timeouts and quick retries (tests set http.sleep to record the waits instead of sleeping).
inline connect::ConnectorSettings google_ads_settings(const GoogleAdsServer& fake) {
  connect::ConnectorSettings settings;
  settings.platform = connect::kGoogleAds;
  settings.account = fake.config().customer_id;
  settings.api_base = fake.api_base();
  settings.token_url = fake.token_url();
  settings.api_version = fake.config().version;
  settings.credentials.set("developer_token", fake.config().developer_token);
  settings.credentials.set("client_id", fake.config().client_id);
  settings.credentials.set("client_secret", fake.config().client_secret);
  settings.credentials.set("refresh_token", fake.config().refresh_token);
  if (!fake.config().login_customer_id.empty()) {
    settings.credentials.set("login_customer_id", fake.config().login_customer_id);
  }
  settings.credentials.source = "the test";
  settings.http.timeout = std::chrono::milliseconds(2000);
  settings.http.connect_timeout = std::chrono::milliseconds(2000);
  settings.http.retry.max_attempts = 3;
  settings.http.retry.initial_backoff = std::chrono::milliseconds(100);
  settings.http.jitter_seed = 42;
  settings.http.sleep = [](std::chrono::milliseconds) {};
  return settings;
}

}  // namespace adpilot::testing
