#include "adpilot/connect/meta_ads/usage.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace adpilot::connect::meta_ads {

namespace {

double number_of(const nlohmann::json& value) {
  if (value.is_number()) {
    return value.get<double>();
  }
  if (value.is_string()) {
    try {
      return std::stod(value.get<std::string>());
    } catch (const std::exception&) {
      return 0.0;
    }
  }
  return 0.0;
}

void consider(UsageReading& reading, double percent, std::string figure) {
  if (!std::isfinite(percent)) {
    return;
  }
  reading.present = true;
  if (percent > reading.max_percent || reading.figure.empty()) {
    reading.max_percent = std::max(percent, reading.max_percent);
    reading.figure = std::move(figure);
  }
}

void read_percentages(UsageReading& reading, const nlohmann::json& object, const std::string& where) {
  for (const char* key : {"call_count", "total_cputime", "total_time"}) {
    if (const auto it = object.find(key); it != object.end()) {
      consider(reading, number_of(*it), where.empty() ? std::string(key) : fmt::format("{} ({})", key, where));
    }
  }
}

void read_business(UsageReading& reading, std::string_view header) {
  const nlohmann::json json = nlohmann::json::parse(header, nullptr, false);
  if (!json.is_object()) {
    return;
  }
  for (const auto& [business, entries] : json.items()) {
    if (!entries.is_array()) {
      continue;
    }
    for (const auto& entry : entries) {
      if (!entry.is_object()) {
        continue;
      }
      const std::string type = entry.value("type", std::string());
      read_percentages(reading, entry, type.empty() ? "business " + business
                                                    : fmt::format("business {}, {}", business, type));
      if (const auto it = entry.find("estimated_time_to_regain_access"); it != entry.end()) {
        const auto minutes = static_cast<int64_t>(number_of(*it));
        reading.blocked_for = std::max(reading.blocked_for, std::chrono::seconds(minutes * 60));
      }
    }
  }
}

void read_account(UsageReading& reading, std::string_view header) {
  const nlohmann::json json = nlohmann::json::parse(header, nullptr, false);
  if (!json.is_object()) {
    return;
  }
  if (const auto it = json.find("acc_id_util_pct"); it != json.end()) {
    const double percent = number_of(*it);
    consider(reading, percent, "acc_id_util_pct (ad account)");
    if (const auto reset = json.find("reset_time_duration"); reset != json.end() && percent >= 100.0) {
      const auto seconds = static_cast<int64_t>(number_of(*reset));
      reading.blocked_for = std::max(reading.blocked_for, std::chrono::seconds(seconds));
    }
  }
}

void read_app(UsageReading& reading, std::string_view header) {
  const nlohmann::json json = nlohmann::json::parse(header, nullptr, false);
  if (json.is_object()) {
    read_percentages(reading, json, "app");
  }
}

}  // namespace

UsageReading read_usage(const net::HttpResponse& response) {
  UsageReading reading;
  if (const auto value = response.header("X-Business-Use-Case-Usage"); !value.empty()) {
    read_business(reading, value);
  }
  if (const auto value = response.header("X-Ad-Account-Usage"); !value.empty()) {
    read_account(reading, value);
  }
  if (const auto value = response.header("X-App-Usage"); !value.empty()) {
    read_app(reading, value);
  }
  return reading;
}

std::chrono::milliseconds pace_for(const UsageReading& reading) {
  if (reading.blocked_for.count() > 0) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(reading.blocked_for);
  }
  if (!reading.present || reading.max_percent <= kPaceFromPercent) {
    return std::chrono::milliseconds(0);
  }
  const double share = std::min(1.0, (reading.max_percent - kPaceFromPercent) / (100.0 - kPaceFromPercent));
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(share * static_cast<double>(kMaxPace.count()))));
}

std::string describe(const UsageReading& reading) {
  if (!reading.present) {
    return {};
  }
  std::string text = fmt::format("{} at {:.4g}%", reading.figure, reading.max_percent);
  if (reading.blocked_for.count() > 0) {
    text += fmt::format(", blocked for {} s", reading.blocked_for.count());
  }
  return text;
}

}  // namespace adpilot::connect::meta_ads
