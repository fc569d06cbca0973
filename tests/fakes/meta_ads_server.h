// A fake Meta Marketing API (Graph) on loopback, speaking the real wire format, for tests of the
// meta_ads source and executor and for end-to-end runs of `adpilot sync` / `apply --target
// meta_ads`. It serves
//   GET  /{version}/act_{id}?fields=currency
//   GET  /{version}/act_{id}/insights   (level, time_increment=1, time_range, fields, limit, after)
//   GET  /{version}/act_{id}/campaigns | adsets | ads   (fields, limit, after)
//   GET  /{version}/{object id}?fields=…
//   POST /{version}/{campaign or ad set or ad id}       (status, daily_budget)
//   POST /{version}/                                    (batch=[{method, relative_url, body}, …])
// and checks every request as strictly as Meta does (version, Bearer token, no token in the URL,
// appsecret_proof when an app secret is expected, required parameters and their values),
// answering Graph-shaped errors otherwise. State (entities, daily insights) lives in memory and
// tests read it back; faults are injected per call; every request (batch items included) is
// recorded.
//
// Example:
//   MetaAdsServer fake;
//   fake.add_campaign("120001", "Prospecting", "ACTIVE", 5000);
//   fake.throttle_next(2, 17);
//   settings.api_base = fake.base_url();
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adpilot/connect/settings.h"
#include "fakes/loopback_server.h"

namespace adpilot::testing {

struct MetaObject {
  std::string id;
  std::string name;
  std::string status = "ACTIVE";            // ACTIVE, PAUSED, ARCHIVED, DELETED
  std::optional<int64_t> daily_budget;      // in the currency's Meta minor unit
  std::string campaign_id;                  // ad sets and ads
  std::string adset_id;                     // ads
  std::string kind;                         // campaign, adset, ad (set by add_*)
};

struct MetaRecorded {
  std::string method;
  std::string path;           // "/v24.0/act_1/insights"
  httplib::Params params;     // query and form parameters
  std::string authorization;  // the raw header
  bool in_batch = false;      // a call inside a batch request
};

class MetaAdsServer {
 public:
  static constexpr const char* kToken = "EAAB-fake-meta-token";
  static constexpr const char* kVersion = "v24.0";

