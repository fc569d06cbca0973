#include "adpilot/act/meta_ads_executor.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "adpilot/act/detail/meta_ads_budget_rate.h"
#include "adpilot/act/detail/state_json.h"
#include "adpilot/connect/meta_ads/graph_client.h"
#include "adpilot/connect/meta_ads/status.h"
#include "adpilot/core/currency.h"

namespace adpilot::act {

namespace {

namespace meta = connect::meta_ads;
using detail::take;

Error refusal(std::string message, std::string hint = {}) {
  return make_error(ErrorCode::kData, std::move(message), {}, std::move(hint));
}

// "campaign 120001", "ad set 230004", "ad 340007": the entity as Meta's UI names it.
std::string entity_words(decide::EntityLevel level, const std::string& id) {
  const char* word = level == decide::EntityLevel::kCampaign ? "campaign"
                     : level == decide::EntityLevel::kAdGroup ? "ad set"
                                                              : "ad";
  return fmt::format("{} {}", word, id);
}

// One action of a batch on its way: the state read from Meta, the change to make, the call.
struct Pending {
  size_t index = 0;  // into the batch
  store::EntityState before;
  store::EntityState after;
  std::string body;  // form body of the update; "" when nothing changes
};

class MetaAdsExecutor final : public Executor {
 public:
  MetaAdsExecutor(store::Store& store, std::unique_ptr<meta::GraphClient> client, bool validate_only,
                  net::RetryPolicy retry)
      : store_(store), client_(std::move(client)), validate_only_(validate_only), retry_(retry) {}

  std::string name() const override { return connect::kMetaAds; }

  Result<int> prepare(const decide::Plan&) override {
    // Reads (and caches) the account's currency, so a wrong token or account fails here, before
    // the run starts, rather than on its first action.
    auto currency = client_->account_currency();
    if (!currency.ok()) {
      return currency.error();
    }
    return 0;
  }

  Result<std::optional<store::EntityState>> read_state(decide::EntityLevel level, const std::string& id) override {
    return guard([&]() -> Result<std::optional<store::EntityState>> {
      auto json = client_->get(id, {{"fields", fields_for(level)}}, fmt::format("reading {}", entity_words(level, id)));
      if (!json.ok()) {
        if (json.error().code == ErrorCode::kNotFound) {
          return std::optional<store::EntityState>();
        }
        return json.error();
      }
      return std::optional<store::EntityState>(state_of(level, id, *json));
    });
  }

  Result<Change> apply(const decide::PlannedAction& action) override {
    auto results = apply_batch(std::span<const decide::PlannedAction>(&action, 1));
    return std::move(results.front());
  }

  size_t max_batch() const override { return meta::kMaxBatchCalls; }

  std::vector<Result<Change>> apply_batch(std::span<const decide::PlannedAction> actions) override {
    std::vector<Result<Change>> results(actions.size(), Result<Change>(make_error(ErrorCode::kInternal, "not run")));
    auto done = guard([&]() -> Result<void> {
      batch_changes_.clear();
      // An entity appears at most once per Meta batch, so each call sees the state the one
      // before it left.
      size_t begin = 0;
      while (begin < actions.size()) {
        std::set<std::string> seen;
        size_t end = begin;
        while (end < actions.size() && seen.insert(key_of(actions[end])).second) {
          ++end;
        }
        run_group(actions, begin, end, results);
        begin = end;
      }
      return {};
    });
    if (!done.ok()) {
      // The run cannot go on (the token, the network): every action not yet answered gets that.
      for (auto& result : results) {
        if (!result.ok() && result.error().code == ErrorCode::kInternal && result.error().message == "not run") {
          result = done.error();
        }
      }
    }
    return results;
  }

  Result<Change> revert(const store::AuditRecord& record) override {
    return guard([&]() -> Result<Change> {
      const auto kind = decide::parse_action_kind(record.action);
      const auto level = decide::parse_entity_level(record.entity_level);
      if (!kind || !level) {
        throw_error(ErrorCode::kParse, fmt::format("store: audit row {} has an unknown action or level",
                                                   record.audit_id));
      }
      const store::EntityState before = detail::parse_state(record.before);
      decide::PlannedAction action;
      action.index = record.action_index;
      action.kind = *kind;
      action.entity.level = *level;
      action.entity.id = record.entity_id;
      action.entity.name = record.entity_name;
      action.status_after = before.status;
      action.budget_after = before.daily_budget;
      if (*kind == decide::ActionKind::kPause || *kind == decide::ActionKind::kEnable) {
        // Undo restores the status, whichever way the action went.
        action.kind = before.status == "PAUSED" ? decide::ActionKind::kPause : decide::ActionKind::kEnable;
      }
      return apply(action);
    });
  }

 private:
  static std::string key_of(const decide::PlannedAction& action) {
    return std::string(decide::entity_level_name(action.entity.level)) + "/" + action.entity.id;
  }

