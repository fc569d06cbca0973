// The built-in export layouts. docs/formats.md documents each mapping; keep the two in step.
#include "adpilot/ingest/formats/registry.h"

namespace adpilot::ingest {

namespace {

using K = ValueKind;

ColumnRule rule(std::vector<std::string> headers, std::string target, ValueKind kind,
                bool required = false) {
  return ColumnRule{std::move(headers), std::move(target), kind, required};
}

FormatSpec canonical() {
  FormatSpec spec;
  spec.name = "canonical";
  spec.description = "adpilot's own layout: one row per entity and day, snake_case columns";
  spec.rules = {
      rule({"date"}, "date", K::kDate, true),
      rule({"account_id"}, "account_id", K::kString),
      rule({"campaign_id"}, "campaign_id", K::kString, true),
      rule({"campaign_name"}, "campaign_name", K::kString),
      rule({"ad_group_id"}, "ad_group_id", K::kString),
      rule({"ad_group_name"}, "ad_group_name", K::kString),
      rule({"ad_id"}, "ad_id", K::kString),
      rule({"ad_name"}, "ad_name", K::kString),
      rule({"channel"}, "channel", K::kString),
      rule({"impressions"}, "impressions", K::kCount, true),
      rule({"clicks"}, "clicks", K::kCount, true),
      rule({"cost"}, "cost", K::kMoney, true),
      rule({"conversions"}, "conversions", K::kDecimal, true),
      rule({"revenue"}, "revenue", K::kMoney),
      rule({"budget"}, "budget", K::kMoney),
      rule({"status"}, "status", K::kString),
      rule({"currency"}, "currency", K::kString),
      rule({"leads"}, "leads", K::kDecimal),
  };
  spec.keep_unknown_columns = true;
  return spec;
}

FormatSpec google_ads() {
  FormatSpec spec;
  spec.name = "google_ads";
  spec.description = "Google Ads UI report download (CSV), title lines and totals rows allowed";
  spec.rules = {
      rule({"Day", "Date"}, "date", K::kDate, true),
      rule({"Customer ID", "Account ID"}, "account_id", K::kString),
      rule({"Campaign ID"}, "campaign_id", K::kString),
      rule({"Campaign"}, "campaign_name", K::kString, true),
      rule({"Ad group ID"}, "ad_group_id", K::kString),
      rule({"Ad group"}, "ad_group_name", K::kString),
      rule({"Ad ID"}, "ad_id", K::kString),
      rule({"Campaign type", "Advertising channel type"}, "campaign_type", K::kString),
      rule({"Impr.", "Impressions"}, "impressions", K::kCount, true),
      rule({"Clicks"}, "clicks", K::kCount, true),
      rule({"Cost"}, "cost", K::kMoney, true),
      rule({"Conversions"}, "conversions", K::kDecimal),
      rule({"Conv. value", "Conversion value", "Total conv. value"}, "revenue", K::kMoney),
      rule({"Budget"}, "budget", K::kMoney),
      rule({"Campaign status", "Status"}, "status", K::kString),
      rule({"Currency code", "Currency"}, "currency", K::kString),
      rule({"Device"}, "device", K::kString),
  };
  spec.fingerprint = {"Campaign"};
  spec.priority = 2;
  spec.skip_total_rows = true;
  spec.channel = "google_ads";
  return spec;
}

FormatSpec meta_ads() {
  FormatSpec spec;
  spec.name = "meta_ads";
  spec.description = "Meta Ads Manager export (CSV), any currency in the spend header";
  spec.rules = {
      rule({"Reporting starts", "Day"}, "date", K::kDate, true),
      rule({"Reporting ends"}, "date_end", K::kDate),
      rule({"Account ID"}, "account_id", K::kString),
      rule({"Campaign ID"}, "campaign_id", K::kString),
      rule({"Campaign name"}, "campaign_name", K::kString, true),
      rule({"Ad set ID"}, "ad_group_id", K::kString),
      rule({"Ad set name"}, "ad_group_name", K::kString),
      rule({"Ad ID"}, "ad_id", K::kString),
      rule({"Ad name"}, "ad_name", K::kString),
      rule({"Impressions"}, "impressions", K::kCount, true),
      rule({"Link clicks", "Clicks (all)"}, "clicks", K::kCount, true),
      rule({"Amount spent*"}, "cost", K::kMoney, true),
      rule({"Results", "Purchases", "Website purchases"}, "conversions", K::kDecimal),
      rule({"Purchases conversion value", "Website purchases conversion value"}, "revenue",
           K::kMoney),
      rule({"Ad set budget", "Campaign budget", "Budget"}, "budget", K::kMoney),
      rule({"Campaign delivery", "Ad set delivery", "Delivery status", "Delivery"}, "status",
           K::kString),
      rule({"Currency"}, "currency", K::kString),
      rule({"Age"}, "age", K::kString),
      rule({"Gender"}, "gender", K::kString),
      rule({"Placement"}, "placement", K::kString),
      rule({"Platform"}, "platform", K::kString),
      rule({"Country"}, "country", K::kString),
  };
  spec.fingerprint = {"Reporting starts"};
  spec.priority = 2;
  spec.channel = "meta_ads";
  return spec;
}

FormatSpec kaggle_fb() {
  FormatSpec spec;
  spec.name = "kaggle_fb";
  spec.description = "Kaggle 'Sales Conversion Optimization' (KAG_conversion_data.csv): no dates";
  spec.rules = {
      rule({"xyz_campaign_id"}, "campaign_id", K::kString, true),
      rule({"fb_campaign_id"}, "ad_group_id", K::kString, true),
      rule({"ad_id"}, "ad_id", K::kString, true),
      rule({"age"}, "age", K::kString),
      rule({"gender"}, "gender", K::kString),
      rule({"interest"}, "interest", K::kString),
      rule({"Impressions"}, "impressions", K::kCount, true),
      rule({"Clicks"}, "clicks", K::kCount, true),
      rule({"Spent"}, "cost", K::kMoney, true),
      rule({"Approved_Conversion"}, "conversions", K::kDecimal, true),
      rule({"Total_Conversion"}, "leads", K::kDecimal),
  };
  spec.fingerprint = {"xyz_campaign_id"};
  spec.priority = 3;
  spec.channel = "meta_ads";
  return spec;
}

FormatSpec online_ads() {
  FormatSpec spec;
  spec.name = "online_ads";
  spec.description =
      "Kaggle 'Online Advertising Digital Marketing Data': month name + day, year from --year";
  spec.rules = {
      rule({"month"}, "month", K::kMonthName, true),
      rule({"day"}, "day", K::kDayOfMonth, true),
      rule({"campaign_number"}, "campaign_id", K::kString, true),
      rule({"user_engagement"}, "engagement", K::kString),
      rule({"banner"}, "banner", K::kString),
      rule({"placement"}, "placement", K::kString),
      rule({"displays"}, "impressions", K::kCount, true),
      rule({"cost"}, "cost", K::kMoney, true),
      rule({"clicks"}, "clicks", K::kCount, true),
      rule({"revenue"}, "network_revenue", K::kMoney),
      rule({"post_click_conversions"}, "conversions", K::kDecimal, true),
      rule({"post_click_sales_amount"}, "revenue", K::kMoney),
  };
  spec.fingerprint = {"displays", "post_click_conversions"};
  spec.priority = 3;
  spec.channel = "display";
  return spec;
}

}  // namespace

FormatRegistry FormatRegistry::with_presets() {
  FormatRegistry registry;
  registry.add(canonical());
  registry.add(google_ads());
  registry.add(meta_ads());
  registry.add(kaggle_fb());
  registry.add(online_ads());
  return registry;
}

}  // namespace adpilot::ingest
