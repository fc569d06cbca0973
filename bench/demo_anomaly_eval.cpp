// adpilot_demo_anomaly_eval: how well the default anomaly detector finds the anomalies injected
// into the demo account (data/sample/anomalies.csv).
//
// 1. read data/sample/performance.csv and sum the ad rows per campaign and day;
// 2. per campaign × metric (volumes with count_data for the counts, and the ratios), run the
//    online detector day by day; days a campaign is paused are missing (it is not being served,
//    so there is nothing to monitor);
// 3. match: a flagged (campaign, metric, day) is a hit when a label of that campaign lies within
//    ±1 day and the metric moves with the labelled one (its family, as the data's README says:
//    an impressions outage takes clicks and cost down, bot clicks lower CVR and CPC, …);
// 4. print recall (labelled campaign-days found), precision per flagged point and per flagged
//    campaign-day, and every miss and false alarm.
//
//   build-anom/adpilot_demo_anomaly_eval [--data data/sample]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "adpilot/analyze/anomaly/detector_registry.h"
#include "adpilot/core/date.h"
#include "bench_args.h"

namespace anomaly = adpilot::analyze::anomaly;

namespace {

const std::vector<adpilot::bench::BenchOption> kOptions = {
    {"data", "data/sample", "folder with performance.csv and anomalies.csv"},
    {"detector", "seasonal_robust", "detector name"},
    {"threshold", "default", "flag threshold in (0, 1), or 'default'"},
};

// RFC 4180 fields of one line (quoted fields may hold commas; no embedded line breaks here).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t idx = 0; idx < line.size(); ++idx) {
    const char c = line[idx];
    if (quoted && c == '"' && idx + 1 < line.size() && line[idx + 1] == '"') {
      fields.back() += '"';
      ++idx;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) {
    return rows;
  }
  const std::vector<std::string> header = split_csv(line);
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = split_csv(line);
    auto& row = rows.emplace_back();
    for (size_t col = 0; col < header.size() && col < fields.size(); ++col) {
      row[header[col]] = fields[col];
    }
  }
  return rows;
}

struct DayTotals {
  double impressions = 0.0;
  double clicks = 0.0;
  double cost = 0.0;
  double conversions = 0.0;
  double revenue = 0.0;
  bool paused = false;
};

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : std::nan("");
}

struct Metric {
  const char* name;
  bool count_data;
  double (*value)(const DayTotals&);
};

const std::vector<Metric> kMetrics = {
    {"impressions", true, [](const DayTotals& d) { return d.impressions; }},
    {"clicks", true, [](const DayTotals& d) { return d.clicks; }},
    {"cost", false, [](const DayTotals& d) { return d.cost; }},
    {"conversions", true, [](const DayTotals& d) { return d.conversions; }},
    {"revenue", false, [](const DayTotals& d) { return d.revenue; }},
    {"ctr", false, [](const DayTotals& d) { return ratio(d.clicks, d.impressions); }},
    {"cpc", false, [](const DayTotals& d) { return ratio(d.cost, d.clicks); }},
    {"cvr", false, [](const DayTotals& d) { return ratio(d.conversions, d.clicks); }},
    {"cpa", false, [](const DayTotals& d) { return ratio(d.cost, d.conversions); }},
    {"roas", false, [](const DayTotals& d) { return ratio(d.revenue, d.cost); }},
};

// The metrics that move with a labelled one (the data's README: derived metrics move with it).
const std::map<std::string, std::set<std::string>> kFamilies = {
    {"impressions", {"impressions", "clicks", "cost", "conversions", "revenue", "ctr"}},
    {"clicks", {"clicks", "ctr", "cost", "cpc", "cvr"}},
    {"ctr", {"ctr", "clicks", "cost", "cpc", "conversions", "revenue", "cvr", "cpa", "roas"}},
    {"cost", {"cost", "cpc", "cpa", "roas"}},
    {"conversions", {"conversions", "revenue", "cvr", "cpa", "roas"}},
    {"revenue", {"revenue", "roas"}},
};

struct Label {
  std::string campaign;
  adpilot::Date date = 0;
  std::string metric;
};

struct Detection {
  std::string campaign;
  adpilot::Date date = 0;
  std::string metric;
  anomaly::PointScore point;
};

