// The metric history of `adpilot sync`: metric_days and synced_days (schema version 2).
#include "adpilot/store/detail/sqlite.h"
#include "adpilot/store/store.h"

namespace adpilot::store {

namespace {

// Dates are stored as ISO text so the file reads well in any SQLite tool; ISO order is date order.
Date read_date(const std::string& text) {
  const auto date = parse_iso_date(text);
  if (!date) {
    throw_error(ErrorCode::kSchema, "a metric_days row has a malformed date '" + text + "'");
  }
  return *date;
}

}  // namespace

Result<std::vector<Date>> Store::synced_days(const SyncScope& scope, Date since, Date until) const {
  return guard([&]() -> Result<std::vector<Date>> {
    detail::Statement query(db_.get(),
                            "SELECT date FROM synced_days WHERE source = ?1 AND account_id = ?2 AND "
                            "level = ?3 AND date BETWEEN ?4 AND ?5 ORDER BY date");
    query.bind(1, scope.source).bind(2, scope.account_id).bind(3, scope.level);
    query.bind(4, format_date(since)).bind(5, format_date(until));
    std::vector<Date> days;
    while (query.step()) {
      days.push_back(read_date(query.text(0)));
    }
    return days;
  });
}

Result<void> Store::replace_metric_days(const SyncScope& scope, Date first, Date last,
                                        const std::vector<MetricDay>& rows, const std::string& fetched_at) {
  auto transaction = begin();
  if (!transaction.ok()) {
    return transaction.error();
  }
  auto written = guard([&]() -> Result<void> {
    const std::string from = format_date(first);
    const std::string to = format_date(last);
    detail::Statement erase(db_.get(),
                            "DELETE FROM metric_days WHERE source = ?1 AND account_id = ?2 AND level = ?3 "
                            "AND date BETWEEN ?4 AND ?5");
    erase.bind(1, scope.source).bind(2, scope.account_id).bind(3, scope.level).bind(4, from).bind(5, to);
    erase.run();
    detail::Statement insert(
        db_.get(),
        "INSERT INTO metric_days (source, account_id, level, entity_id, date, campaign_id, campaign_name, "
        "ad_group_id, ad_group_name, ad_id, ad_name, channel, currency, status, daily_budget_micros, "
        "impressions, clicks, cost_micros, conversions, revenue_micros) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) "
        "ON CONFLICT (source, account_id, level, entity_id, date) DO UPDATE SET "
        "impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks, "
        "cost_micros = cost_micros + excluded.cost_micros, "
        "conversions = conversions + excluded.conversions, "
        "revenue_micros = revenue_micros + excluded.revenue_micros");
    for (const MetricDay& row : rows) {
      if (row.date < first || row.date > last) {
        throw_error(ErrorCode::kInvalidArgument,
                    "a fetched row of " + format_date(row.date) + " lies outside the range fetched");
      }
      insert.reset();
      insert.bind(1, scope.source).bind(2, scope.account_id).bind(3, scope.level).bind(4, row.entity_id);
      insert.bind(5, format_date(row.date)).bind(6, row.campaign_id).bind(7, row.campaign_name);
      insert.bind(8, row.ad_group_id).bind(9, row.ad_group_name).bind(10, row.ad_id).bind(11, row.ad_name);
      insert.bind(12, row.channel).bind(13, row.currency).bind(14, row.status).bind(15, row.daily_budget);
      insert.bind(16, row.impressions).bind(17, row.clicks).bind(18, static_cast<int64_t>(row.cost));
      insert.bind(19, row.conversions).bind(20, static_cast<int64_t>(row.revenue));
      insert.run();
    }
    detail::Statement mark(db_.get(),
                           "INSERT INTO synced_days (source, account_id, level, date, fetched_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (source, account_id, level, date) "
                           "DO UPDATE SET fetched_at = excluded.fetched_at");
    for (Date day = first; day <= last; ++day) {
      mark.reset();
      mark.bind(1, scope.source).bind(2, scope.account_id).bind(3, scope.level);
      mark.bind(4, format_date(day)).bind(5, fetched_at);
      mark.run();
    }
    return {};
  });
  if (!written.ok()) {
    return written.error();  // the transaction rolls back when destroyed
  }
  return transaction->commit();
}

Result<std::vector<MetricDay>> Store::metric_days(const SyncScope& scope, Date since, Date until) const {
  return guard([&]() -> Result<std::vector<MetricDay>> {
    detail::Statement query(
        db_.get(),
        "SELECT entity_id, date, campaign_id, campaign_name, ad_group_id, ad_group_name, ad_id, ad_name, "
        "channel, currency, status, daily_budget_micros, impressions, clicks, cost_micros, conversions, "
        "revenue_micros FROM metric_days WHERE source = ?1 AND account_id = ?2 AND level = ?3 AND "
        "date BETWEEN ?4 AND ?5 ORDER BY date, entity_id");
    query.bind(1, scope.source).bind(2, scope.account_id).bind(3, scope.level);
    query.bind(4, format_date(since)).bind(5, format_date(until));
    std::vector<MetricDay> rows;
    while (query.step()) {
      MetricDay row;
      row.entity_id = query.text(0);
      row.date = read_date(query.text(1));
      row.campaign_id = query.text(2);
      row.campaign_name = query.text(3);
      row.ad_group_id = query.text(4);
      row.ad_group_name = query.text(5);
      row.ad_id = query.text(6);
      row.ad_name = query.text(7);
      row.channel = query.text(8);
      row.currency = query.text(9);
      row.status = query.text(10);
      if (auto budget = query.optional_int64(11)) {
        row.daily_budget = Micros{*budget};
      }
      row.impressions = query.int64(12);
      row.clicks = query.int64(13);
      row.cost = Micros{query.int64(14)};
      row.conversions = query.real(15);
      row.revenue = Micros{query.int64(16)};
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

}  // namespace adpilot::store
