#include <fmt/format.h>
#include <fmt/ranges.h>

#include "adpilot/act/detail/simulate.h"
#include "adpilot/act/executor.h"
#include "adpilot/act/google_ads_executor.h"
#include "adpilot/act/meta_ads_executor.h"

namespace adpilot::act {

std::vector<Result<Change>> Executor::apply_batch(std::span<const decide::PlannedAction> actions) {
  std::vector<Result<Change>> results;
  results.reserve(actions.size());
  for (const auto& action : actions) {
    results.push_back(apply(action));
  }
  return results;
}

void ExecutorRegistry::add(const std::string& name, ExecutorFactory factory) {
  factories_[name] = std::move(factory);
}

Result<std::unique_ptr<Executor>> ExecutorRegistry::create(const std::string& name, store::Store& store) const {
  const auto it = factories_.find(name);
  if (it == factories_.end()) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("unknown target '{}'; known: {}", name, fmt::join(names(), ", ")),
                      ErrorContext{"", 0, 0, "", "--target"});
  }
  return it->second(store);
}

std::vector<std::string> ExecutorRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, factory] : factories_) {
    out.push_back(name);
  }
  return out;
}

ExecutorRegistry make_executor_registry(connect::SettingsResolver resolver) {
  ExecutorRegistry registry;
  registry.add("simulate", [](store::Store& store) -> Result<std::unique_ptr<Executor>> {
    return detail::make_simulate_executor(store);
  });
  const auto settings_for = [resolver](const std::string& platform) -> Result<connect::ConnectorSettings> {
    if (!resolver) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("no connector settings for target '{}'", platform),
                        ErrorContext{"", 0, 0, "", "--target"},
                        "see docs/connectors.md for the account, API and credential settings");
    }
    return resolver(platform);
  };
  registry.add(connect::kGoogleAds, [settings_for](store::Store& store) -> Result<std::unique_ptr<Executor>> {
    auto settings = settings_for(connect::kGoogleAds);
    if (!settings.ok()) {
      return settings.error();
    }
    return make_google_ads_executor(store, *settings);
  });
  registry.add(connect::kMetaAds, [settings_for](store::Store& store) -> Result<std::unique_ptr<Executor>> {
    auto settings = settings_for(connect::kMetaAds);
    if (!settings.ok()) {
      return settings.error();
    }
    return make_meta_ads_executor(store, *settings);
  });
  return registry;
}

}  // namespace adpilot::act
