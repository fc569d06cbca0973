// Crafted campaign data for the decide tests: every day of a campaign has the same figures, so
// the right decision can be worked out by hand.
#pragma once

#include <string>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/money.h"
#include "adpilot/core/table.h"

namespace adpilot::decide::testing {

struct CampaignSpec {
  std::string id;
  std::string name;
  double impressions = 0;  // per day
  double clicks = 0;
  double cost = 0;
  double conversions = 0;
  double revenue = 0;
  double budget = 0;       // daily budget, 0: none
  std::string status = "ENABLED";
  int days = 14;           // the last `days` days up to the end date
};

inline Table campaign_table(const std::vector<CampaignSpec>& campaigns, const std::string& last_day = "2026-10-28") {
  Table t;
  Column& date = t.add_column("date", ColumnType::kDate);
  Column& account = t.add_column("account_id", ColumnType::kString);
  Column& id = t.add_column("campaign_id", ColumnType::kString);
  Column& name = t.add_column("campaign_name", ColumnType::kString);
  Column& channel = t.add_column("channel", ColumnType::kString);
  Column& imp = t.add_column("impressions", ColumnType::kInt64);
  Column& clk = t.add_column("clicks", ColumnType::kInt64);
  Column& cost = t.add_column("cost", ColumnType::kMoney);
  Column& conv = t.add_column("conversions", ColumnType::kDouble);
  Column& rev = t.add_column("revenue", ColumnType::kMoney);
  Column& budget = t.add_column("budget", ColumnType::kMoney);
  Column& status = t.add_column("status", ColumnType::kString);
  Column& currency = t.add_column("currency", ColumnType::kString);
  const Date end = *parse_iso_date(last_day);
  for (const auto& c : campaigns) {
    for (int d = c.days - 1; d >= 0; --d) {
      date.i32().push_back(end - d);
      date.valid().push_back(1);
      account.append_string("acct");
      id.append_string(c.id);
      name.append_string(c.name);
      channel.append_string("google_ads");
      imp.i64().push_back(static_cast<int64_t>(c.impressions));
      imp.valid().push_back(1);
      clk.i64().push_back(static_cast<int64_t>(c.clicks));
      clk.valid().push_back(1);
      cost.i64().push_back(units_to_micros(c.cost));
      cost.valid().push_back(1);
      conv.f64().push_back(c.conversions);
      conv.valid().push_back(1);
      rev.i64().push_back(units_to_micros(c.revenue));
      rev.valid().push_back(1);
      budget.i64().push_back(units_to_micros(c.budget));
      budget.valid().push_back(c.budget > 0 ? 1 : 0);
      status.append_string(c.status);
      currency.append_string("USD");
    }
  }
  return t;
}

}  // namespace adpilot::decide::testing
