// adpilot anomalies — online anomaly detection per entity and metric (campaign files), or per
// plain series with every point's score (--series FILE --scores OUT.csv, the layout NAB scores).
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "adpilot/analyze/anomaly/detector_registry.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/series_anomalies.h"
#include "adpilot/cli/series_file.h"
#include "adpilot/cli/series_input.h"
#include "adpilot/core/format_number.h"

namespace adpilot::cli {

namespace {

namespace an = analyze::anomaly;

struct Found {
  std::string entity_id;
  std::string entity_name;
  std::string metric;
  std::string when;  // date or timestamp as written
  an::PointScore point;
};

Table found_table(const std::vector<Found>& found, bool plain) {
  Table t;
  Column& id = t.add_column(plain ? "series_id" : "entity_id", ColumnType::kString);
  Column& name = t.add_column("entity_name", ColumnType::kString);
  Column& when = t.add_column(plain ? "timestamp" : "date", ColumnType::kString);
  Column& metric = t.add_column("metric", ColumnType::kString);
  std::vector<Column*> numbers;
  for (const char* n : {"observed", "expected", "lower", "upper", "score"}) {
    numbers.push_back(&t.add_column(n, ColumnType::kDouble));
  }
  Column& direction = t.add_column("direction", ColumnType::kString);
  Column& severity = t.add_column("severity", ColumnType::kString);
  Column& explanation = t.add_column("explanation", ColumnType::kString);
  for (const Found& f : found) {
    id.append_string(f.entity_id);
    name.append_string(f.entity_name);
    when.append_string(f.when);
    metric.append_string(f.metric);
    const double values[] = {f.point.value, f.point.expected, f.point.lower, f.point.upper, f.point.score};
    for (size_t i = 0; i < numbers.size(); ++i) {
      numbers[i]->f64().push_back(values[i]);
      numbers[i]->valid().push_back(std::isfinite(values[i]) ? 1 : 0);
    }
    direction.append_string(an::direction_name(f.point.direction));
    severity.append_string(an::severity_name(f.point.severity));
    explanation.append_string(explain_anomaly(f.metric, f.when, f.point));
  }
  return t;
}

Result<void> anomalies(const Settings& settings, Io& io) {
  an::DetectorOptions options;
  options.period = static_cast<int>(settings.integer("period"));
  options.flag_threshold = std::strtod(settings.text("threshold").c_str(), nullptr);
  const an::DetectorRegistry registry = an::make_detector_registry();
  const std::string detector_name = settings.text("detector");
  std::vector<Found> found;
  const bool plain = !settings.text("series").empty();
  if (plain) {
    auto series = read_series_file(settings.text("series"));
    if (!series.ok()) {
      return series.error();
    }
    std::string scores = series->size() > 1 ? "series_id,timestamp,value,anomaly_score\n" : "timestamp,value,anomaly_score\n";
    for (const auto& s : *series) {
      auto detector = registry.create(detector_name, options);
      if (!detector.ok()) {
        return detector.error();
      }
      auto points = an::score_series(**detector, s.seconds, s.values);
      if (!points.ok()) {
        return points.error();
      }
      for (size_t i = 0; i < points->size(); ++i) {
        const an::PointScore& p = (*points)[i];
        scores += series->size() > 1 ? s.id + "," : "";
        scores += fmt::format("{},{},{}\n", s.timestamps[i], s.values[i], p.score);
        if (p.flagged) {
          found.push_back(Found{s.id, "", "value", s.timestamps[i], p});
        }
      }
    }
    if (!settings.text("scores").empty()) {
      if (auto written = write_output(settings.text("scores"), scores, io.out); !written.ok()) {
        return written.error();
      }
    }
    const Table t = found_table(found, true);
    return emit_table(settings, io, t, t.select({"series_id", "timestamp", "observed", "expected", "lower", "upper",
                                                 "score", "direction", "severity"}), "");
  }
  std::vector<analyze::Metric> metrics = {analyze::Metric::kImpressions, analyze::Metric::kClicks,
                                          analyze::Metric::kCost, analyze::Metric::kConversions,
                                          analyze::Metric::kRevenue, analyze::Metric::kCtr,
                                          analyze::Metric::kCvr, analyze::Metric::kCpa};
  if (!settings.list("metrics").empty()) {
    auto parsed = analyze::parse_metrics(settings.list("metrics"));
    if (!parsed.ok()) {
      return parsed.error();
    }
    metrics = *parsed;
  }
  auto input = load_daily_series(settings, io, /*keep_history=*/true);
  if (!input.ok()) {
    return input.error();
  }
  const std::optional<Date> since = settings.date("since");
  for (const auto& s : input->series) {
    for (const analyze::Metric metric : metrics) {
      auto points = score_daily_metric(registry, detector_name, options, s, metric);
      if (!points.ok()) {
        return points.error();
      }
      for (size_t d = 0; d < points->size(); ++d) {
        const Date date = s.first + static_cast<Date>(d);
        if ((*points)[d].flagged && (!since || date >= *since)) {
          found.push_back(Found{s.id, s.name, analyze::metric_name(metric), format_date(date), (*points)[d]});
        }
      }
    }
  }
  const Table t = found_table(found, false);
  return emit_table(settings, io, t,
                    t.select({"entity_id", "date", "metric", "observed", "expected", "score", "severity", "explanation"}),
                    input->currency);
}

}  // namespace

int run_anomalies(const Settings& settings, Io& io) {
  auto done = guard([&] { return anomalies(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
