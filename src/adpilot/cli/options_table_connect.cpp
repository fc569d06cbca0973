// Options of one area: ad-platform accounts, API endpoints and credentials (sync, and the
// google_ads / meta_ads targets of apply, undo, plan --validate and run). See options.h for the
// fields; docs/connectors.md for how they are used.
#include <cstdint>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"source", "", K::kChoice, "NAME", "", "google_ads|meta_ads",
   "The platform to fetch from.", kCmdSync},
  {"account", "", K::kText, "ID", "", "",
   "The ad account: a Google Ads customer id (123-456-7890) or a Meta ad account id (act_123 or "
   "123). apply and undo default to the plan's account.", kCmdConnect},
  {"api-base", "", K::kText, "URL", "", "",
   "The platform API's base URL (default https://googleads.googleapis.com or "
   "https://graph.facebook.com); point it at a local server to test.", kCmdConnect},
  {"token-url", "", K::kText, "URL", "", "",
   "Google's OAuth token endpoint (default https://oauth2.googleapis.com/token).", kCmdConnect},
  {"api-version", "", K::kText, "VERSION", "", "",
   "The API version (default v22 for Google Ads, v24.0 for Meta).", kCmdConnect},
  {"credentials", "", K::kText, "FILE", "", "",
   "The credentials file (YAML, one mapping per platform; must not be readable by others). "
   "Default: $XDG_CONFIG_HOME/adpilot/credentials.yaml when it exists. ADPILOT_<PLATFORM>_<KEY> "
   "variables override its keys.", kCmdConnect},
  {"api-timeout", "", K::kInt, "SECONDS", "60", "",
   "Time allowed for one API request before it is retried or fails.", kCmdConnect, 1, 3600},
  {"api-attempts", "", K::kInt, "N", "5", "",
   "Attempts per API request on throttling, 5xx answers and timeouts (exponential backoff with "
   "jitter).", kCmdConnect, 1, 20},
  {"since", "", K::kDate, "DATE", "", "", "The first day to fetch (YYYY-MM-DD).", kCmdSync},
  {"until", "", K::kDate, "DATE", "", "", "The last day to fetch (default: yesterday, UTC).", kCmdSync},
  {"level", "", K::kChoice, "LEVEL", "campaign", "campaign|ad_group|ad",
   "Rows per campaign, ad group (Meta: ad set) or ad.", kCmdSync},
  {"lookback", "", K::kInt, "DAYS", "3", "",
   "Days before --until fetched again even when stored, for conversions reported late.",
   kCmdSync, 0, 90},
  {"conversion-action", "", K::kText, "TYPE", "", "",
   "Meta: the action type counted as conversions and revenue (default "
   "offsite_conversion.fb_pixel_purchase, then omni_purchase, then purchase).", kCmdSync},
  {"refetch", "", K::kFlag, "", "false", "",
   "Fetch every day of the range, stored or not.", kCmdSync},
  {"validate", "", K::kFlag, "", "false", "",
   "Ask the platform of --target to check each action without making it (Google Ads "
   "validateOnly) and report what it would refuse.", kCmdPlan},
};
// clang-format on

}  // namespace

std::span<const OptionDef> connect_option_table() { return kOptions; }

}  // namespace adpilot::cli
