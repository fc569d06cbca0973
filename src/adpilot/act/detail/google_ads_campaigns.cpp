#include "adpilot/act/detail/google_ads_campaigns.h"

#include <fmt/format.h>

#include <random>

#include "adpilot/act/detail/state_json.h"
#include "adpilot/connect/google_ads/gaql.h"

namespace adpilot::act::detail {

namespace gads = connect::google_ads;
using nlohmann::json;

struct GoogleAdsCampaigns::Pending {
  size_t slot = 0;
  decide::ActionKind kind = decide::ActionKind::kPause;
  json operation;
  store::EntityState before;
  store::EntityState wanted;
};

namespace {

Error refusal(std::string message) { return make_error(ErrorCode::kData, std::move(message)); }

bool is_id(std::string_view text) { return gads::parse_id(text).has_value(); }

std::string quoted_name(const decide::EntitySnapshot& entity) {
  return entity.name.empty() ? std::string() : fmt::format(" '{}'", entity.name);
}

}  // namespace

Result<std::map<std::string, CampaignState>> GoogleAdsCampaigns::read(const std::vector<std::string>& ids) {
  std::map<std::string, CampaignState> found;
  if (ids.empty()) {
    return found;
  }
  auto rows = client_->search_stream(gads::campaign_state_query(ids));
  if (!rows.ok()) {
    return rows.error();
  }
  for (const json& row : *rows) {
    CampaignState campaign;
    store::EntityState& state = campaign.state;
    state.level = decide::entity_level_name(decide::EntityLevel::kCampaign);
    state.id = std::string(gads::string_at(row, "campaign.id"));
    state.name = std::string(gads::string_at(row, "campaign.name"));
    state.account_id = client_->customer_id();
    state.channel = connect::kGoogleAds;
    state.status = std::string(gads::string_at(row, "campaign.status"));
    state.currency = std::string(gads::string_at(row, "customer.currencyCode"));
    if (gads::find_path(row, "campaignBudget") != nullptr) {
      auto micros = gads::int64_at(row, "campaignBudget.amountMicros", 0);
      if (!micros.ok()) {
        return micros.error();
      }
      state.daily_budget = *micros;
    }
    campaign.budget_resource = std::string(gads::string_at(row, "campaign.campaignBudget"));
    if (state.id.empty()) {
      return make_error(ErrorCode::kParse, "Google Ads: a campaign row has no campaign.id");
    }
    found[state.id] = std::move(campaign);
  }
  return found;
}

std::vector<Result<Change>> GoogleAdsCampaigns::apply(std::span<const decide::PlannedAction> actions,
                                                      bool validate_only) {
  std::vector<std::optional<Result<Change>>> slots(actions.size());
  // 1. refuse what has no Google Ads mapping here, before any request.
  std::vector<std::string> ids;
  for (size_t i = 0; i < actions.size(); ++i) {
    const decide::PlannedAction& action = actions[i];
    const std::string& id = action.entity.id;
    if (action.entity.level != decide::EntityLevel::kCampaign) {
      slots[i] = refusal(fmt::format("{} '{}': the google_ads target changes campaigns only (status and daily "
                                     "budget); change ad groups and ads in Google Ads",
                                     decide::entity_level_name(action.entity.level), id));
    } else if (action.kind == decide::ActionKind::kBid) {
      slots[i] = refusal(fmt::format("campaign {}: a bid change has no Google Ads API mapping in adpilot (a "
                                     "campaign's bids come from its bidding strategy); change it in Google Ads",
                                     id));
    } else if (action.kind == decide::ActionKind::kAlert) {
      slots[i] = refusal(fmt::format("campaign {}: an alert changes nothing on the platform", id));
    } else if (action.kind == decide::ActionKind::kBudget && (!action.budget_after || *action.budget_after <= 0)) {
      slots[i] = refusal(fmt::format("campaign {}: a daily budget must be a positive amount", id));
    } else if (!is_id(id)) {
      slots[i] = refusal(fmt::format("campaign '{}' is not a Google Ads campaign id (digits)", id));
    } else {
      ids.push_back(id);
    }
  }
  // 2. the campaigns' state, in one query.
  auto states = read(ids);
  // 3. one operation per change that is still to be made, by service.
  std::vector<Pending> statuses;
  std::vector<Pending> budgets;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (slots[i]) {
      continue;
    }
    if (!states.ok()) {
      slots[i] = states.error();
      continue;
    }
    const decide::PlannedAction& action = actions[i];
    const auto found = states->find(action.entity.id);
    if (found == states->end()) {
      slots[i] = refusal(fmt::format("campaign {}{}: not found in Google Ads customer {}", action.entity.id,
                                     quoted_name(action.entity), client_->customer_id()));
      continue;
    }
    const CampaignState& campaign = found->second;
    Pending pending{i, action.kind, json(), campaign.state, campaign.state};
    if (action.kind == decide::ActionKind::kBudget) {
      pending.wanted.daily_budget = action.budget_after;
    } else {
      const char* fallback = action.kind == decide::ActionKind::kPause ? "PAUSED" : "ENABLED";
      pending.wanted.status = action.status_after.empty() ? fallback : action.status_after;
    }
    if (campaign.state.status == "REMOVED") {
      slots[i] = refusal(fmt::format("campaign {}: it is REMOVED; a removed campaign cannot be changed",
                                     action.entity.id));
      continue;
    }
    if (same_field(action.kind, pending.before, pending.wanted)) {
      slots[i] = Change{pending.before, pending.before};  // already as asked: nothing to send
      continue;
    }
    if (action.kind == decide::ActionKind::kBudget) {
      if (campaign.budget_resource.empty()) {
        slots[i] = refusal(fmt::format("campaign {}: it has no campaign budget to change", action.entity.id));
        continue;
      }
      pending.operation = {{"update", {{"resourceName", campaign.budget_resource},
                                       {"amountMicros", std::to_string(*action.budget_after)}}},
                           {"updateMask", "amount_micros"}};
      budgets.push_back(std::move(pending));
    } else {
      pending.operation = {
          {"update", {{"resourceName", fmt::format("customers/{}/campaigns/{}", client_->customer_id(), action.entity.id)},
                      {"status", pending.wanted.status}}},
          {"updateMask", "status"}};
      statuses.push_back(std::move(pending));
    }
  }
  // 4. the requests.
  send("campaigns", statuses, validate_only, slots);
  send("campaignBudgets", budgets, validate_only, slots);
  std::vector<Result<Change>> results;
  results.reserve(slots.size());
  for (auto& slot : slots) {
    results.push_back(slot ? std::move(*slot) : make_error(ErrorCode::kInternal, "google_ads: action left unhandled"));
  }
  return results;
}