bool matches(const Detection& detection, const Label& label) {
  const auto family = kFamilies.find(label.metric);
  return detection.campaign == label.campaign && std::abs(detection.date - label.date) <= 1 &&
         family != kFamilies.end() && family->second.count(detection.metric) > 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = adpilot::bench::parse_bench_args(argc, argv, 1, kOptions);
  if (!args) {
    adpilot::bench::print_usage(
        "adpilot_demo_anomaly_eval [--data DIR] [--detector NAME] [--threshold T]", kOptions);
    return 2;
  }
  const std::string folder = args->get("data");
  std::map<std::string, std::map<adpilot::Date, DayTotals>> campaigns;
  for (const auto& row : read_csv(folder + "/performance.csv")) {
    const auto date = adpilot::parse_iso_date(row.at("date"));
    if (!date) {
      continue;
    }
    DayTotals& day = campaigns[row.at("campaign_id")][*date];
    day.impressions += std::strtod(row.at("impressions").c_str(), nullptr);
    day.clicks += std::strtod(row.at("clicks").c_str(), nullptr);
    day.cost += std::strtod(row.at("cost").c_str(), nullptr);
    day.conversions += std::strtod(row.at("conversions").c_str(), nullptr);
    day.revenue += std::strtod(row.at("revenue").c_str(), nullptr);
    day.paused = day.paused || row.at("status") == "PAUSED";
  }
  std::vector<Label> labels;
  for (const auto& row : read_csv(folder + "/anomalies.csv")) {
    if (const auto date = adpilot::parse_iso_date(row.at("date"))) {
      labels.push_back({row.at("campaign_id"), *date, row.at("metric")});
    }
  }
  if (campaigns.empty() || labels.empty()) {
    std::fprintf(stderr, "error: no data or no labels under %s\n", folder.c_str());
    return 1;
  }

  const anomaly::DetectorRegistry registry = anomaly::make_detector_registry();
  std::vector<Detection> detections;
  size_t points = 0;
  for (const auto& [campaign, days] : campaigns) {
    for (const Metric& metric : kMetrics) {
      anomaly::DetectorOptions options;
      options.count_data = metric.count_data;
      if (args->get("threshold") != "default") {
        options.flag_threshold = std::strtod(args->get("threshold").c_str(), nullptr);
      }
      auto detector = registry.create(args->get("detector"), options);
      if (!detector) {
        std::fprintf(stderr, "error: %s\n", detector.error().to_string().c_str());
        return 2;
      }
      for (const auto& [date, totals] : days) {
        const double value = totals.paused ? std::nan("") : metric.value(totals);
        (*detector)->update(static_cast<double>(date) * 86400.0, value);
        points += std::isfinite(value) ? 1 : 0;
        if ((*detector)->last().flagged) {
          detections.push_back({campaign, date, metric.name, (*detector)->last()});
        }
      }
    }
  }

  // Recall over labelled campaign-days; precision over flagged points and flagged campaign-days.
  size_t found = 0;
  std::printf("labelled anomalies (%zu campaign-days):\n", labels.size());
  for (const Label& label : labels) {
    std::string hits;
    for (const Detection& detection : detections) {
      if (matches(detection, label)) {
        hits += " " + detection.metric + "@" + adpilot::format_date(detection.date);
      }
    }
    found += hits.empty() ? 0 : 1;
    std::printf("  %s %s %-11s %s\n", adpilot::format_date(label.date).c_str(),
                label.campaign.c_str(), label.metric.c_str(),
                hits.empty() ? "MISSED" : ("found:" + hits).c_str());
  }
  size_t true_points = 0;
  std::set<std::pair<std::string, adpilot::Date>> flagged_days;
  std::set<std::pair<std::string, adpilot::Date>> true_days;
  std::printf("false alarms:\n");
  for (const Detection& detection : detections) {
    bool hit = false;
    for (const Label& label : labels) {
      hit = hit || matches(detection, label);
    }
    flagged_days.insert({detection.campaign, detection.date});
    if (hit) {
      ++true_points;
      true_days.insert({detection.campaign, detection.date});
      continue;
    }
    std::printf("  %s %s %-11s %-4s value %.4g expected %.4g [%.4g, %.4g] score %.3f\n",
                adpilot::format_date(detection.date).c_str(), detection.campaign.c_str(),
                detection.metric.c_str(), anomaly::direction_name(detection.point.direction),
                detection.point.value, detection.point.expected, detection.point.lower,
                detection.point.upper, detection.point.score);
  }
  const auto share = [](size_t part, size_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  };
  std::printf("\n%zu campaigns x %zu metrics, %zu points scored\n", campaigns.size(),
              kMetrics.size(), points);
  std::printf("recall    %zu/%zu labelled campaign-days = %.1f%%\n", found, labels.size(),
              share(found, labels.size()));
  std::printf("precision %zu/%zu flagged points = %.1f%%\n", true_points, detections.size(),
              share(true_points, detections.size()));
  std::printf("precision %zu/%zu flagged campaign-days = %.1f%%\n", true_days.size(),
              flagged_days.size(), share(true_days.size(), flagged_days.size()));
  return 0;
}
