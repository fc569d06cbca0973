#include "adpilot/connect/google_ads/gaql.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

namespace adpilot::connect::google_ads {

namespace {

using nlohmann::json;

constexpr const char* kMetrics =
    "metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value";

}  // namespace

std::string performance_query(ReportResource resource, Date since, Date until) {
  const char* fields = "";
  const char* from = "";
  switch (resource) {
    case ReportResource::kCampaign:
      fields = "campaign.id, campaign.name, campaign.status, campaign_budget.amount_micros";
      from = "campaign";
      break;
    case ReportResource::kAdGroup:
      fields = "campaign.id, campaign.name, ad_group.id, ad_group.name, ad_group.status";
      from = "ad_group";
      break;
    case ReportResource::kAdGroupAd:
      fields = "campaign.id, campaign.name, ad_group.id, ad_group.name, ad_group_ad.ad.id, ad_group_ad.ad.name, "
               "ad_group_ad.status";
      from = "ad_group_ad";
      break;
  }
  return fmt::format("SELECT segments.date, {}, {} FROM {} WHERE segments.date BETWEEN '{}' AND '{}'", fields,
                     kMetrics, from, format_date(since), format_date(until));
}

std::string currency_query() { return "SELECT customer.currency_code FROM customer"; }

std::string campaign_state_query(const std::vector<std::string>& campaign_ids) {
  return fmt::format(
      "SELECT campaign.id, campaign.name, campaign.status, campaign.campaign_budget, "
      "campaign_budget.amount_micros, customer.currency_code FROM campaign WHERE campaign.id IN ({})",
      fmt::join(campaign_ids, ", "));
}

const json* find_path(const json& row, std::string_view path) {
  const json* node = &row;
  while (!path.empty()) {
    const size_t dot = path.find('.');
    const std::string_view name = path.substr(0, dot);
    if (!node->is_object()) {
      return nullptr;
    }
    const auto it = node->find(name);
    if (it == node->end()) {
      return nullptr;
    }
    node = &*it;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return node;
}

std::optional<int64_t> parse_id(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || text.front() == '-') {
    return std::nullopt;
  }
  return value;
}

Result<int64_t> int64_at(const json& row, std::string_view path, std::optional<int64_t> fallback) {
  const json* value = find_path(row, path);
  if (value == nullptr || value->is_null()) {
    if (fallback) {
      return *fallback;
    }
    return make_error(ErrorCode::kParse, fmt::format("Google Ads: a row has no {}", path),
                      ErrorContext{"", 0, 0, std::string(path), ""});
  }
  if (value->is_number_integer()) {
    return value->get<int64_t>();
  }
  if (value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) {
      return parsed;
    }
  }
  return make_error(ErrorCode::kParse, fmt::format("Google Ads: {} is {}, not an int64", path, value->dump()),
                    ErrorContext{"", 0, 0, std::string(path), ""});
}

Result<double> double_at(const json& row, std::string_view path) {
  const json* value = find_path(row, path);
  if (value == nullptr || value->is_null()) {
    return 0.0;
  }
  if (value->is_number()) {
    return value->get<double>();
  }
  return make_error(ErrorCode::kParse, fmt::format("Google Ads: {} is {}, not a number", path, value->dump()),
                    ErrorContext{"", 0, 0, std::string(path), ""});
}

std::string_view string_at(const json& row, std::string_view path) {
  const json* value = find_path(row, path);
  return value != nullptr && value->is_string() ? std::string_view(value->get_ref<const std::string&>())
                                                : std::string_view();
}

}  // namespace adpilot::connect::google_ads
