#include "adpilot/ingest/detail/convert.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "adpilot/core/hash.h"

namespace adpilot::ingest::detail {

namespace {

bool in(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool has_target(const BoundFormat& bound, const char* target) {
  return std::any_of(bound.columns.begin(), bound.columns.end(),
                     [&](const BoundColumn& c) { return c.target == target; });
}

// Names identify nothing when an id is present (campaigns get renamed); status, currency and
// the like describe a row rather than identify it.
bool is_key_target(const BoundFormat& bound, const std::string& target) {
  static const std::vector<std::string> kNeverKey = {"status", "currency", "campaign_type",
                                                     "network_revenue"};
  if (in(kNeverKey, target)) {
    return false;
  }
  if (target == "campaign_name") {
    return !has_target(bound, "campaign_id");
  }
  if (target == "ad_group_name") {
    return !has_target(bound, "ad_group_id");
  }
  if (target == "ad_name") {
    return !has_target(bound, "ad_id");
  }
  return true;
}

// Columns the checks and policies read whatever the projection.
bool always_read(const std::string& name) {
  static const std::vector<std::string> kAlways = {"date",        "date_end", "impressions",
                                                   "clicks",      "cost",     "conversions",
                                                   "revenue",     "currency"};
  return in(kAlways, name);
}

}  // namespace

Table ConvertPlan::empty_table() const {
  Table table;
  for (const auto& column : columns) {
    if (column.materialize) {
      table.add_column(column.name, storage_type(column.kind));
    }
  }
  return table;
}

ConvertPlan make_plan(const std::string& file, const BoundFormat& bound,
                      const std::vector<std::string>& headers, NumberLocale locale,
                      DateOrder date_order, int year, const std::vector<std::string>& projection) {
  ConvertPlan plan;
  plan.file = file;
  plan.bound = bound;
  plan.header_fields = bound.header_fields;
  plan.headers = headers;
  plan.locale = locale;
  plan.date_order = date_order;
  plan.year = year;
  plan.skip_total_rows = bound.spec->skip_total_rows;
  auto wanted = [&](const std::string& name) {
    return projection.empty() || in(projection, name) || always_read(name);
  };
  bool has_date = false;
  for (const auto& bc : bound.columns) {
    if (bc.kind == ValueKind::kMonthName) {
      plan.month_source = static_cast<int>(bc.source_idx);
      continue;
    }
    if (bc.kind == ValueKind::kDayOfMonth) {
      plan.day_source = static_cast<int>(bc.source_idx);
      continue;
    }
    PlanColumn column;
    column.name = bc.target;
    column.kind = bc.kind;
    column.source_idx = static_cast<int>(bc.source_idx);
    column.materialize = wanted(bc.target);
    column.key = bc.kind == ValueKind::kString && is_key_target(bound, bc.target);
    if (bc.target == "date_end") {
      column.key = true;
    }
    column.row_date = bc.target == "date";
    has_date = has_date || bc.target == "date";
    plan.columns.push_back(std::move(column));
  }
  if (plan.month_source >= 0 && plan.day_source >= 0 && !has_date) {
    PlanColumn column;
    column.name = "date";
    column.kind = ValueKind::kDate;
    plan.columns.insert(plan.columns.begin(), std::move(column));
  }
  if (!bound.spec->channel.empty() && !has_target(bound, "channel")) {
    PlanColumn column;
    column.name = "channel";
    column.constant = bound.spec->channel;
    column.materialize = wanted("channel");
    plan.columns.push_back(std::move(column));
  }
  if (!bound.header_currency.empty() && !has_target(bound, "currency")) {
    PlanColumn column;
    column.name = "currency";
    column.constant = bound.header_currency;
    plan.columns.push_back(std::move(column));
  }
  int out_idx = 0;
  for (const auto& column : plan.columns) {
    if (column.key && column.source_idx >= 0) {
      plan.key_sources.push_back(column.source_idx);
    }
    if (!column.materialize) {
      continue;
    }
    const std::string& n = column.name;
    int* slot = n == "date"          ? &plan.date_col
                : n == "date_end"    ? &plan.date_end_col
                : n == "impressions" ? &plan.impressions_col
                : n == "clicks"      ? &plan.clicks_col
                : n == "cost"        ? &plan.cost_col
                : n == "conversions" ? &plan.conversions_col
                : n == "revenue"     ? &plan.revenue_col
                : n == "currency"    ? &plan.currency_col
                                     : nullptr;
    if (slot != nullptr) {
      *slot = out_idx;
    }
    ++out_idx;
  }
  return plan;
}

}  // namespace adpilot::ingest::detail
