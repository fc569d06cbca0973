#include "adpilot/act/google_ads_executor.h"

#include <fmt/format.h>

#include "adpilot/act/detail/google_ads_campaigns.h"
#include "adpilot/act/detail/state_json.h"
#include "adpilot/connect/google_ads/gaql.h"

namespace adpilot::act {

namespace {

namespace gads = connect::google_ads;

class GoogleAdsExecutor final : public Executor {
 public:
  GoogleAdsExecutor(std::unique_ptr<gads::Client> client, bool validate_only)
      : campaigns_(std::move(client)), validate_only_(validate_only) {}

  std::string name() const override { return connect::kGoogleAds; }

  // The platform keeps the state; nothing to seed. The client already checked the credentials.
  Result<int> prepare(const decide::Plan&) override { return 0; }

  Result<std::optional<store::EntityState>> read_state(decide::EntityLevel level, const std::string& id) override {
    if (level != decide::EntityLevel::kCampaign || !gads::parse_id(id)) {
      return std::optional<store::EntityState>();  // this executor tracks campaigns only
    }
    auto found = campaigns_.read({id});
    if (!found.ok()) {
      return found.error();
    }
    const auto it = found->find(id);
    return it == found->end() ? std::optional<store::EntityState>() : std::optional(it->second.state);
  }

  Result<Change> apply(const decide::PlannedAction& action) override {
    return std::move(campaigns_.apply(std::span(&action, 1), validate_only_).front());
  }

  size_t max_batch() const override { return kGoogleAdsMaxBatch; }

  std::vector<Result<Change>> apply_batch(std::span<const decide::PlannedAction> actions) override {
    return campaigns_.apply(actions, validate_only_);
  }

  // Sends the field the action changed back to its recorded `before` value.
  Result<Change> revert(const store::AuditRecord& record) override {
    auto action = guard([&]() -> Result<decide::PlannedAction> {
      const auto kind = decide::parse_action_kind(record.action);
      const auto level = decide::parse_entity_level(record.entity_level);
      if (!kind || !level) {
        throw_error(ErrorCode::kParse, fmt::format("store: audit row {} has an unknown action or level",
                                                   record.audit_id));
      }
      const store::EntityState before = detail::parse_state(record.before);
      decide::PlannedAction revert;
      revert.index = record.action_index;
      revert.entity.level = *level;
      revert.entity.id = record.entity_id;
      revert.entity.name = record.entity_name;
      revert.kind = *kind;
      revert.status_after = before.status;
      revert.budget_after = before.daily_budget;
      if (*kind == decide::ActionKind::kPause || *kind == decide::ActionKind::kEnable) {
        revert.kind = before.status == "PAUSED" ? decide::ActionKind::kPause : decide::ActionKind::kEnable;
      }
      if (*kind == decide::ActionKind::kBudget && !before.daily_budget) {
        throw_error(ErrorCode::kData, fmt::format("campaign {}: audit row {} recorded no budget to restore",
                                                  record.entity_id, record.audit_id));
      }
      return revert;
    });
    if (!action.ok()) {
      return action.error();
    }
    return apply(*action);
  }

  const gads::Usage& usage() const { return campaigns_.client().usage(); }
  detail::GoogleAdsCampaigns& campaigns() { return campaigns_; }

 private:
  detail::GoogleAdsCampaigns campaigns_;
  bool validate_only_;
};

std::string entity_text(const decide::EntitySnapshot& entity) {
  return entity.name.empty() ? fmt::format("{} {}", decide::entity_level_name(entity.level), entity.id)
                             : fmt::format("{} {} '{}'", decide::entity_level_name(entity.level), entity.id, entity.name);
}

}  // namespace

Result<std::unique_ptr<Executor>> make_google_ads_executor(store::Store&, const connect::ConnectorSettings& settings) {
  auto client = gads::Client::create(settings);
  if (!client.ok()) {
    return client.error();
  }
  return std::unique_ptr<Executor>(std::make_unique<GoogleAdsExecutor>(std::move(*client), settings.validate_only));
}

std::optional<gads::Usage> google_ads_usage(const Executor& executor) {
  const auto* google = dynamic_cast<const GoogleAdsExecutor*>(&executor);
  return google == nullptr ? std::nullopt : std::optional<gads::Usage>(google->usage());
}

Result<std::vector<ValidationIssue>> validate_plan_google_ads(const decide::Plan& plan,
                                                              const connect::ConnectorSettings& settings) {
  auto client = gads::Client::create(settings);
  if (!client.ok()) {
    return client.error();
  }
  detail::GoogleAdsCampaigns campaigns(std::move(*client));
  std::vector<decide::PlannedAction> changes;
  for (const auto& action : plan.actions) {
    if (decide::changes_state(action.kind)) {
      changes.push_back(action);
    }
  }
  std::vector<ValidationIssue> issues;
  for (size_t begin = 0; begin < changes.size(); begin += kGoogleAdsMaxBatch) {
    const size_t count = std::min(kGoogleAdsMaxBatch, changes.size() - begin);
    auto results = campaigns.apply(std::span(changes).subspan(begin, count), /*validate_only=*/true);
    for (size_t k = 0; k < count; ++k) {
      if (results[k].ok()) {
        continue;
      }
      if (results[k].error().code != ErrorCode::kData) {
        return results[k].error();
      }
      const decide::PlannedAction& action = changes[begin + k];
      issues.push_back({action.index, entity_text(action.entity), results[k].error().message});
    }
  }
  return issues;
}

}  // namespace adpilot::act
