#include "adpilot/report/detail/chart_files.h"

#include <unordered_set>

#include "adpilot/report/chart.h"

namespace adpilot::report::detail {

std::vector<std::string> unique_chart_ids(const std::vector<MetricSeries>& series) {
  std::vector<std::string> ids;
  ids.reserve(series.size());
  std::unordered_set<std::string> taken;
  for (const auto& s : series) {
    const std::string base = chart_id(s);
    std::string id = base;
    for (int n = 2; taken.count(id) != 0; ++n) {
      id = base + "_" + std::to_string(n);
    }
    taken.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace adpilot::report::detail
