#include "adpilot/decide/detail/entities.h"

#include <unordered_map>

namespace adpilot::decide {

const char* scope_dimension(EntityLevel level) {
  switch (level) {
    case EntityLevel::kCampaign:
      return "campaign";
    case EntityLevel::kAdGroup:
      return "ad_group";
    case EntityLevel::kAd:
      return "ad";
  }
  return "campaign";
}

std::string normalize_status(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (out.empty() || out == "ACTIVE") {
    return "ENABLED";
  }
  if (out == "INACTIVE" || out == "CAMPAIGN_PAUSED" || out == "ADSET_PAUSED") {
    return "PAUSED";
  }
  return out;
}

std::vector<EntitySnapshot> entity_snapshots(const Table& data, EntityLevel level, Date as_of,
                                             const std::vector<analyze::DailySeries>& series) {
  const std::string prefix = scope_dimension(level);
  const Column* id = data.find(prefix + "_id");
  const Column* date = data.find("date");
  const Column* account = data.find("account_id");
  const Column* channel = data.find("channel");
  const Column* status = data.find("status");
  const Column* budget = level == EntityLevel::kCampaign ? data.find("budget") : nullptr;
  const Column* currency = data.find("currency");

  // The last row of each entity on or before as_of (the first such row of that day).
  std::unordered_map<std::string_view, size_t> last_row;
  if (id != nullptr) {
    for (size_t row = 0; row < data.num_rows(); ++row) {
      if (!id->is_valid(row) || (date != nullptr && date->is_valid(row) && date->i32()[row] > as_of)) {
        continue;
      }
      const std::string_view key = id->str(row);
      auto [it, inserted] = last_row.emplace(key, row);
      if (!inserted && date != nullptr && date->i32()[row] > date->i32()[it->second]) {
        it->second = row;
      }
    }
  }
  auto text = [](const Column* column, size_t row) {
    return column != nullptr && column->is_valid(row) ? std::string(column->str(row)) : std::string();
  };
  std::vector<EntitySnapshot> out;
  out.reserve(series.size());
  for (const auto& s : series) {
    EntitySnapshot snapshot;
    snapshot.level = level;
    snapshot.id = s.id;
    snapshot.name = s.name.empty() ? s.id : s.name;
    snapshot.status = "ENABLED";
    if (auto it = last_row.find(s.id); it != last_row.end()) {
      const size_t row = it->second;
      snapshot.account_id = text(account, row);
      snapshot.channel = text(channel, row);
      snapshot.status = normalize_status(text(status, row));
      snapshot.currency = text(currency, row);
      if (budget != nullptr && budget->is_valid(row) && budget->i64()[row] > 0) {
        snapshot.daily_budget = budget->i64()[row];
      }
    }
    out.push_back(std::move(snapshot));
  }
  return out;
}

}  // namespace adpilot::decide
