// Platform rows → the canonical Table, written once for every reader of the ad platforms (the
// Google Ads and Meta sources) and for `sync`'s CSV of the stored history: the same columns in
// the same order, empty text as a missing cell, money in micros.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "adpilot/core/date.h"
#include "adpilot/core/money.h"
#include "adpilot/core/table.h"

namespace adpilot::ingest::api {

// One entity on one day. Views must outlive the append() call only.
struct CanonicalRow {
  Date date = 0;
  std::string_view account_id, campaign_id, campaign_name, ad_group_id, ad_group_name, ad_id, ad_name;
  std::string_view channel, currency, status;
  int64_t impressions = 0;
  int64_t clicks = 0;
  Micros cost = 0;
  double conversions = 0.0;
  Micros revenue = 0;
  std::optional<Micros> budget;  // the daily budget; missing when unknown
};

// Which optional columns the table has: ad_group_id/ad_group_name, ad_id/ad_name and budget.
struct CanonicalColumns {
  bool ad_group = false;
  bool ad = false;
  bool budget = false;
};

// Columns: date, account_id, campaign_id, campaign_name, [ad_group_id, ad_group_name], [ad_id,
// ad_name], channel, impressions, clicks, cost, conversions, revenue, currency, status, [budget].
class CanonicalTableBuilder {
 public:
  explicit CanonicalTableBuilder(CanonicalColumns columns, size_t expected_rows = 0);
  void append(const CanonicalRow& row);
  Table finish() { return std::move(table_); }

 private:
  Table table_;
  Column* date_;
  Column* account_id_;
  Column* campaign_id_;
  Column* campaign_name_;
  Column* ad_group_id_ = nullptr;
  Column* ad_group_name_ = nullptr;
  Column* ad_id_ = nullptr;
  Column* ad_name_ = nullptr;
  Column* channel_;
  Column* impressions_;
  Column* clicks_;
  Column* cost_;
  Column* conversions_;
  Column* revenue_;
  Column* currency_;
  Column* status_;
  Column* budget_ = nullptr;
};

}  // namespace adpilot::ingest::api
