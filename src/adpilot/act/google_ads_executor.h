// The google_ads executor: Google Ads API (REST) campaigns:mutate (status) and
// campaignBudgets:mutate (daily budget), several actions to one request with partialFailure so
// one refusal does not sink the rest. Campaign bids belong to the campaign's bidding strategy and
// have no mapping here: a bid action is refused with the reason, as are ad group and ad actions.
//
//   auto executor = act::make_google_ads_executor(store, settings);   // checks the credentials
//   auto report = act::apply_plan(plan, **executor, store, {});
//   auto spent = act::google_ads_usage(**executor);                   // operations against the quota
//   auto issues = act::validate_plan_google_ads(plan, settings);      // `plan --validate`
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/act/executor.h"
#include "adpilot/connect/google_ads/quota.h"

namespace adpilot::act {

// Operations sent in one mutate request (the API takes up to 10,000; smaller requests keep the
// state re-read after a lost answer small).
inline constexpr size_t kGoogleAdsMaxBatch = 1000;

Result<std::unique_ptr<Executor>> make_google_ads_executor(store::Store& store,
                                                       const connect::ConnectorSettings& settings);

// What a google_ads executor has spent so far; nullopt for any other executor.
std::optional<connect::google_ads::Usage> google_ads_usage(const Executor& executor);

// One action the platform would refuse.
struct ValidationIssue {
  int action_index = 0;
  std::string entity;   // "campaign 111 'Search - Brand'"
  std::string message;  // the platform's reason, with its error code and request id
};

// Sends the plan's state-changing actions with validateOnly (nothing changes on the account) and
// returns one issue per action the platform, or the executor itself, would refuse; an empty list
// means every action would go through. Errors: credentials, network, a request refused whole.
Result<std::vector<ValidationIssue>> validate_plan_google_ads(const decide::Plan& plan,
                                                              const connect::ConnectorSettings& settings);

}  // namespace adpilot::act
