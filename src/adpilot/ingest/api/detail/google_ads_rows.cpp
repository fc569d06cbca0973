#include "adpilot/ingest/api/detail/google_ads_rows.h"

#include <fmt/format.h>

#include "adpilot/connect/google_ads/gaql.h"
#include "adpilot/ingest/api/canonical_table.h"

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
    CanonicalTableBuilder table({.ad_group = paths.ad_group, .ad = paths.ad,
                                 .budget = level == Level::kCampaign},
                                rows.size());
    for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
      const json& row = rows[row_idx];
      const std::string_view day = required_text(row, "segments.date", row_idx);
      const auto parsed_day = parse_iso_date(day);
      if (!parsed_day) {
        throw_error(ErrorCode::kParse,
                    fmt::format("Google Ads: report row {} has segments.date '{}', not YYYY-MM-DD", row_idx + 1, day),
                    ErrorContext{"", 0, 0, "segments.date", ""});
      }
      CanonicalRow out;
      out.date = *parsed_day;
      out.account_id = account_id;
      out.campaign_id = required_text(row, "campaign.id", row_idx);
      out.campaign_name = gads::string_at(row, "campaign.name");
      if (paths.ad_group) {
        out.ad_group_id = required_text(row, "adGroup.id", row_idx);
        out.ad_group_name = gads::string_at(row, "adGroup.name");
      }
      if (paths.ad) {
        out.ad_id = required_text(row, "adGroupAd.ad.id", row_idx);
        out.ad_name = gads::string_at(row, "adGroupAd.ad.name");
      }
      out.channel = "google_ads";
      // The API leaves metrics at zero out of the row.
      out.impressions = take_value(gads::int64_at(row, "metrics.impressions", 0), row_idx);
      out.clicks = take_value(gads::int64_at(row, "metrics.clicks", 0), row_idx);
      out.cost = take_value(gads::int64_at(row, "metrics.costMicros", 0), row_idx);
      out.conversions = take_value(gads::double_at(row, "metrics.conversions"), row_idx);
      out.revenue = units_to_micros(take_value(gads::double_at(row, "metrics.conversionsValue"), row_idx));
      out.currency = currency;
      out.status = gads::string_at(row, paths.status);
      if (level == Level::kCampaign && gads::find_path(row, "campaignBudget.amountMicros") != nullptr) {
        out.budget = take_value(gads::int64_at(row, "campaignBudget.amountMicros"), row_idx);
      }
      table.append(out);
    }
    return table.finish();
  });
}

}  // namespace adpilot::ingest::api::detail
