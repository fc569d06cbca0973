#include "adpilot/report/json.h"

#include <cmath>

#include "adpilot/core/date.h"

namespace adpilot::report {

namespace {

using Json = nlohmann::ordered_json;

// Undefined and non-finite numbers are null: JSON has no NaN or infinity, and a reader must
// not mistake "undefined" for zero.
Json number(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) {
    return nullptr;
  }
  return *value;
}

Json number(double value) {
  return number(std::optional<double>(value));
}

Json numbers(const std::vector<double>& values) {
  Json out = Json::array();
  for (const double v : values) {
    out.push_back(number(v));
  }
  return out;
}

Json dates(const std::vector<Date>& values) {
  Json out = Json::array();
  for (const Date d : values) {
    out.push_back(format_date(d));
  }
  return out;
}

Json strings(const std::vector<std::string>& values) {
  Json out = Json::array();
  for (const auto& v : values) {
    out.push_back(v);
  }
  return out;
}

Json period(const Period& p) {
  return Json{{"first", format_date(p.first)}, {"last", format_date(p.last)}};
}

Json provenance(const Provenance& p) {
  Json out;
  out["adpilot_version"] = p.adpilot_version;
  out["generated_at"] = p.generated_at;
  out["inputs"] = strings(p.inputs);
  out["config_file"] = p.config_file;
  out["rules_file"] = p.rules_file;
  out["rules_hash"] = p.rules_hash;
  out["forecast_model"] = p.forecast_model;
  out["sentiment_model"] = p.sentiment_model;
  out["anomaly_detector"] = p.anomaly_detector;
  out["target"] = p.target;
  out["applied"] = p.applied;
  out["plan_id"] = p.plan_id;
  out["run_id"] = p.run_id ? Json(*p.run_id) : Json(nullptr);
  out["store_path"] = p.store_path;
  return out;
}

Json headline(const Headline& h) {
  Json out;
  out["metric"] = h.metric;
  out["label"] = h.label;
  out["unit"] = h.unit;
  out["current"] = number(h.current);
  out["previous"] = number(h.previous);
  out["rel_change"] = number(h.rel_change);
  out["p_value"] = number(h.p_value);
  out["significant"] = h.significant;
  out["direction"] = h.direction;
  out["higher_is_better"] = h.higher_is_better;
  out["test"] = h.test;
  return out;
}

Json summary(const Summary& s) {
  Json out;
  out["currency"] = s.currency;
  out["currency_symbol"] = s.currency_symbol;
  out["current"] = period(s.current);
  out["previous"] = period(s.previous);
  out["headlines"] = Json::array();
  for (const auto& h : s.headlines) {
    out["headlines"].push_back(headline(h));
  }
  out["highlights"] = strings(s.highlights);
  return out;
}

Json kpi_row(const KpiRow& k) {
  Json out;
  out["campaign_id"] = k.campaign_id;
  out["campaign_name"] = k.campaign_name;
  out["channel"] = k.channel;
  out["impressions"] = number(k.impressions);
  out["clicks"] = number(k.clicks);
  out["cost"] = number(k.cost);
  out["conversions"] = number(k.conversions);
  out["revenue"] = number(k.revenue);
  out["ctr"] = number(k.ctr);
  out["cpc"] = number(k.cpc);
  out["cpm"] = number(k.cpm);
  out["cvr"] = number(k.cvr);
  out["cpa"] = number(k.cpa);
  out["roas"] = number(k.roas);
  out["aov"] = number(k.aov);
  out["profit"] = number(k.profit);
  out["status"] = k.status;
  return out;
}

Json anomaly(const AnomalyMark& a) {
  Json out;
  out["date"] = format_date(a.date);
  out["value"] = number(a.value);
  out["expected"] = number(a.expected);
  out["score"] = number(a.score);
  out["direction"] = a.direction;
  out["summary"] = a.summary;
  return out;
}

Json fan(const Fan& f) {
  Json out;
  out["model"] = f.model;
  out["dates"] = dates(f.dates);
  out["mean"] = numbers(f.mean);
  out["lo80"] = numbers(f.lo80);
  out["hi80"] = numbers(f.hi80);
  out["lo95"] = numbers(f.lo95);
  out["hi95"] = numbers(f.hi95);
  return out;
}

Json series(const MetricSeries& s) {
  Json out;
  out["scope"] = s.scope;
  out["scope_name"] = s.scope_name;
  out["metric"] = s.metric;
  out["label"] = s.label;
  out["unit"] = s.unit;
  out["first"] = format_date(s.first);
  Json values = Json::array();
  for (const auto& v : s.values) {
    values.push_back(number(v));
  }
  out["values"] = std::move(values);
  out["anomalies"] = Json::array();
  for (const auto& a : s.anomalies) {
    out["anomalies"].push_back(anomaly(a));
  }
  out["forecast"] = s.forecast ? fan(*s.forecast) : Json(nullptr);
  return out;
}

Json trend(const TrendRow& t) {
  Json out;
  out["scope"] = t.scope;
  out["scope_name"] = t.scope_name;
  out["metric"] = t.metric;
  out["recent"] = number(t.recent);
  out["prior"] = number(t.prior);
  out["rel_change"] = number(t.rel_change);
  out["p_value"] = number(t.p_value);
  out["significant"] = t.significant;
  out["direction"] = t.direction;
  out["good_news"] = t.good_news;
  out["summary"] = t.summary;
  return out;
}

Json pacing(const PacingRow& p) {
  Json out;
  out["campaign_id"] = p.campaign_id;
  out["campaign_name"] = p.campaign_name;
  out["month"] = p.month;
  out["budget"] = number(p.budget);
  out["spend_to_date"] = number(p.spend_to_date);
  out["projected"] = number(p.projected);
  out["projected_low_80"] = number(p.projected_low_80);
  out["projected_high_80"] = number(p.projected_high_80);
  out["projected_share"] = number(p.projected_share);
  out["verdict"] = p.verdict;
  out["recommended_daily_budget"] = number(p.recommended_daily_budget);
  out["explanation"] = p.explanation;
  return out;
}

Json decision(const DecisionRow& d) {
  Json out;
  out["index"] = d.index;
  out["entity_level"] = d.entity_level;
  out["entity_id"] = d.entity_id;
  out["entity_name"] = d.entity_name;
  out["action"] = d.action;
  out["summary"] = d.summary;
  out["rule"] = d.rule;
  out["rationale"] = strings(d.rationale);
  out["state"] = d.state;
  out["reason"] = d.reason;
  return out;
}

Json copy_finding(const CopyFinding& c) {
  Json out;
  out["ad_id"] = c.ad_id;
  out["campaign_id"] = c.campaign_id;
  out["field"] = c.field;
  out["text"] = c.text;
  out["sentiment_label"] = c.sentiment_label;
  out["sentiment_score"] = number(c.sentiment_score);
  out["issues"] = Json::array();
  for (const auto& issue : c.issues) {
    out["issues"].push_back(
        Json{{"rule_id", issue.rule_id}, {"severity", issue.severity}, {"message", issue.message}});
  }
  out["suggestions"] = strings(c.suggestions);
  return out;
}

Json quality(const Quality& q) {
  Json out;
  out["rows_read"] = q.rows_read;
  out["rows_kept"] = q.rows_kept;
  out["rows_rejected"] = q.rows_rejected;
  out["files"] = strings(q.files);
  out["dates"] = period(q.dates);
  out["issues"] = Json::array();
  for (const auto& issue : q.issues) {
    out["issues"].push_back(Json{{"kind", issue.kind},
                                 {"count", issue.count},
                                 {"policy", issue.policy},
                                 {"example", issue.example}});
  }
  return out;
}

template <typename Row, typename Fn>
Json rows(const std::vector<Row>& items, Fn&& to_json) {
  Json out = Json::array();
  for (const auto& item : items) {
    out.push_back(to_json(item));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json report_to_ordered_json(const Report& report) {
  Json out;
  out["schema_version"] = report.schema_version;
  out["title"] = report.title;
  out["provenance"] = provenance(report.provenance);
  out["summary"] = summary(report.summary);
  out["campaigns"] = rows(report.campaigns, kpi_row);
  out["series"] = rows(report.series, series);
  out["trends"] = rows(report.trends, trend);
  out["pacing"] = rows(report.pacing, pacing);
  out["decisions"] = rows(report.decisions, decision);
  out["copy"] = rows(report.copy, copy_finding);
  out["quality"] = quality(report.quality);
  return out;
}

nlohmann::json report_to_json(const Report& report) {
  return nlohmann::json(report_to_ordered_json(report));
}

// Invalid UTF-8 in user text (a mis-encoded campaign name) is replaced by U+FFFD rather than
// failing the whole report.
std::string render_json(const Report& report) {
  return report_to_ordered_json(report).dump(2, ' ', false,
                                             nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace adpilot::report
