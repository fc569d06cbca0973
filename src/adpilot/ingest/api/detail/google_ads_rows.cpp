#include "adpilot/ingest/api/detail/google_ads_rows.h"

#include <fmt/format.h>

#include "adpilot/connect/google_ads/gaql.h"

namespace adpilot::ingest::api::detail {

namespace {

namespace gads = connect::google_ads;
using nlohmann::json;

// Where the level's fields sit in a row (lowerCamelCase JSON paths).
struct Paths {
  const char* status;
  bool ad_group;
  bool ad;
};

Paths paths_for(Level level) {
  switch (level) {
    case Level::kAdGroup: return {"adGroup.status", true, false};
    case Level::kAd: return {"adGroupAd.status", true, true};
    case Level::kCampaign: break;
  }
  return {"campaign.status", false, false};
}

template <typename T>
T take_value(Result<T> result, size_t row_idx) {
  if (!result.ok()) {
    Error error = result.error();
    error.message = fmt::format("{} (report row {})", error.message, row_idx + 1);
    throw ErrorException(std::move(error));
  }
  return std::move(result).value();
}

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

std::string_view required_text(const json& row, const char* path, size_t row_idx) {
  const std::string_view text = gads::string_at(row, path);
  if (text.empty()) {
    throw_error(ErrorCode::kParse, fmt::format("Google Ads: report row {} has no {}", row_idx + 1, path),
                ErrorContext{"", 0, 0, path, ""});
  }
  return text;
}

}  // namespace

Result<Table> google_ads_table(const std::vector<json>& rows, Level level, const std::string& account_id,
                               const std::string& currency) {
  return guard([&]() -> Result<Table> {
    const Paths paths = paths_for(level);
    Table table;
    Column& date = table.add_column("date", ColumnType::kDate);
    Column& account = table.add_column("account_id", ColumnType::kString);
    Column& campaign_id = table.add_column("campaign_id", ColumnType::kString);
    Column& campaign_name = table.add_column("campaign_name", ColumnType::kString);
    Column* ad_group_id = paths.ad_group ? &table.add_column("ad_group_id", ColumnType::kString) : nullptr;
    Column* ad_group_name = paths.ad_group ? &table.add_column("ad_group_name", ColumnType::kString) : nullptr;
    Column* ad_id = paths.ad ? &table.add_column("ad_id", ColumnType::kString) : nullptr;
    Column* ad_name = paths.ad ? &table.add_column("ad_name", ColumnType::kString) : nullptr;
    Column& channel = table.add_column("channel", ColumnType::kString);
    Column& impressions = table.add_column("impressions", ColumnType::kInt64);
    Column& clicks = table.add_column("clicks", ColumnType::kInt64);
    Column& cost = table.add_column("cost", ColumnType::kMoney);
    Column& conversions = table.add_column("conversions", ColumnType::kDouble);
    Column& revenue = table.add_column("revenue", ColumnType::kMoney);
    Column& currency_column = table.add_column("currency", ColumnType::kString);
    Column& status = table.add_column("status", ColumnType::kString);
    Column* budget = level == Level::kCampaign ? &table.add_column("budget", ColumnType::kMoney) : nullptr;
    for (Column& column : table.columns()) {
      column.reserve(rows.size());
    }
    for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
      const json& row = rows[row_idx];
      const std::string_view day = required_text(row, "segments.date", row_idx);
      const auto parsed_day = parse_iso_date(day);
      if (!parsed_day) {
        throw_error(ErrorCode::kParse,
                    fmt::format("Google Ads: report row {} has segments.date '{}', not YYYY-MM-DD", row_idx + 1, day),
                    ErrorContext{"", 0, 0, "segments.date", ""});
      }
      date.i32().push_back(*parsed_day);
      date.valid().push_back(1);
      append_text(account, account_id);
      campaign_id.append_string(required_text(row, "campaign.id", row_idx));
      append_text(campaign_name, gads::string_at(row, "campaign.name"));
      if (paths.ad_group) {
        ad_group_id->append_string(required_text(row, "adGroup.id", row_idx));
        append_text(*ad_group_name, gads::string_at(row, "adGroup.name"));
      }
      if (paths.ad) {
        ad_id->append_string(required_text(row, "adGroupAd.ad.id", row_idx));
        append_text(*ad_name, gads::string_at(row, "adGroupAd.ad.name"));
      }
      channel.append_string("google_ads");
      // The API leaves metrics at zero out of the row.
      append_i64(impressions, take_value(gads::int64_at(row, "metrics.impressions", 0), row_idx));
      append_i64(clicks, take_value(gads::int64_at(row, "metrics.clicks", 0), row_idx));
      append_i64(cost, take_value(gads::int64_at(row, "metrics.costMicros", 0), row_idx));
      conversions.f64().push_back(take_value(gads::double_at(row, "metrics.conversions"), row_idx));
      conversions.valid().push_back(1);
      append_i64(revenue, units_to_micros(take_value(gads::double_at(row, "metrics.conversionsValue"), row_idx)));
      append_text(currency_column, currency);
      append_text(status, gads::string_at(row, paths.status));
      if (budget != nullptr) {
        if (gads::find_path(row, "campaignBudget.amountMicros") == nullptr) {
          budget->append_null();
        } else {
          append_i64(*budget, take_value(gads::int64_at(row, "campaignBudget.amountMicros"), row_idx));
        }
      }
    }
    return table;
  });
}

}  // namespace adpilot::ingest::api::detail
