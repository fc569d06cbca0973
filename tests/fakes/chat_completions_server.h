// A fake OpenAI-compatible chat-completions endpoint on loopback, speaking the real wire format
// (POST /v1/chat/completions, JSON in and out, OpenAI's error bodies), for tests of LLM clients and
// as a model for the ad-platform connectors' fakes. Replies are scripted: queued ones are used in
// order, then the default repeats. Every request is recorded for assertions.
//
// Example:
//   ChatCompletionsServer fake;
//   fake.push({.status = 500, .body = ChatCompletionsServer::error_body("overloaded", "server_error")});
//   fake.set_default({.body = ChatCompletionsServer::completion(R"({"headlines": ["Trail Boots"]})")});
//   ... point the client at fake.base_url() ...
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fakes/loopback_server.h"

namespace adpilot::testing {

struct FakeReply {
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering (to trigger client timeouts)
  std::vector<std::pair<std::string, std::string>> headers;
};

struct RecordedRequest {
  std::string path;
  std::string body;
  std::string authorization;  // the raw header, for checking what the client sent
  std::string content_type;
};

class ChatCompletionsServer {
 public:
  ChatCompletionsServer() {
    loopback_.server().Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    });
    loopback_.start();
  }
  // Stops the server before the members its handler uses go away.
  ~ChatCompletionsServer() { loopback_.stop(); }
  ChatCompletionsServer(const ChatCompletionsServer&) = delete;
  ChatCompletionsServer& operator=(const ChatCompletionsServer&) = delete;

  // "http://127.0.0.1:PORT/v1", as users pass --llm-url.
  std::string base_url() const { return loopback_.url("/v1"); }

  void push(FakeReply reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(reply));
  }
  void set_default(FakeReply reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    default_ = std::move(reply);
  }
  // Requests without "Authorization: Bearer <key>" get 401 with OpenAI's error body.
  void require_key(std::string key) {
    std::lock_guard<std::mutex> lock(mutex_);
    key_ = std::move(key);
  }
  std::vector<RecordedRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

  // A chat.completion response body whose assistant message is `content`.
  static std::string completion(std::string_view content, std::string_view model = "fake-model") {
    const nlohmann::json body = {
        {"id", "chatcmpl-fake-1"},
        {"object", "chat.completion"},
        {"created", 1700000000},
        {"model", model},
        {"choices",
         nlohmann::json::array({{{"index", 0},
                                 {"message", {{"role", "assistant"}, {"content", content}}},
                                 {"finish_reason", "stop"}}})},
        {"usage", {{"prompt_tokens", 100}, {"completion_tokens", 40}, {"total_tokens", 140}}}};
    return body.dump();
  }

  // OpenAI's error body: {"error": {"message", "type", "param", "code"}}.
  static std::string error_body(std::string_view message, std::string_view type) {
    const nlohmann::json body = {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", nullptr}}}};
    return body.dump();
  }

 private:
  void handle(const httplib::Request& req, httplib::Response& res) {
    FakeReply reply;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(RecordedRequest{req.path, req.body, req.get_header_value("Authorization"),
                                          req.get_header_value("Content-Type")});
      if (!key_.empty() && req.get_header_value("Authorization") != "Bearer " + key_) {
        reply = FakeReply{401, error_body("Incorrect API key provided.", "invalid_request_error"), {}, {}};
      } else if (!queue_.empty()) {
        reply = std::move(queue_.front());
        queue_.pop_front();
      } else {
        reply = default_;
      }
    }
    if (reply.delay.count() > 0) {
      loopback_.wait_for(reply.delay);
    }
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) {
      res.set_header(name, value);
    }
    res.set_content(reply.body, "application/json");
  }

  LoopbackServer loopback_;
  mutable std::mutex mutex_;
  std::deque<FakeReply> queue_;
  FakeReply default_{200, completion("{}"), {}, {}};
  std::string key_;
  std::vector<RecordedRequest> requests_;
};

}  // namespace adpilot::testing
