#include "adpilot/ingest/api/google_ads_source.h"

#include <fmt/format.h>

#include "adpilot/connect/google_ads/client.h"
#include "adpilot/connect/google_ads/gaql.h"
#include "adpilot/ingest/api/detail/google_ads_rows.h"

namespace adpilot::ingest::api {

namespace {

namespace gads = connect::google_ads;

gads::ReportResource resource_for(Level level) {
  switch (level) {
    case Level::kAdGroup: return gads::ReportResource::kAdGroup;
    case Level::kAd: return gads::ReportResource::kAdGroupAd;
    case Level::kCampaign: break;
  }
  return gads::ReportResource::kCampaign;
}

class GoogleAdsSource final : public MetricSource {
 public:
  GoogleAdsSource(std::unique_ptr<gads::Client> client, std::string currency)
      : client_(std::move(client)), currency_(std::move(currency)) {}

  std::string name() const override { return connect::kGoogleAds; }

  // 1. the account's currency (once, unless the settings give it);
  // 2. one searchStream of the level's report over the dates;
  // 3. the rows into the canonical columns.
  Result<Table> fetch(const FetchRequest& request) override {
    if (request.until < request.since) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("the date range ends ({}) before it starts ({})", format_date(request.until),
                                    format_date(request.since)),
                        ErrorContext{"", 0, 0, "", "--until"});
    }
    if (currency_.empty()) {
      auto rows = client_->search_stream(gads::currency_query());
      if (!rows.ok()) {
        return rows.error();
      }
      const std::string_view code = rows->empty() ? std::string_view() : gads::string_at(rows->front(), "customer.currencyCode");
      if (code.empty()) {
        return make_error(ErrorCode::kParse,
                          fmt::format("Google Ads: customer {} has no currency_code", client_->customer_id()));
      }
      currency_ = std::string(code);
    }
    auto rows = client_->search_stream(gads::performance_query(resource_for(request.level), request.since, request.until));
    if (!rows.ok()) {
      return rows.error();
    }
    return detail::google_ads_table(*rows, request.level, client_->customer_id(), currency_);
  }

  Usage usage() const override {
    const gads::Usage& spent = client_->usage();
    Usage out;
    out.requests = spent.requests;
    out.operations = spent.operations;
    out.retries = spent.retries;
    out.note = gads::describe_usage(spent);
    return out;
  }

 private:
  std::unique_ptr<gads::Client> client_;
  std::string currency_;
};

}  // namespace

Result<std::unique_ptr<MetricSource>> make_google_ads_source(const connect::ConnectorSettings& settings) {
  auto client = gads::Client::create(settings);
  if (!client.ok()) {
    return client.error();
  }
  return std::unique_ptr<MetricSource>(std::make_unique<GoogleAdsSource>(std::move(*client), settings.currency));
}

}  // namespace adpilot::ingest::api