  MetaAdsServer() {
    loopback_.server().Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    });
    loopback_.server().Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    });
    loopback_.start();
  }
  ~MetaAdsServer() { loopback_.stop(); }
  MetaAdsServer(const MetaAdsServer&) = delete;
  MetaAdsServer& operator=(const MetaAdsServer&) = delete;

  std::string base_url() const { return loopback_.url(); }  // the api_base setting

  // Connector settings pointing at this fake, with its token, and waits recorded into `waits`
  // (when given) instead of slept.
  connect::ConnectorSettings settings(std::vector<std::chrono::milliseconds>* waits = nullptr) const {
    connect::ConnectorSettings settings;
    settings.platform = connect::kMetaAds;
    settings.api_base = base_url();
    settings.api_version = kVersion;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      settings.account = "act_" + account_id_;
      settings.credentials.set("access_token", token_);
    }
    settings.http.timeout = std::chrono::milliseconds(5000);
    settings.http.jitter_seed = 7;
    if (waits != nullptr) {
      settings.http.sleep = [waits](std::chrono::milliseconds wait) { waits->push_back(wait); };
    }
    return settings;
  }
  std::string account() const { return "act_" + account_id_; }

  // --- state -----------------------------------------------------------------------------------
  void set_account(std::string id, std::string currency) {
    std::lock_guard<std::mutex> lock(mutex_);
    account_id_ = std::move(id);
    currency_ = std::move(currency);
  }
  void set_token(std::string token) {
    std::lock_guard<std::mutex> lock(mutex_);
    token_ = std::move(token);
  }
  // When set, every request must carry this appsecret_proof.
  void expect_proof(std::string proof) {
    std::lock_guard<std::mutex> lock(mutex_);
    proof_ = std::move(proof);
  }
  void set_page_size(size_t size) {
    std::lock_guard<std::mutex> lock(mutex_);
    page_size_ = size;
  }
  // daily_budget in the currency's Meta minor unit (cents; yen for JPY); nullopt for none.
  void add_campaign(std::string id, std::string name, std::string status = "ACTIVE",
                    std::optional<int64_t> daily_budget = std::nullopt) {
    MetaObject object;
    object.id = std::move(id);
    object.name = std::move(name);
    object.status = std::move(status);
    object.daily_budget = daily_budget;
    add("campaign", std::move(object));
  }
  void add_adset(std::string id, std::string name, std::string campaign_id, std::string status = "ACTIVE",
                 std::optional<int64_t> daily_budget = std::nullopt) {
    MetaObject object;
    object.id = std::move(id);
    object.name = std::move(name);
    object.campaign_id = std::move(campaign_id);
    object.status = std::move(status);
    object.daily_budget = daily_budget;
    add("adset", std::move(object));
  }
  void add_ad(std::string id, std::string name, std::string adset_id, std::string campaign_id,
              std::string status = "ACTIVE") {
    MetaObject object;
    object.id = std::move(id);
    object.name = std::move(name);
    object.adset_id = std::move(adset_id);
    object.campaign_id = std::move(campaign_id);
    object.status = std::move(status);
    add("ad", std::move(object));
  }
  // A daily insights row at level campaign, adset or ad: date_start (= date_stop), ids, names and
  // metrics as Meta sends them (numbers as strings).
  void add_insight(const std::string& level, nlohmann::json row) {
    std::lock_guard<std::mutex> lock(mutex_);
    insights_[level].push_back(std::move(row));
  }
  std::optional<MetaObject> object(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = objects_.find(id);
    return it == objects_.end() ? std::nullopt : std::optional<MetaObject>(it->second);
  }

  // --- faults ----------------------------------------------------------------------------------
  // The next n top-level requests fail with this Graph error code (4, 17, 613, 80004, …).
  void throttle_next(int n, int code) {
    std::lock_guard<std::mutex> lock(mutex_);
    throttle_left_ = n;
    throttle_code_ = code;
  }
  void server_error_next(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    server_errors_left_ = n;
  }
  void malformed_next(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    malformed_left_ = n;
  }
  void delay_next(int n, std::chrono::milliseconds delay) {
    std::lock_guard<std::mutex> lock(mutex_);
    delays_left_ = n;
    delay_ = delay;
  }
  // Usage headers sent with every answer ("" for none).
  void set_usage(std::string business_use_case, std::string ad_account) {
    std::lock_guard<std::mutex> lock(mutex_);
    business_usage_ = std::move(business_use_case);
    account_usage_ = std::move(ad_account);
  }
  // Every POST on this object (alone or in a batch) is refused with code 100.
  void refuse_updates_of(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    refused_.insert(id);
  }
  // Every call on a batch item for this object answers throttled (code 17) n times.
  void throttle_item_next(const std::string& id, int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    item_throttles_[id] = n;
  }
  // From now on every request fails with code 190 (the token expired).
  void expire_token() {
    std::lock_guard<std::mutex> lock(mutex_);
    expired_ = true;
  }

  // --- records ---------------------------------------------------------------------------------
  std::vector<MetaRecorded> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  // Top-level HTTP requests (batch items not counted).
  size_t http_requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<size_t>(std::count_if(requests_.begin(), requests_.end(),
                                             [](const MetaRecorded& r) { return !r.in_batch; }));
  }
  size_t batch_requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<size_t>(std::count_if(requests_.begin(), requests_.end(), [](const MetaRecorded& r) {
      return !r.in_batch && r.method == "POST" && r.path == std::string("/") + kVersion + "/";
    }));
  }

  static nlohmann::json graph_error(int code, const std::string& message, int subcode = 0,
                                    const std::string& type = "OAuthException") {
    nlohmann::json error = {{"message", message}, {"type", type}, {"code", code}, {"fbtrace_id", "AfakeTrace42"}};
    if (subcode != 0) {
      error["error_subcode"] = subcode;
    }
    return {{"error", error}};
  }

 private:
  struct Answer {
    int status = 200;
    nlohmann::json body;
  };

  void add(const char* kind, MetaObject object) {
    std::lock_guard<std::mutex> lock(mutex_);
    object.kind = kind;
    order_.push_back(object.id);
    objects_[object.id] = std::move(object);
  }

  static Answer fail(int status, int code, const std::string& message, int subcode = 0,
                     const std::string& type = "OAuthException") {
    return {status, graph_error(code, message, subcode, type)};
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    std::chrono::milliseconds delay{0};
    std::string text;
    int status = 200;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back({req.method, req.path, req.params, req.get_header_value("Authorization"), false});
      if (delays_left_ > 0) {
        --delays_left_;
        delay = delay_;
      }
      if (!business_usage_.empty()) {
        res.set_header("X-Business-Use-Case-Usage", business_usage_);
      }
      if (!account_usage_.empty()) {
        res.set_header("X-Ad-Account-Usage", account_usage_);
      }
      const Answer answer = top_level(req);
      status = answer.status;
      text = answer.body.is_string() ? answer.body.get<std::string>() : answer.body.dump();
      if (malformed_left_ > 0 && status == 200) {
        --malformed_left_;
        text = R"({"data": [{"campaign_id": "1", "spend": "3.)";
      }
    }
    if (delay.count() > 0 && !loopback_.wait_for(delay)) {
      return;
    }
    res.status = status;
    res.set_content(text, "application/json");
  }

  // Checks shared by every top-level request, then the faults, then the route.
  Answer top_level(const httplib::Request& req) {
    if (server_errors_left_ > 0) {
      --server_errors_left_;
      return {503, nlohmann::json("<html>Service Unavailable</html>")};
    }
    if (req.has_param("access_token")) {
      return fail(400, 100, "fake: the access token must travel in the Authorization header, not the URL");
    }
    if (expired_ || req.get_header_value("Authorization") != "Bearer " + token_) {
      return fail(400, 190, "Error validating access token: Session has expired.", 463);
    }
    if (!proof_.empty() && req.get_param_value("appsecret_proof") != proof_) {
      return fail(400, 100, "Invalid appsecret_proof provided in the API argument", 0, "GraphMethodException");
    }
    if (throttle_left_ > 0) {
      --throttle_left_;
      return fail(400, throttle_code_, "(#" + std::to_string(throttle_code_) + ") User request limit reached");
    }
    const std::string prefix = std::string("/") + kVersion + "/";
    if (req.path.rfind(prefix, 0) != 0) {
      return fail(400, 2635, "fake: unknown or missing API version in " + req.path);
    }
    const std::string rest = req.path.substr(prefix.size());
    if (req.method == "POST" && rest.empty()) {
      return batch(req);
    }
    return route(req.method, rest, req.params);
  }

  Answer route(const std::string& method, const std::string& rest, const httplib::Params& params) {
    const std::string act = "act_" + account_id_;
    if (method == "GET") {
      if (rest == act) {
        return {200, {{"id", act}, {"currency", currency_}}};
      }
      if (rest == act + "/insights") {
        return insights(rest, params);
      }
      if (rest == act + "/campaigns" || rest == act + "/adsets" || rest == act + "/ads") {
        const std::string kind = rest.substr(act.size() + 1);
        return listing(rest, kind == "campaigns" ? "campaign" : kind == "adsets" ? "adset" : "ad", params);
      }
      const auto it = objects_.find(rest);
      if (it == objects_.end()) {
        return fail(400, 100, "Unsupported get request. Object with ID '" + rest + "' does not exist", 33,
                    "GraphMethodException");
      }
      return {200, object_json(it->second, fields_of(params))};
    }
    if (method == "POST") {
      return update(rest, params);
    }
    return fail(400, 100, "fake: unsupported method " + method);
  }

  static std::vector<std::string> fields_of(const httplib::Params& params) {
    std::vector<std::string> fields;
    const auto it = params.find("fields");
    if (it == params.end()) {
      return fields;
    }
    std::string_view text = it->second;
    while (!text.empty()) {
      const size_t comma = text.find(',');
      fields.emplace_back(text.substr(0, comma));
      text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return fields;
  }

  static std::string param(const httplib::Params& params, const std::string& name) {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }

  nlohmann::json object_json(const MetaObject& object, const std::vector<std::string>& fields) const {
    nlohmann::json out = {{"id", object.id}};
    for (const auto& field : fields) {
      if (field == "name") {
        out["name"] = object.name;
      } else if (field == "status") {
        out["status"] = object.status;
      } else if (field == "daily_budget" && object.daily_budget) {
        out["daily_budget"] = std::to_string(*object.daily_budget);  // Meta sends it as a string
      } else if (field == "campaign_id" && !object.campaign_id.empty()) {
        out["campaign_id"] = object.campaign_id;
      } else if (field == "adset_id" && !object.adset_id.empty()) {
        out["adset_id"] = object.adset_id;
      }
    }
    return out;
  }

  // A page of rows and, when more remain, paging.next pointing back here (with the token in it,
  // as Meta writes it: the client must drop it).
  Answer page(const std::string& rest, const httplib::Params& params, const std::vector<nlohmann::json>& rows) {
    size_t limit = page_size_;
    if (const std::string text = param(params, "limit"); !text.empty()) {
      limit = std::min(limit, static_cast<size_t>(std::stoul(text)));
    }
    size_t offset = 0;
    if (const std::string after = param(params, "after"); !after.empty()) {
      if (after.rfind("cursor-", 0) != 0) {
        return fail(400, 100, "fake: bad paging cursor " + after);
      }
      offset = static_cast<size_t>(std::stoul(after.substr(7)));
    }
    nlohmann::json data = nlohmann::json::array();
    for (size_t i = offset; i < rows.size() && i < offset + limit; ++i) {
      data.push_back(rows[i]);
    }
    nlohmann::json body = {{"data", data}};
    if (offset + limit < rows.size()) {
      httplib::Params next = params;
      next.erase("after");
      next.erase("appsecret_proof");
      next.emplace("after", "cursor-" + std::to_string(offset + limit));
      next.emplace("access_token", token_);
      std::string query;
      for (const auto& [name, value] : next) {
        query += (query.empty() ? "" : "&") + name + "=" + httplib::detail::encode_query_param(value);
      }
      body["paging"] = {{"cursors", {{"after", "cursor-" + std::to_string(offset + limit)}}},
                        {"next", loopback_.url("/" + std::string(kVersion) + "/" + rest + "?" + query)}};
    }
    return {200, body};
  }

  Answer listing(const std::string& rest, const std::string& kind, const httplib::Params& params) {
    const auto fields = fields_of(params);
    if (std::find(fields.begin(), fields.end(), "id") == fields.end() ||
        std::find(fields.begin(), fields.end(), "status") == fields.end()) {
      return fail(400, 100, "fake: list " + kind + " with fields including id and status");
    }
    std::vector<nlohmann::json> rows;
    for (const auto& id : order_) {
      const MetaObject& object = objects_.at(id);
      if (object.kind == kind) {
        rows.push_back(object_json(object, fields));
      }
    }
    return page(rest, params, rows);
  }

  Answer insights(const std::string& rest, const httplib::Params& params) {
    const std::string level = param(params, "level");
    if (level != "campaign" && level != "adset" && level != "ad") {
      return fail(400, 100, "(#100) level must be one of: ad, adset, campaign, account (got '" + level + "')");
    }
    if (param(params, "time_increment") != "1") {
      return fail(400, 100, "fake: time_increment=1 is required for daily rows");
    }
    const nlohmann::json range = nlohmann::json::parse(param(params, "time_range"), nullptr, false);
    if (!range.is_object() || !range.contains("since") || !range.contains("until") || !range["since"].is_string() ||
        !range["until"].is_string() || range["since"].get<std::string>().size() != 10 ||
        range["until"].get<std::string>().size() != 10) {
      return fail(400, 100, "(#100) time_range must be {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}");
    }
    const auto fields = fields_of(params);
    std::vector<std::string> required = {"impressions", "spend", "campaign_id", "campaign_name"};
    if (level != "campaign") {
      required.insert(required.end(), {"adset_id", "adset_name"});
    }
    if (level == "ad") {
      required.insert(required.end(), {"ad_id", "ad_name"});
    }
    for (const auto& field : required) {
      if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
        return fail(400, 100, "fake: insights at level " + level + " must ask for field " + field);
      }
    }
    const std::string since = range["since"].get<std::string>();
    const std::string until = range["until"].get<std::string>();
    std::vector<nlohmann::json> rows;
    for (const auto& row : insights_[level]) {
      const std::string day = row.value("date_start", std::string());
      if (day < since || day > until) {
        continue;
      }
      nlohmann::json out = {{"date_start", day}, {"date_stop", row.value("date_stop", day)}};
      for (const auto& field : fields) {
        if (row.contains(field)) {
          out[field] = row[field];
        }
      }
      rows.push_back(std::move(out));
    }
    return page(rest, params, rows);
  }

  Answer update(const std::string& id, const httplib::Params& params) {
    const auto it = objects_.find(id);
    if (it == objects_.end()) {
      return fail(400, 100, "Unsupported post request. Object with ID '" + id + "' does not exist", 33,
                  "GraphMethodException");
    }
    MetaObject& object = it->second;
    if (refused_.count(id) > 0) {
      return fail(400, 100, "(#100) Invalid parameter", 1885272, "OAuthException");
    }
    static const std::set<std::string> kAllowed = {"status", "daily_budget", "appsecret_proof"};
    bool any = false;
    for (const auto& [name, value] : params) {
      if (kAllowed.count(name) == 0) {
        return fail(400, 100, "fake: unexpected parameter " + name);
      }
      any = any || name != "appsecret_proof";
    }
    if (!any) {
      return fail(400, 100, "fake: an update must set status or daily_budget");
    }
    if (params.count("status") > 0) {
      static const std::set<std::string> kStatuses = {"ACTIVE", "PAUSED", "ARCHIVED", "DELETED"};
      const std::string status = param(params, "status");
      if (kStatuses.count(status) == 0) {
        return fail(400, 100, "(#100) Param status must be one of {ACTIVE, PAUSED, DELETED, ARCHIVED}");
      }
      object.status = status;
    }
    if (params.count("daily_budget") > 0) {
      const std::string text = param(params, "daily_budget");
      if (object.kind == "ad" || text.empty() || text.size() > 15 ||
          !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) || text == "0") {
        return fail(400, 100, "(#100) daily_budget must be a positive whole number of minor units, not '" + text + "'");
      }
      object.daily_budget = std::stoll(text);
    }
    return {200, {{"success", true}}};
  }

  Answer batch(const httplib::Request& req) {
    const nlohmann::json calls = nlohmann::json::parse(req.get_param_value("batch"), nullptr, false);
    if (!calls.is_array() || calls.empty()) {
      return fail(400, 100, "(#100) The parameter batch is required and must be a JSON array");
    }
    if (calls.size() > 50) {
      return fail(400, 100, "(#1) Maximum 50 requests allowed in a batch");
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& call : calls) {
      const std::string method = call.value("method", std::string());
      std::string url = call.value("relative_url", std::string());
      httplib::Params params;
      if (const size_t question = url.find('?'); question != std::string::npos) {
        httplib::detail::parse_query_text(url.substr(question + 1), params);
        url.resize(question);
      }
      if (call.contains("body")) {
        httplib::detail::parse_query_text(call.value("body", std::string()), params);
      }
      requests_.push_back({method, "/" + url, params, "", true});
      Answer answer;
      const std::string prefix = std::string(kVersion) + "/";
      if (url.rfind(prefix, 0) != 0) {
        answer = fail(400, 2635, "fake: batch relative_url without the version: " + url);
      } else {
        const std::string rest = url.substr(prefix.size());
        if (auto throttled = item_throttles_.find(rest); throttled != item_throttles_.end() && throttled->second > 0) {
          --throttled->second;
          answer = fail(400, 17, "(#17) User request limit reached");
        } else {
          answer = route(method, rest, params);
        }
      }
      out.push_back({{"code", answer.status}, {"body", answer.body.dump()}});
    }
    return {200, out};
  }

  LoopbackServer loopback_;
  mutable std::mutex mutex_;
  std::string account_id_ = "1234567890";
  std::string currency_ = "USD";
  std::string token_ = kToken;
  std::string proof_;
  size_t page_size_ = 2;
  std::map<std::string, MetaObject> objects_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<nlohmann::json>> insights_;
  int throttle_left_ = 0;
  int throttle_code_ = 17;
  int server_errors_left_ = 0;
  int malformed_left_ = 0;
  int delays_left_ = 0;
  std::chrono::milliseconds delay_{0};
  std::string business_usage_;
  std::string account_usage_;
  std::set<std::string> refused_;
  std::map<std::string, int> item_throttles_;
  bool expired_ = false;
  std::vector<MetaRecorded> requests_;
};

}  // namespace adpilot::testing