  static std::string fields_for(decide::EntityLevel level) {
    return level == decide::EntityLevel::kAd ? "id,name,status" : "id,name,status,daily_budget";
  }

  std::string currency() { return take(client_->account_currency()); }

  store::EntityState state_of(decide::EntityLevel level, const std::string& id, const nlohmann::json& json) {
    store::EntityState state;
    state.level = decide::entity_level_name(level);
    state.id = id;
    state.name = json.value("name", std::string());
    state.account_id = client_->account();
    state.channel = connect::kMetaAds;
    state.status = meta::canonical_status(json.value("status", std::string()));
    state.currency = currency();
    if (level != decide::EntityLevel::kAd) {
      state.daily_budget = take(meta::daily_budget_of(json, take(meta::budget_digits(state.currency))));
    }
    state.updated_at = store::utc_timestamp();
    return state;
  }

  // The form body that takes `before` to what the action asks, filling `after`; "" when there
  // is nothing to change. Throws kData for what Meta (or adpilot on Meta) cannot do.
  std::string plan_change(const decide::PlannedAction& action, const store::EntityState& before,
                          store::EntityState& after, detail::SystemTime now) {
    const std::string who = entity_words(action.entity.level, action.entity.id);
    if (before.status == "REMOVED" || before.status == "ARCHIVED") {
      throw ErrorException(refusal(fmt::format("{} is {} on Meta; it cannot be changed", who, before.status)));
    }
    after = before;
    switch (action.kind) {
      case decide::ActionKind::kPause:
      case decide::ActionKind::kEnable: {
        std::string wanted = action.status_after;
        if (wanted.empty()) {
          wanted = action.kind == decide::ActionKind::kPause ? "PAUSED" : "ENABLED";
        }
        after.status = meta::canonical_status(meta::meta_status(wanted));
        if (after.status != "PAUSED" && after.status != "ENABLED") {
          throw ErrorException(refusal(fmt::format("{}: adpilot sets only PAUSED or ENABLED (ACTIVE), not {}", who, wanted)));
        }
        return after.status == before.status ? std::string() : meta::form_encode({{"status", meta::meta_status(after.status)}});
      }
      case decide::ActionKind::kBudget: {
        if (action.entity.level == decide::EntityLevel::kAd) {
          throw ErrorException(refusal(fmt::format("{}: Meta ads have no budget of their own; change the ad set's", who)));
        }
        if (!action.budget_after || *action.budget_after <= 0) {
          throw ErrorException(refusal(fmt::format("{}: a daily budget must be a positive amount", who)));
        }
        const std::string account_currency = currency();
        if (!action.entity.currency.empty() && action.entity.currency != account_currency) {
          throw ErrorException(refusal(fmt::format("{}: the plan's amounts are in {} but the ad account bills in {}",
                                                   who, action.entity.currency, account_currency)));
        }
        if (!before.daily_budget) {
          throw ErrorException(refusal(
              fmt::format("{} has no daily budget on Meta (its budget is set on its ad sets, or is a lifetime budget)", who),
              "adpilot changes daily budgets only; plan the change at the level that holds the budget"));
        }
        const int digits = take(meta::budget_digits(account_currency));
        after.daily_budget = round_to_minor_unit(*action.budget_after, digits);
        if (*after.daily_budget <= 0) {
          throw ErrorException(refusal(fmt::format("{}: a daily budget must be at least one minor unit of {}", who,
                                                   account_currency)));
        }
        if (after.daily_budget == before.daily_budget) {
          return {};
        }
        auto changes = take(detail::recent_budget_changes(store_, name(), after.level, after.id, now));
        const auto in_batch = batch_changes_.find(key_of(action));
        if (in_batch != batch_changes_.end()) {
          changes.insert(changes.end(), in_batch->second.begin(), in_batch->second.end());
        }
        if (auto refused = detail::budget_rate_refusal(after.level, after.id, std::move(changes), now)) {
          throw ErrorException(*refused);
        }
        const int64_t minor = take(micros_to_minor_units(*after.daily_budget, digits));
        return meta::form_encode({{"daily_budget", std::to_string(minor)}});
      }
      case decide::ActionKind::kBid:
        throw ErrorException(refusal(fmt::format("{}: adpilot does not change bids on Meta (bid strategies and caps "
                                                 "are set on the ad set in Ads Manager)", who)));
      case decide::ActionKind::kAlert:
        break;
    }
    return {};
  }

