#include "adpilot/ingest/api/detail/meta_ads_rows.h"

#include <fmt/format.h>

#include "adpilot/core/date.h"
#include "adpilot/ingest/api/canonical_table.h"
#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::ingest::api::detail {

namespace {

Error row_error(std::string_view where, std::string_view field, std::string message) {
  return make_error(ErrorCode::kParse, fmt::format("Meta insights {}: {}", where, message),
                    ErrorContext{"", 0, 0, std::string(field), ""},
                    "the API answer did not have the documented shape; check api_version");
}

// Meta sends numbers as strings ("12.34"); a bare JSON number is accepted too, by its text.
std::optional<std::string> text_of(const nlohmann::json& row, std::string_view field) {
  const auto it = row.find(field);
  if (it == row.end() || it->is_null()) {
    return std::nullopt;
  }
  if (it->is_string()) {
    return it->get<std::string>();
  }
  if (it->is_number()) {
    return it->dump();
  }
  return std::string("<") + it->type_name() + ">";
}

// Absent counts are zero: Meta leaves out metrics a row has none of.
Result<int64_t> count_field(const nlohmann::json& row, std::string_view field, std::string_view where, bool required) {
  const auto text = text_of(row, field);
  if (!text) {
    if (required) {
      return row_error(where, field, fmt::format("field '{}' is missing", field));
    }
    return int64_t{0};
  }
  int64_t value = 0;
  if (ingest::parse_count(*text, {}, value) != ingest::ParseStatus::kOk || value < 0) {
    return row_error(where, field, fmt::format("field '{}' is '{}', not a whole count", field, *text));
  }
  return value;
}

Result<Micros> money_text(std::string_view text, std::string_view field, std::string_view where) {
  Micros value = 0;
  if (ingest::parse_money(text, {}, value) != ingest::ParseStatus::kOk) {
    return row_error(where, field, fmt::format("field '{}' is '{}', not a decimal amount", field, text));
  }
  return value;
}

std::string string_field(const nlohmann::json& row, std::string_view field) {
  const auto it = row.find(field);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The entry of actions / action_values for the chosen type: the configured one only, or the
// first default present.
const nlohmann::json* pick_action(const nlohmann::json& row, std::string_view list, std::string_view configured,
                                  std::string_view where, Error& error) {
  const auto it = row.find(list);
  if (it == row.end() || it->is_null()) {
    return nullptr;
  }
  if (!it->is_array()) {
    error = row_error(where, list, fmt::format("field '{}' is not a list of actions", list));
    return nullptr;
  }
  const auto find = [&](std::string_view type) -> const nlohmann::json* {
    for (const auto& entry : *it) {
      if (entry.is_object() && entry.value("action_type", std::string()) == type) {
        return &entry;
      }
    }
    return nullptr;
  };
  if (!configured.empty()) {
    return find(configured);
  }
  for (const std::string_view type : kMetaDefaultActions) {
    if (const auto* entry = find(type)) {
      return entry;
    }
  }
  return nullptr;
}

}  // namespace

Result<MetaRow> parse_meta_row(const nlohmann::json& row, Level level, std::string_view conversion_action,
                               std::string_view where) {
  if (!row.is_object()) {
    return row_error(where, "", "a row is not a JSON object");
  }
  MetaRow out;
  const std::string day = string_field(row, "date_start");
  const auto date = parse_iso_date(day);
  if (!date) {
    return row_error(where, "date_start", fmt::format("field 'date_start' is '{}', not a YYYY-MM-DD date", day));
  }
  if (const std::string stop = string_field(row, "date_stop"); !stop.empty() && stop != day) {
    return row_error(where, "date_stop",
                     fmt::format("the row covers {} to {}; adpilot asks for daily rows (time_increment=1)", day, stop));
  }
  out.date = *date;
  out.campaign_id = string_field(row, "campaign_id");
  out.campaign_name = string_field(row, "campaign_name");
  out.adset_id = string_field(row, "adset_id");
  out.adset_name = string_field(row, "adset_name");
  out.ad_id = string_field(row, "ad_id");
  out.ad_name = string_field(row, "ad_name");
  const std::string_view id_field = level == Level::kCampaign ? "campaign_id" : level == Level::kAdGroup ? "adset_id" : "ad_id";
  if (string_field(row, id_field).empty()) {
    return row_error(where, id_field, fmt::format("field '{}' is missing", id_field));
  }
  auto impressions = count_field(row, "impressions", where, true);
  if (!impressions.ok()) {
    return impressions.error();
  }
  auto clicks = count_field(row, "inline_link_clicks", where, false);
  if (!clicks.ok()) {
    return clicks.error();
  }
  out.impressions = *impressions;
  out.clicks = *clicks;
  const auto spend = text_of(row, "spend");
  if (!spend) {
    return row_error(where, "spend", "field 'spend' is missing");
  }
  auto cost = money_text(*spend, "spend", where);
  if (!cost.ok()) {
    return cost.error();
  }
  out.cost = *cost;
  Error error;
  if (const auto* action = pick_action(row, "actions", conversion_action, where, error)) {
    const auto text = text_of(*action, "value").value_or("");
    if (ingest::parse_decimal(text, {}, out.conversions) != ingest::ParseStatus::kOk || out.conversions < 0) {
      return row_error(where, "actions", fmt::format("action value '{}' is not a number", text));
    }
  }
  if (!error.message.empty()) {
    return error;
  }
  if (const auto* value = pick_action(row, "action_values", conversion_action, where, error)) {
    auto revenue = money_text(text_of(*value, "value").value_or(""), "action_values", where);
    if (!revenue.ok()) {
      return revenue.error();
    }
    out.revenue = *revenue;
  }
  if (!error.message.empty()) {
    return error;
  }
  return out;
}

Table meta_rows_table(const std::vector<MetaRow>& rows, Level level, std::string_view account_id,
                      std::string_view currency, const std::map<std::string, MetaEntityInfo>& entities) {
  CanonicalTableBuilder table({.ad_group = level != Level::kCampaign, .ad = level == Level::kAd, .budget = true},
                              rows.size());
  for (const MetaRow& row : rows) {
    CanonicalRow out;
    out.date = row.date;
    out.account_id = account_id;
    out.campaign_id = row.campaign_id;
    out.campaign_name = row.campaign_name;
    out.ad_group_id = row.adset_id;
    out.ad_group_name = row.adset_name;
    out.ad_id = row.ad_id;
    out.ad_name = row.ad_name;
    out.channel = "meta_ads";
    out.impressions = row.impressions;
    out.clicks = row.clicks;
    out.cost = row.cost;
    out.conversions = row.conversions;
    out.revenue = row.revenue;
    out.currency = currency;
    const std::string& key = level == Level::kCampaign ? row.campaign_id : level == Level::kAdGroup ? row.adset_id : row.ad_id;
    if (const auto it = entities.find(key); it != entities.end()) {
      out.status = it->second.status;
      out.budget = it->second.daily_budget;
    }
    table.append(out);
  }
  return table.finish();
}

}  // namespace adpilot::ingest::api::detail
