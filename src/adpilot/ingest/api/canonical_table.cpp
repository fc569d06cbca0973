#include "adpilot/ingest/api/canonical_table.h"

namespace adpilot::ingest::api {

namespace {

void append_text(Column& column, std::string_view text) {
  if (text.empty()) {
    column.append_null();
  } else {
    column.append_string(text);
  }
}

void append_i64(Column& column, int64_t value) {
  column.i64().push_back(value);
  column.valid().push_back(1);
}

}  // namespace

CanonicalTableBuilder::CanonicalTableBuilder(CanonicalColumns columns, size_t expected_rows) {
  // The deque keeps these addresses stable while later columns are added.
  date_ = &table_.add_column("date", ColumnType::kDate);
  account_id_ = &table_.add_column("account_id", ColumnType::kString);
  campaign_id_ = &table_.add_column("campaign_id", ColumnType::kString);
  campaign_name_ = &table_.add_column("campaign_name", ColumnType::kString);
  if (columns.ad_group) {
    ad_group_id_ = &table_.add_column("ad_group_id", ColumnType::kString);
    ad_group_name_ = &table_.add_column("ad_group_name", ColumnType::kString);
  }
  if (columns.ad) {
    ad_id_ = &table_.add_column("ad_id", ColumnType::kString);
    ad_name_ = &table_.add_column("ad_name", ColumnType::kString);
  }
  channel_ = &table_.add_column("channel", ColumnType::kString);
  impressions_ = &table_.add_column("impressions", ColumnType::kInt64);
  clicks_ = &table_.add_column("clicks", ColumnType::kInt64);
  cost_ = &table_.add_column("cost", ColumnType::kMoney);
  conversions_ = &table_.add_column("conversions", ColumnType::kDouble);
  revenue_ = &table_.add_column("revenue", ColumnType::kMoney);
  currency_ = &table_.add_column("currency", ColumnType::kString);
  status_ = &table_.add_column("status", ColumnType::kString);
  if (columns.budget) {
    budget_ = &table_.add_column("budget", ColumnType::kMoney);
  }
  for (Column& column : table_.columns()) {
    column.reserve(expected_rows);
  }
}

void CanonicalTableBuilder::append(const CanonicalRow& row) {
  date_->i32().push_back(row.date);
  date_->valid().push_back(1);
  append_text(*account_id_, row.account_id);
  append_text(*campaign_id_, row.campaign_id);
  append_text(*campaign_name_, row.campaign_name);
  if (ad_group_id_ != nullptr) {
    append_text(*ad_group_id_, row.ad_group_id);
    append_text(*ad_group_name_, row.ad_group_name);
  }
  if (ad_id_ != nullptr) {
    append_text(*ad_id_, row.ad_id);
    append_text(*ad_name_, row.ad_name);
  }
  append_text(*channel_, row.channel);
  append_i64(*impressions_, row.impressions);
  append_i64(*clicks_, row.clicks);
  append_i64(*cost_, row.cost);
  conversions_->f64().push_back(row.conversions);
  conversions_->valid().push_back(1);
  append_i64(*revenue_, row.revenue);
  append_text(*currency_, row.currency);
  append_text(*status_, row.status);
  if (budget_ != nullptr) {
    if (row.budget) {
      append_i64(*budget_, *row.budget);
    } else {
      budget_->append_null();
    }
  }
}

}  // namespace adpilot::ingest::api
