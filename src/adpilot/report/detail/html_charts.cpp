#include "adpilot/report/detail/html_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "adpilot/report/chart.h"
#include "adpilot/report/detail/html_escape.h"
#include "adpilot/report/detail/html_page.h"

namespace adpilot::report::detail {

namespace {

constexpr size_t kChartsSection = 2;
constexpr int64_t kSecondsPerDay = 86400;

nlohmann::json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

// One series' columns on a shared day axis: the history days, the forecast days and the
// anomaly days (which are history days, but a malformed report should still draw).
nlohmann::json series_data(const MetricSeries& series) {
  std::vector<Date> days;
  days.reserve(series.values.size() + (series.forecast ? series.forecast->dates.size() : 0));
  for (size_t day_idx = 0; day_idx < series.values.size(); ++day_idx) {
    days.push_back(static_cast<Date>(series.first + static_cast<Date>(day_idx)));
  }
  if (series.forecast) {
    days.insert(days.end(), series.forecast->dates.begin(), series.forecast->dates.end());
  }
  for (const AnomalyMark& mark : series.anomalies) {
    days.push_back(mark.date);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const auto slot = [&days](Date day) {
    return static_cast<size_t>(std::lower_bound(days.begin(), days.end(), day) - days.begin());
  };
  const auto column = [&days]() {
    return nlohmann::json(std::vector<nlohmann::json>(days.size()));
  };

  nlohmann::json x = nlohmann::json::array();
  for (const Date day : days) {
    x.push_back(static_cast<int64_t>(day) * kSecondsPerDay);
  }
  nlohmann::json values = column();
  for (size_t day_idx = 0; day_idx < series.values.size(); ++day_idx) {
    if (series.values[day_idx]) {
      values[slot(static_cast<Date>(series.first + static_cast<Date>(day_idx)))] =
          number_or_null(*series.values[day_idx]);
    }
  }
  nlohmann::json out = {{"label", series.label},
                        {"unit", series.unit},
                        {"x", std::move(x)},
                        {"values", std::move(values)}};
  if (!series.anomalies.empty()) {
    nlohmann::json anomalies = column();
    for (const AnomalyMark& mark : series.anomalies) {
      anomalies[slot(mark.date)] = number_or_null(mark.value);
    }
    out["anomalies"] = std::move(anomalies);
  }
  if (series.forecast && !series.forecast->dates.empty()) {
    const Fan& fan = *series.forecast;
    nlohmann::json forecast = {{"model", fan.model}};
    const auto fan_column = [&](const char* name, const std::vector<double>& numbers) {
      nlohmann::json aligned = column();
      const size_t count = std::min(numbers.size(), fan.dates.size());
      for (size_t point_idx = 0; point_idx < count; ++point_idx) {
        aligned[slot(fan.dates[point_idx])] = number_or_null(numbers[point_idx]);
      }
      forecast[name] = std::move(aligned);
    };
    fan_column("mean", fan.mean);
    fan_column("lo80", fan.lo80);
    fan_column("hi80", fan.hi80);
    fan_column("lo95", fan.lo95);
    fan_column("hi95", fan.hi95);
    out["forecast"] = std::move(forecast);
  }
  return out;
}

}  // namespace

void append_charts_section(std::string& out, const Report& report) {
  append_section_start(out, kChartsSection,
                       fmt::format("data-chart-count=\"{}\"", report.series.size()));
  if (report.series.empty()) {
    out += "<p class=\"empty\">No daily series to chart: the data has no dates.</p>\n";
    append_section_end(out);
    return;
  }
  out +=
      "<p class=\"note\">Daily values with anomalies in red; after the last day, the forecast "
      "(dashed) with its 80% and 95% intervals. Hover a chart to read the values.</p>\n";
  out += "<div class=\"charts\">\n";
  for (size_t series_idx = 0; series_idx < report.series.size(); ++series_idx) {
    const MetricSeries& series = report.series[series_idx];
    out += "<figure class=\"chart\" id=\"chart-";
    append_escaped(out, chart_id(series));
    out += fmt::format("\" data-series=\"{}\">\n<figcaption>", series_idx);
    append_escaped(out, chart_title(series));
    if (series.forecast && !series.forecast->model.empty()) {
      out += "<span class=\"sub\">forecast ";
      append_escaped(out, series.forecast->model);
      out += "</span>";
    }
    out +=
        "</figcaption>\n<div class=\"chart-plot\"></div>\n<noscript><p class=\"note\">This "
        "chart is drawn by JavaScript, which is turned off; the tables above and below hold "
        "its figures.</p></noscript>\n</figure>\n";
  }
  out += "</div>\n";
  append_section_end(out);
}

nlohmann::json chart_data(const Report& report) {
  nlohmann::json all = nlohmann::json::array();
  for (const MetricSeries& series : report.series) {
    all.push_back(series_data(series));
  }
  return {{"symbol", report.summary.currency_symbol}, {"series", std::move(all)}};
}

void append_chart_data(std::string& out, const Report& report) {
  out += "<script type=\"application/json\" id=\"chart-data\">";
  out += script_json(chart_data(report));
  out += "</script>\n";
}

const char* chart_script() {
  return R"js(
(function () {
  'use strict';
  var holder = document.getElementById('chart-data');
  if (!holder) return;
  var data = JSON.parse(holder.textContent);
  var symbol = data.symbol || '';
  var HEIGHT = 280;
  var VALUE = '#1f5fbf', ANOMALY = '#d32f2f', FORECAST = '#d97706';
  var BAND80 = 'rgba(217,119,6,0.26)', BAND95 = 'rgba(217,119,6,0.12)', BAND_LINE = 'rgba(217,119,6,0.45)';

  function grouped(value, decimals) {
    return value.toLocaleString('en-US', {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
  }
  // A value in its unit, as the tables print it: $1,234.56, 1.23%, 3.25×, 1,234.
  function inUnit(value, unit, decimals) {
    if (value === null || value === undefined || !isFinite(value)) return '\u2014';
    if (unit === 'money') return (value < 0 ? '-' : '') + symbol + grouped(Math.abs(value), decimals);
    if (unit === 'percent') return grouped(value * 100, decimals) + '%';
    if (unit === 'ratio') return grouped(value, decimals) + '\u00d7';
    return grouped(value, decimals);
  }
  // Blank until the cursor is on a day, so an idle legend is a plain key.
  function legendValue(value, unit) {
    if (value === null || value === undefined) return '';
    var whole = unit === 'number' && value !== null && Math.abs(value - Math.round(value)) < 1e-9;
    return inUnit(value, unit, whole ? 0 : 2);
  }
  // Axis ticks: thousands as k and millions as M (by the largest tick), with as many decimals
  // as the tick step needs at that scale.
  function tickLabels(unit) {
    return function (u, splits, axisIdx, space, incr) {
      var largest = splits.reduce(function (m, v) { return Math.max(m, Math.abs(v)); }, 0);
      var scale = 1, suffix = '';
      if (unit !== 'percent' && largest >= 1e6) { scale = 1e6; suffix = 'M'; }
      else if (unit !== 'percent' && largest >= 1e4) { scale = 1e3; suffix = 'k'; }
      var step = (unit === 'percent' ? incr * 100 : incr) / scale;
      var decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
      return splits.map(function (v) {
        if (scale === 1) return inUnit(v, unit, decimals);
        var text = inUnit(v / scale, unit === 'ratio' ? 'number' : unit, decimals);
        return text + suffix + (unit === 'ratio' ? '\u00d7' : '');
      });
    };
  }
  function axisSize(u, values) {
    if (!values) return 50;
    var longest = values.reduce(function (n, text) { return Math.max(n, String(text).length); }, 0);
    return Math.ceil(longest * 7.5) + 22;
  }
  function isoDay(seconds) { return new Date(seconds * 1000).toISOString().slice(0, 10); }

  function draw(figure, spec) {
    var plot = figure.querySelector('.chart-plot');
    var unit = spec.unit || 'number';
    var columns = [spec.x, spec.values];
    var series = [
      {label: 'Date', value: function (u, ts) { return ts === null ? '' : isoDay(ts); }},
      {label: spec.label || 'Value', stroke: VALUE, width: 2,
       value: function (u, v) { return legendValue(v, unit); }}
    ];
    if (spec.anomalies) {
      columns.push(spec.anomalies);
      series.push({label: 'Anomaly', stroke: ANOMALY, fill: ANOMALY, width: 0,
                   paths: function () { return null; },
                   points: {show: true, size: 9, width: 1, stroke: '#fff', fill: ANOMALY},
                   value: function (u, v) { return legendValue(v, unit); }});
    }
    var bands = [], hidden = [], partner = {};
    var fc = spec.forecast;
    if (fc) {
      columns.push(fc.mean);
      series.push({label: 'Forecast', stroke: FORECAST, width: 2, dash: [6, 4], points: {show: false},
                   value: function (u, v) { return legendValue(v, unit); }});
      [['80', BAND80], ['95', BAND95]].forEach(function (level) {
        var lo = fc['lo' + level[0]], hi = fc['hi' + level[0]];
        var hiIdx = columns.length;
        columns.push(hi, lo);
        series.push({label: level[0] + '% interval', stroke: BAND_LINE, width: 1, fill: level[1],
                     points: {show: false},
                     value: function (u, v, si, idx) {
                       if (idx === null || idx === undefined || hi[idx] === null) return '';
                       return legendValue(lo[idx], unit) + ' \u2013 ' + legendValue(hi[idx], unit);
                     }},
                    {label: level[0] + '% low', stroke: BAND_LINE, width: 1, points: {show: false}});
        bands.push({series: [hiIdx, hiIdx + 1], fill: level[1]});
        hidden.push(hiIdx + 1);
        partner[hiIdx] = hiIdx + 1;
      });
    }
    var options = {
      width: Math.max(plot.clientWidth, 280),
      height: HEIGHT,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      series: series,
      bands: bands,
      scales: {x: {time: true}},
      axes: [
        {stroke: '#5a6474', grid: {stroke: '#eef1f5'}, ticks: {stroke: '#dfe3e9'}},
        {stroke: '#5a6474', grid: {stroke: '#eef1f5'}, ticks: {stroke: '#dfe3e9'},
         values: tickLabels(unit), size: axisSize}
      ],
      legend: {live: true},
      cursor: {points: {size: 7}},
      hooks: {
        draw: [function () { figure.setAttribute('data-drawn', 'true'); }],
        setLegend: [function (u) { figure.classList.toggle('hovering', u.legend.idx !== null && u.legend.idx !== undefined); }],
        // A band is drawn between two series: showing or hiding one end moves the other.
        setSeries: [function (u, idx, opts) {
          if (idx !== null && partner[idx] !== undefined && opts && opts.show !== undefined &&
              u.series[partner[idx]].show !== opts.show) {
            u.setSeries(partner[idx], {show: opts.show});
          }
        }]
      }
    };
    var chart = new uPlot(options, columns, plot);
    var rows = chart.root.querySelectorAll('.u-legend .u-series');
    hidden.forEach(function (idx) { if (rows[idx]) rows[idx].style.display = 'none'; });
    return chart;
  }

  var charts = [];
  document.querySelectorAll('figure.chart[data-series]').forEach(function (figure) {
    var spec = data.series[Number(figure.getAttribute('data-series'))];
    if (!spec) return;
    try {
      charts.push({figure: figure, chart: draw(figure, spec)});
    } catch (error) {
      figure.querySelector('.chart-plot').textContent = 'This chart could not be drawn: ' + error.message;
      console.error(error);
    }
  });
  function resize() {
    charts.forEach(function (entry) {
      var width = Math.max(entry.figure.querySelector('.chart-plot').clientWidth, 280);
      if (width !== entry.chart.width) entry.chart.setSize({width: width, height: HEIGHT});
    });
  }
  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(resize);
  });
  window.addEventListener('beforeprint', resize);
})();
)js";
}

}  // namespace adpilot::report::detail