  // Reads the group's entities in one batch, plans each change, sends the changes in a second
  // batch (re-sending calls Meta throttled), and fills results[begin, end).
  void run_group(std::span<const decide::PlannedAction> actions, size_t begin, size_t end,
                 std::vector<Result<Change>>& results) {
    std::vector<meta::BatchCall> reads;
    for (size_t i = begin; i < end; ++i) {
      const auto& entity = actions[i].entity;
      reads.push_back({"GET", client_->versioned(entity.id) + "?fields=" + fields_for(entity.level), ""});
    }
    const auto read_answers = send_with_retries(reads, "reading the entities before changing them");
    const detail::SystemTime now = std::chrono::system_clock::now();
    std::vector<Pending> pending;
    std::vector<meta::BatchCall> writes;
    for (size_t i = begin; i < end; ++i) {
      const auto& action = actions[i];
      const std::string who = entity_words(action.entity.level, action.entity.id);
      const auto& answer = read_answers[i - begin];
      if (answer.error || answer.code != 200 || !answer.body.is_object()) {
        Error error = answer_error(answer, fmt::format("reading {}", who));
        if (error.code == ErrorCode::kNotFound) {
          error = refusal(fmt::format("Meta has no {} (or this token cannot see it)", who));
        }
        results[i] = std::move(error);
        continue;
      }
      Pending item;
      item.index = i;
      try {
        item.before = state_of(action.entity.level, action.entity.id, answer.body);
        item.body = plan_change(action, item.before, item.after, now);
      } catch (const ErrorException& e) {
        results[i] = e.error();
        continue;
      }
      if (item.body.empty()) {
        results[i] = Change{item.before, item.after};
        continue;
      }
      if (validate_only_) {
        results[i] = refusal(fmt::format("checked, not sent (validate only): {}",
                                         detail::describe_change(action.kind, item.before, item.after)),
                             "Meta has no validate-only mode; adpilot checked the change against the entity's "
                             "current state and its own limits");
        continue;
      }
      writes.push_back({"POST", client_->versioned(action.entity.id), item.body});
      pending.push_back(std::move(item));
    }
    if (writes.empty()) {
      return;
    }
    const auto write_answers = send_with_retries(writes, "applying changes");
    for (size_t k = 0; k < pending.size(); ++k) {
      const Pending& item = pending[k];
      const auto& action = actions[item.index];
      const auto& answer = write_answers[k];
      if (answer.code >= 200 && answer.code < 300 && !answer.error) {
        if (action.kind == decide::ActionKind::kBudget) {
          batch_changes_[key_of(action)].push_back(now);
        }
        store::EntityState after = item.after;
        after.updated_at = store::utc_timestamp();
        results[item.index] = Change{item.before, after};
      } else {
        results[item.index] = answer_error(answer, fmt::format("the change of {}", entity_words(action.entity.level,
                                                                                                 action.entity.id)));
      }
    }
  }

  // A batch, with the calls Meta throttled inside it sent again (alone, in a smaller batch)
  // after a pause, up to the retry policy's attempts.
  std::vector<meta::BatchAnswer> send_with_retries(const std::vector<meta::BatchCall>& calls, std::string_view what) {
    std::vector<meta::BatchAnswer> answers = take(client_->batch(calls, what));
    const net::RetryPolicy& policy = retry_;
    for (int attempt = 2; attempt <= std::max(1, policy.max_attempts); ++attempt) {
      std::vector<size_t> again;
      for (size_t i = 0; i < answers.size(); ++i) {
        if (answers[i].error && meta::classify(*answers[i].error) == meta::GraphErrorKind::kThrottled) {
          again.push_back(i);
        }
      }
      if (again.empty()) {
        break;
      }
      client_->pause(net::backoff_delay(policy, attempt, 0.5));
      std::vector<meta::BatchCall> retry;
      for (const size_t i : again) {
        retry.push_back(calls[i]);
      }
      auto retried = take(client_->batch(retry, what));
      for (size_t k = 0; k < again.size(); ++k) {
        answers[again[k]] = std::move(retried[k]);
      }
    }
    return answers;
  }

  static Error answer_error(const meta::BatchAnswer& answer, const std::string& what) {
    if (answer.error) {
      return meta::to_error(*answer.error, what);
    }
    if (answer.code == 0) {
      return make_error(ErrorCode::kIo, fmt::format("Meta gave no answer for {} within the batch; whether it took "
                                                    "effect is unknown", what),
                        {}, "run apply again: an action that did take effect is then found unchanged");
    }
    return make_error(ErrorCode::kParse, fmt::format("Meta answered {} with HTTP {} and no readable body", what,
                                                     answer.code));
  }

  store::Store& store_;
  std::unique_ptr<meta::GraphClient> client_;
  bool validate_only_ = false;
  net::RetryPolicy retry_;
  // Budget changes made by the apply_batch call under way, by entity key.
  std::map<std::string, std::vector<detail::SystemTime>> batch_changes_;
};

}  // namespace

Result<std::unique_ptr<Executor>> make_meta_ads_executor(store::Store& store, const connect::ConnectorSettings& settings) {
  auto client = meta::GraphClient::create(settings);
  if (!client.ok()) {
    return client.error();
  }
  return std::unique_ptr<Executor>(
      std::make_unique<MetaAdsExecutor>(store, std::move(*client), settings.validate_only, settings.http.retry));
}

}  // namespace adpilot::act