void GoogleAdsCampaigns::send(const char* service, std::vector<Pending>& group, bool validate_only,
                              std::vector<std::optional<Result<Change>>>& slots) {
  const int max_attempts = std::max(1, client_->settings().http.retry.max_attempts);
  const uint64_t seed = client_->settings().http.jitter_seed;
  std::mt19937_64 rng(seed != 0 ? seed : std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::string last_reason;
  for (int attempt = 1; attempt <= max_attempts && !group.empty(); ++attempt) {
    json operations = json::array();
    for (const auto& pending : group) {
      operations.push_back(pending.operation);
    }
    auto reply = client_->mutate(service, operations, validate_only);
    if (!reply.ok()) {
      for (const auto& pending : group) {
        slots[pending.slot] = reply.error();
      }
      return;
    }
    if (reply->answered) {
      for (size_t k = 0; k < group.size(); ++k) {
        const Pending& pending = group[k];
        if (!reply->errors[k].empty()) {
          slots[pending.slot] =
              refusal(fmt::format("campaign {}: {}{}", pending.before.id, reply->errors[k],
                                  reply->request_id.empty() ? "" : ", request id " + reply->request_id));
        } else {
          slots[pending.slot] = Change{pending.before, validate_only ? pending.before : pending.wanted};
        }
      }
      return;
    }
    // No answer: the request may have been carried out. Never resend blindly: read the state back
    // and send again only what is not yet as asked.
    last_reason = reply->no_answer;
    std::vector<Pending> still;
    if (validate_only) {
      still = std::move(group);  // a validation changes nothing, so repeating it is safe
    } else {
      std::vector<std::string> ids;
      for (const auto& pending : group) {
        ids.push_back(pending.before.id);
      }
      client_->log(fmt::format("{}:mutate got no answer ({}); reading {} campaign(s) back before sending again",
                               service, last_reason, ids.size()));
      auto now = read(ids);
      if (!now.ok()) {
        for (const auto& pending : group) {
          slots[pending.slot] = make_error(
              ErrorCode::kIo, fmt::format("campaign {}: {}:mutate got no answer ({}) and its state could not be "
                                          "read back ({}); check it in Google Ads before applying again",
                                          pending.before.id, service, last_reason, now.error().message));
        }
        return;
      }
      for (auto& pending : group) {
        const auto found = now->find(pending.before.id);
        if (found != now->end() && same_field(pending.kind, found->second.state, pending.wanted)) {
          slots[pending.slot] = Change{pending.before, found->second.state};  // made by the unanswered request
        } else {
          still.push_back(std::move(pending));
        }
      }
      client_->log(fmt::format("{}:mutate: {} of {} change(s) had been made; {} to send again", service,
                               group.size() - still.size(), group.size(), still.size()));
    }
    group = std::move(still);
    if (!group.empty() && attempt < max_attempts) {
      client_->wait(net::backoff_delay(client_->settings().http.retry, attempt + 1, unit(rng)));
    }
  }
  for (const auto& pending : group) {
    slots[pending.slot] = make_error(
        ErrorCode::kIo, fmt::format("campaign {}: {}:mutate got no answer after {} attempt(s) ({}); the state read "
                                    "back shows the change not made",
                                    pending.before.id, service, max_attempts, last_reason));
  }
}

}  // namespace adpilot::act::detail
