#include "adpilot/ingest/api/meta_ads_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "adpilot/connect/meta_ads/graph_client.h"
#include "adpilot/connect/meta_ads/status.h"
#include "adpilot/core/currency.h"
#include "adpilot/ingest/api/detail/meta_ads_rows.h"

namespace adpilot::ingest::api {

namespace {

namespace meta = connect::meta_ads;
using detail::MetaEntityInfo;
using detail::MetaRow;

// Rows per page asked of Meta, and the longest range one insights query covers: longer ranges
// are read window by window, so no single query runs long enough to time out on Meta's side
// (instead of an asynchronous report run).
constexpr int kPageSize = 500;
constexpr int kWindowDays = 31;

template <typename T>
T take(Result<T> result) {
  if (!result.ok()) {
    throw ErrorException(result.error());
  }
  return std::move(result).value();
}

class MetaAdsSource final : public MetricSource {
 public:
  MetaAdsSource(std::unique_ptr<meta::GraphClient> client, std::string conversion_action)
      : client_(std::move(client)), conversion_action_(std::move(conversion_action)) {}

  std::string name() const override { return connect::kMetaAds; }

  Result<Table> fetch(const FetchRequest& request) override {
    return guard([&]() -> Result<Table> {
      if (request.until < request.since) {
        throw_error(ErrorCode::kInvalidArgument,
                    fmt::format("the range {} to {} ends before it starts", format_date(request.since),
                                format_date(request.until)),
                    ErrorContext{"", 0, 0, "", "--since"});
      }
      const std::string currency = take(client_->account_currency());
      std::vector<MetaRow> rows;
      for (Date start = request.since; start <= request.until; start += kWindowDays) {
        read_insights(request.level, start, std::min(request.until, start + kWindowDays - 1), rows);
      }
      const auto entities = read_entities(request.level, currency);
      return detail::meta_rows_table(rows, request.level, client_->account(), currency, entities);
    });
  }

  Usage usage() const override {
    const auto& stats = client_->stats();
    Usage usage;
    usage.requests = stats.requests;
    usage.retries = stats.retries;
    usage.note = stats.usage_note;
    if (stats.paced.count() > 0) {
      usage.note += fmt::format("{}paused {} ms for the rate limits", usage.note.empty() ? "" : "; ",
                                stats.paced.count());
    }
    return usage;
  }

 private:
  // Every page of one insights query, following paging.next until Meta gives none.
  void read_insights(Level level, Date since, Date until, std::vector<MetaRow>& rows) {
    std::string fields = "campaign_id,campaign_name";
    if (level != Level::kCampaign) {
      fields += ",adset_id,adset_name";
    }
    if (level == Level::kAd) {
      fields += ",ad_id,ad_name";
    }
    fields += ",impressions,clicks,inline_link_clicks,spend,actions,action_values";
    const nlohmann::json range = {{"since", format_date(since)}, {"until", format_date(until)}};
    const std::string what = fmt::format("reading the insights of {} ({} to {})", client_->account(),
                                         format_date(since), format_date(until));
    auto page = take(client_->get(client_->account() + "/insights",
                                  {{"level", meta_level(level)},
                                   {"time_increment", "1"},
                                   {"time_range", range.dump()},
                                   {"fields", fields},
                                   {"limit", std::to_string(kPageSize)}},
                                  what));
    for (int page_number = 1;; ++page_number) {
      const auto data = page.find("data");
      if (data == page.end() || !data->is_array()) {
        throw_error(ErrorCode::kParse, fmt::format("Meta's answer while {} has no data list (page {})", what, page_number));
      }
      for (size_t row_idx = 0; row_idx < data->size(); ++row_idx) {
        rows.push_back(take(detail::parse_meta_row((*data)[row_idx], level, conversion_action_,
                                                   fmt::format("row {} of page {}", row_idx + 1, page_number))));
      }
      const std::string next = next_url(page);
      if (next.empty()) {
        return;
      }
      page = take(client_->get_next(next, what));
    }
  }

  // Status and daily budget of every entity at the level (ads have no budget of their own).
  std::map<std::string, MetaEntityInfo> read_entities(Level level, const std::string& currency) {
    const int digits = take(meta::budget_digits(currency));
    const char* edge = level == Level::kCampaign ? "campaigns" : level == Level::kAdGroup ? "adsets" : "ads";
    const std::string what = fmt::format("listing the {} of {}", edge, client_->account());
    auto page = take(client_->get(client_->account() + "/" + edge,
                                  {{"fields", level == Level::kAd ? "id,name,status" : "id,name,status,daily_budget"},
                                   {"limit", std::to_string(kPageSize)}},
                                  what));
    std::map<std::string, MetaEntityInfo> entities;
    for (;;) {
      const auto data = page.find("data");
      if (data == page.end() || !data->is_array()) {
        throw_error(ErrorCode::kParse, fmt::format("Meta's answer while {} has no data list", what));
      }
      for (const auto& item : *data) {
        const std::string id = item.value("id", std::string());
        if (id.empty()) {
          continue;
        }
        MetaEntityInfo info;
        info.status = meta::canonical_status(item.value("status", std::string()));
        auto budget = meta::daily_budget_of(item, digits);
        if (!budget.ok()) {
          Error error = budget.error();
          error.message = fmt::format("{} while {}", error.message, what);
          throw ErrorException(error);
        }
        info.daily_budget = *budget;
        entities[id] = std::move(info);
      }
      const std::string next = next_url(page);
      if (next.empty()) {
        return entities;
      }
      page = take(client_->get_next(next, what));
    }
  }

  static std::string next_url(const nlohmann::json& page) {
    const auto paging = page.find("paging");
    if (paging == page.end() || !paging->is_object()) {
      return {};
    }
    const auto next = paging->find("next");
    return next != paging->end() && next->is_string() ? next->get<std::string>() : std::string();
  }

  static const char* meta_level(Level level) {
    return level == Level::kCampaign ? "campaign" : level == Level::kAdGroup ? "adset" : "ad";
  }

  std::unique_ptr<meta::GraphClient> client_;
  std::string conversion_action_;
};

}  // namespace

Result<std::unique_ptr<MetricSource>> make_meta_ads_source(const connect::ConnectorSettings& settings) {
  auto client = meta::GraphClient::create(settings);
  if (!client.ok()) {
    return client.error();
  }
  return std::unique_ptr<MetricSource>(
      std::make_unique<MetaAdsSource>(std::move(*client), settings.conversion_action));
}

}  // namespace adpilot::ingest::api
