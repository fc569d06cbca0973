// adpilot sync — daily performance from an ad platform's API into the store's metric history
// (incremental: days not yet stored, plus a look-back for late conversions), and optionally a
// canonical CSV of the whole range.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "adpilot/cli/commands.h"
#include "adpilot/cli/connector_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/store_settings.h"
#include "adpilot/ingest/api/canonical_table.h"
#include "adpilot/ingest/api/source.h"

namespace adpilot::cli {

namespace {

Date today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  return date_from_civil(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
}

// The contiguous range to fetch: from the first day not yet stored (or the look-back's first
// day, whichever is earlier) to `until`. nullopt when everything is stored and there is no
// look-back. Contiguous, because one request per range costs less quota than one per gap.
std::optional<std::pair<Date, Date>> fetch_range(Date since, Date until, int64_t lookback,
                                                 const std::vector<Date>& stored, bool refetch) {
  if (refetch) {
    return std::make_pair(since, until);
  }
  std::optional<Date> first;
  size_t next = 0;
  for (Date day = since; day <= until; ++day) {
    while (next < stored.size() && stored[next] < day) {
      ++next;
    }
    if (next == stored.size() || stored[next] != day) {
      first = day;
      break;
    }
  }
  if (lookback > 0) {
    const Date late = std::max(since, static_cast<Date>(until - lookback + 1));
    first = first ? std::min(*first, late) : late;
  }
  if (!first) {
    return std::nullopt;
  }
  return std::make_pair(*first, until);
}

const Column* column_of(const Table& table, std::string_view name) { return table.find(name); }

std::string text_at(const Column* column, size_t row) {
  if (column == nullptr || !column->is_valid(row)) {
    return "";
  }
  return std::string(column->str(row));
}

int64_t integer_at(const Column* column, size_t row) {
  if (column == nullptr || !column->is_valid(row)) {
    return 0;
  }
  return column->type() == ColumnType::kDouble ? static_cast<int64_t>(column->f64()[row]) : column->i64()[row];
}

double decimal_at(const Column* column, size_t row) {
  if (column == nullptr || !column->is_valid(row)) {
    return 0.0;
  }
  return column->type() == ColumnType::kDouble ? column->f64()[row] : static_cast<double>(column->i64()[row]);
}

Micros money_at(const Column* column, size_t row) {
  if (column == nullptr || !column->is_valid(row)) {
    return 0;
  }
  return column->type() == ColumnType::kMoney ? column->i64()[row] : units_to_micros(column->number(row));
}

Result<std::vector<store::MetricDay>> metric_rows(const Table& table, ingest::api::Level level,
                                                  const std::string& source) {
  const Column* date = column_of(table, "date");
  if (date == nullptr || date->type() != ColumnType::kDate) {
    return make_error(ErrorCode::kInternal, "the " + source + " source returned no date column");
  }
  const char* id_column = level == ingest::api::Level::kCampaign ? "campaign_id"
                          : level == ingest::api::Level::kAdGroup ? "ad_group_id"
                                                                  : "ad_id";
  const Column* id = column_of(table, id_column);
  if (id == nullptr) {
    return make_error(ErrorCode::kInternal, fmt::format("the {} source returned no {} column", source, id_column));
  }
  const Column* budget = table.find("budget") != nullptr ? table.find("budget") : table.find("daily_budget");
  std::vector<store::MetricDay> rows;
  rows.reserve(table.num_rows());
  for (size_t r = 0; r < table.num_rows(); ++r) {
    store::MetricDay row;
    row.entity_id = text_at(id, r);
    row.date = date->i32()[r];
    row.campaign_id = text_at(column_of(table, "campaign_id"), r);
    row.campaign_name = text_at(column_of(table, "campaign_name"), r);
    row.ad_group_id = text_at(column_of(table, "ad_group_id"), r);
    row.ad_group_name = text_at(column_of(table, "ad_group_name"), r);
    row.ad_id = text_at(column_of(table, "ad_id"), r);
    row.ad_name = text_at(column_of(table, "ad_name"), r);
    row.channel = text_at(column_of(table, "channel"), r);
    if (row.channel.empty()) {
      row.channel = source;
    }
    row.currency = text_at(column_of(table, "currency"), r);
    row.status = text_at(column_of(table, "status"), r);
    if (budget != nullptr && budget->is_valid(r)) {
      row.daily_budget = money_at(budget, r);
    }
    row.impressions = integer_at(column_of(table, "impressions"), r);
    row.clicks = integer_at(column_of(table, "clicks"), r);
    row.cost = money_at(column_of(table, "cost"), r);
    row.conversions = decimal_at(column_of(table, "conversions"), r);
    row.revenue = money_at(column_of(table, "revenue"), r);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The stored rows as a canonical table, the layout every other command reads.
Table canonical_table(const std::vector<store::MetricDay>& rows, const std::string& account) {
  ingest::api::CanonicalTableBuilder table({.ad_group = true, .ad = true, .budget = true}, rows.size());
  for (const auto& row : rows) {
    table.append({.date = row.date,
                  .account_id = account,
                  .campaign_id = row.campaign_id,
                  .campaign_name = row.campaign_name,
                  .ad_group_id = row.ad_group_id,
                  .ad_group_name = row.ad_group_name,
                  .ad_id = row.ad_id,
                  .ad_name = row.ad_name,
                  .channel = row.channel,
                  .currency = row.currency,
                  .status = row.status,
                  .impressions = row.impressions,
                  .clicks = row.clicks,
                  .cost = row.cost,
                  .conversions = row.conversions,
                  .revenue = row.revenue,
                  .budget = row.daily_budget});
  }
  return table.finish();
}

Result<int> sync(const Settings& settings, Io& io) {
  const std::string source_name = settings.text("source");
  if (source_name.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "sync needs a source",
                      ErrorContext{"", 0, 0, "", "--source"}, "give --source google_ads or --source meta_ads");
  }
  const auto since = settings.date("since");
  if (!since) {
    return make_error(ErrorCode::kInvalidArgument, "sync needs the first day to fetch",
                      ErrorContext{"", 0, 0, "", "--since"}, "give --since YYYY-MM-DD");
  }
  const Date until = settings.date("until").value_or(today_utc() - 1);
  if (until < *since) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("--until {} is before --since {}", format_date(until), format_date(*since)),
                      ErrorContext{"", 0, 0, "", "--until"});
  }
  auto level = ingest::api::parse_level(settings.text("level"));
  if (!level.ok()) {
    return level.error();
  }
  auto connector = make_settings_resolver(settings)(source_name);
  if (!connector.ok()) {
    return connector.error();
  }
  auto store = open_store(settings);
  if (!store.ok()) {
    return store.error();
  }
  const store::SyncScope scope{source_name, connector->account, ingest::api::level_name(*level)};
  auto stored = store->synced_days(scope, *since, until);
  if (!stored.ok()) {
    return stored.error();
  }
  const auto range = fetch_range(*since, until, settings.integer("lookback"), *stored, settings.flag("refetch"));
  ingest::api::Usage usage;
  size_t fetched_rows = 0;
  if (range) {
    auto source = ingest::api::make_source(*connector);
    if (!source.ok()) {
      return source.error();
    }
    auto table = (*source)->fetch({range->first, range->second, *level});
    usage = (*source)->usage();
    if (!table.ok()) {
      return table.error();
    }
    auto rows = metric_rows(*table, *level, source_name);
    if (!rows.ok()) {
      return rows.error();
    }
    fetched_rows = rows->size();
    if (auto saved = store->replace_metric_days(scope, range->first, range->second, *rows, store::utc_timestamp());
        !saved.ok()) {
      return saved.error();
    }
  }
  auto all = store->metric_days(scope, *since, until);
  if (!all.ok()) {
    return all.error();
  }
  const std::string out = settings.text("out");
  if (!out.empty()) {
    if (auto written = write_output(out, render_csv(canonical_table(*all, connector->account)), io.out);
        !written.ok()) {
      return written.error();
    }
  }
  const int64_t days = until - *since + 1;
  const int64_t fetched_days = range ? range->second - range->first + 1 : 0;
  if (settings.text("format") == "json") {
    nlohmann::ordered_json summary = {
        {"source", source_name},
        {"account", connector->account},
        {"level", scope.level},
        {"since", format_date(*since)},
        {"until", format_date(until)},
        {"fetched_since", range ? nlohmann::json(format_date(range->first)) : nlohmann::json(nullptr)},
        {"days_fetched", fetched_days},
        {"days_already_stored", static_cast<int64_t>(stored->size())},
        {"rows_fetched", fetched_rows},
        {"rows_in_range", all->size()},
        {"requests", usage.requests},
        {"operations", usage.operations},
        {"retries", usage.retries},
        {"store", store->path()},
        {"out", out},
    };
    std::fputs((summary.dump(2) + "\n").c_str(), out.empty() ? io.out : io.err);
    return kExitOk;
  }
  std::string text;
  if (range) {
    text = fmt::format("sync {} {} ({}): fetched {} .. {} ({} of {} days; {} were stored already): {} rows\n",
                       source_name, connector->account, scope.level, format_date(range->first),
                       format_date(range->second), fetched_days, days, stored->size(), fetched_rows);
  } else {
    text = fmt::format("sync {} {} ({}): every day of {} .. {} is stored already; nothing fetched "
                       "(--lookback or --refetch fetch again)\n",
                       source_name, connector->account, scope.level, format_date(*since), format_date(until));
  }
  text += fmt::format("  API: {} requests, {} retries", usage.requests, usage.retries);
  if (source_name == connect::kGoogleAds) {
    // Basic access allows 15,000 operations a day; a run's share helps plan schedules.
    text += fmt::format(", {} operations against the daily quota", usage.operations);
  }
  text += usage.note.empty() ? "\n" : fmt::format("; {}\n", usage.note);
  text += fmt::format("  store: {} ({} rows for the range)\n", store->path(), all->size());
  if (!out.empty()) {
    text += fmt::format("  wrote {}\n", out);
  }
  // With --out the CSV is the output; the summary then goes to stderr unless quiet.
  if (out.empty()) {
    std::fputs(text.c_str(), io.out);
  } else if (!settings.flag("quiet")) {
    std::fputs(text.c_str(), io.err);
  }
  return kExitOk;
}

}  // namespace

int run_sync(const Settings& settings, Io& io) {
  auto done = guard([&] { return sync(settings, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

}  // namespace adpilot::cli
