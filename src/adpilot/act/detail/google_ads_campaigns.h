// Campaign state and changes on Google Ads for the google_ads executor: reading status, budget
// and currency by GAQL, and carrying actions out through mutate requests without ever resending
// one blindly (after a lost answer the state is read back and only what is not yet done is sent
// again).
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adpilot/act/executor.h"
#include "adpilot/connect/google_ads/client.h"

namespace adpilot::act::detail {

struct CampaignState {
  store::EntityState state;     // level campaign, status, daily budget, currency
  std::string budget_resource;  // customers/{id}/campaignBudgets/{budget id}
};

class GoogleAdsCampaigns {
 public:
  explicit GoogleAdsCampaigns(std::unique_ptr<connect::google_ads::Client> client) : client_(std::move(client)) {}

  connect::google_ads::Client& client() { return *client_; }
  const connect::google_ads::Client& client() const { return *client_; }

  // The campaigns the account has among `ids`, by id (absent ids are left out).
  Result<std::map<std::string, CampaignState>> read(const std::vector<std::string>& ids);

  // One result per action, in order: kData for an action the platform (or this executor)
  // refuses, any other code when the outcome is unknown. With validate_only the platform checks
  // each change without making it, and every Change has after == before.
  std::vector<Result<Change>> apply(std::span<const decide::PlannedAction> actions, bool validate_only);

 private:
  struct Pending;
  void send(const char* service, std::vector<Pending>& group, bool validate_only,
            std::vector<std::optional<Result<Change>>>& slots);

  std::unique_ptr<connect::google_ads::Client> client_;
};

}  // namespace adpilot::act::detail
