#include <fmt/format.h>
#include <fmt/ranges.h>

#include "adpilot/act/detail/simulate.h"
#include "adpilot/act/executor.h"

namespace adpilot::act {

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

ExecutorRegistry make_executor_registry() {
  ExecutorRegistry registry;
  registry.add("simulate", [](store::Store& store) { return detail::make_simulate_executor(store); });
  return registry;
}

}  // namespace adpilot::act
