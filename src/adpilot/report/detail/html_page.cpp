#include "adpilot/report/detail/html_page.h"

#include "adpilot/report/detail/html_escape.h"
#include "adpilot/report/detail/html_format.h"
#include "adpilot/report/detail/html_uplot.h"

namespace adpilot::report::detail {

namespace {

// System fonts only: the page must render the same offline, and a web font would be a fetch.
// Colours keep a 4.5:1 contrast on white; the print rules drop the navigation, the banner's
// background and the scroll boxes, and keep cards and charts whole on a page.
constexpr const char* kStyle = R"css(
:root{--ink:#1b2432;--muted:#5a6474;--faint:#98a1ae;--line:#e2e6ec;--bg:#f4f6f9;--card:#fff;
--accent:#1f5fbf;--good:#11703a;--good-bg:#e4f3e9;--bad:#b3261e;--bad-bg:#fce8e6;
--warn:#8a4b00;--warn-bg:#fff1dc;--info:#1a4fa0;--info-bg:#e7effc;--neutral-bg:#edf0f4}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;scroll-behavior:smooth}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
.wrap{max-width:1320px;margin:0 auto;padding:0 24px}
.page-head{background:#14213d;color:#fff;padding:26px 0 22px}
.page-head .brand{margin:0;font-size:12px;letter-spacing:.14em;text-transform:uppercase;opacity:.7}
.page-head h1{margin:4px 0 6px;font-size:28px;font-weight:650;line-height:1.25;overflow-wrap:anywhere}
.page-head .meta{margin:0;font-size:14px;opacity:.85}
.page-head .meta span+span::before{content:"·";margin:0 8px;opacity:.6}
nav.toc{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid var(--line);box-shadow:0 1px 3px rgba(20,33,61,.06)}
nav.toc ul{display:flex;gap:2px;margin:0 auto;padding:0 24px;max-width:1320px;list-style:none;overflow-x:auto;white-space:nowrap}
nav.toc a{display:block;padding:12px 10px 10px;color:var(--muted);text-decoration:none;font-size:14px;border-bottom:2px solid transparent}
nav.toc a:hover,nav.toc a:focus-visible{color:var(--accent);border-bottom-color:var(--accent)}
main{padding-bottom:48px}
section{margin-top:34px;scroll-margin-top:56px}
h2{font-size:20px;font-weight:650;margin:0 0 14px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:0 0 6px}
p{margin:0 0 8px}
.note{color:var(--muted);font-size:14px}
.empty{color:var(--muted);font-style:italic;background:var(--card);border:1px dashed var(--line);border-radius:10px;padding:14px 18px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(230px,100%),1fr));gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;box-shadow:0 1px 2px rgba(20,33,61,.04)}
.card h3{font-size:12px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);font-weight:600}
.card .value{font-size:27px;font-weight:650;margin:0;font-variant-numeric:tabular-nums;line-height:1.2}
.card .previous{margin:4px 0 0;color:var(--muted);font-size:13px}
.card .change-line{margin:10px 0 0;font-size:14px;display:flex;flex-wrap:wrap;align-items:center;gap:6px}
.change{font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}
.change.good{color:var(--good)}.change.bad{color:var(--bad)}.change.flat{color:var(--muted)}
.sig{display:inline-block;font-size:12px;padding:1px 8px;border-radius:999px;background:var(--neutral-bg);color:var(--muted);white-space:nowrap}
.sig.yes{background:var(--info-bg);color:var(--info)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.highlights{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:10px;margin:16px 0 0;padding:14px 18px 14px 38px}
.highlights li{margin:3px 0}
.table-scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px;box-shadow:0 1px 2px rgba(20,33,61,.04)}
table{border-collapse:collapse;width:100%;font-size:13.5px}
.table-scroll caption{text-align:left;padding:10px 12px;color:var(--muted);font-size:13px}
.table-scroll th,.table-scroll td{padding:8px 12px;text-align:left;border-bottom:1px solid var(--line);vertical-align:top}
.table-scroll thead th{background:#f0f3f7;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);white-space:nowrap}
.table-scroll tbody tr:last-child td,.table-scroll tbody tr:last-child th{border-bottom:0}
.table-scroll tbody tr:hover{background:#f8fafc}
.table-scroll tbody th{font-weight:600}
.table-scroll .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.undef{color:var(--faint)}
.sub{display:block;color:var(--muted);font-size:12px;font-weight:400}
.table-scroll .num .sub{white-space:normal}
.table-scroll .num .range{white-space:nowrap}
table.pacing tbody th[scope=row]{white-space:normal;min-width:150px}
/* Table cells ignore min-width; a block inside them does not. */
.table-scroll .wide{min-width:240px}
.table-scroll tbody th[scope=row],table.trends td:first-child{white-space:nowrap}
details.more{margin-top:12px}
details.more>summary{cursor:pointer;color:var(--accent);font-size:14px;padding:6px 0;width:max-content}
details.more>summary:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
details.more .table-scroll{margin-top:8px}
table.kpi th,table.kpi td{padding:8px 9px}
.table-scroll .sub .badge{font-size:11px;line-height:1.5;padding:0 7px;margin-left:2px}
table.kpi tbody th[scope=row]{position:sticky;left:0;background:var(--card);z-index:1;box-shadow:1px 0 0 var(--line)}
table.kpi tbody tr:hover th[scope=row]{background:#f8fafc}
table.kpi thead th:first-child{position:sticky;left:0;z-index:2}
th button{all:unset;cursor:pointer;display:inline-flex;align-items:center;gap:4px;text-transform:inherit}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:2px}
th button::after{content:"\2195";opacity:.35;font-size:11px}
th[aria-sort=ascending] button::after{content:"\25B2";opacity:.9}
th[aria-sort=descending] button::after{content:"\25BC";opacity:.9}
th[aria-sort] {color:var(--ink)}
.badge{display:inline-block;font-size:12px;font-weight:600;line-height:1.6;padding:0 9px;border-radius:999px;background:var(--neutral-bg);color:var(--muted);white-space:nowrap;text-transform:none;letter-spacing:0}
.badge.good{background:var(--good-bg);color:var(--good)}
.badge.bad{background:var(--bad-bg);color:var(--bad)}
.badge.warn{background:var(--warn-bg);color:var(--warn)}
.badge.info{background:var(--info-bg);color:var(--info)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(520px,100%),1fr));gap:16px}
figure.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px 10px;min-width:0;box-shadow:0 1px 2px rgba(20,33,61,.04)}
figure.chart figcaption{font-weight:600;margin-bottom:6px;overflow-wrap:anywhere}
figure.chart figcaption .sub{display:inline;margin-left:6px}
.chart-plot{width:100%;overflow:hidden}
.chart-plot .uplot{width:100%;font-family:inherit}
.chart-plot .u-legend{font-size:12px;text-align:left;margin-top:4px}
.chart-plot .u-legend .u-marker{width:12px;height:12px;border-radius:2px}
.chart-plot .u-inline.u-live th::after{content:none}
.chart-plot .u-legend .u-value{font-variant-numeric:tabular-nums;font-weight:400}
figure.chart:not(.hovering) .u-legend .u-series:first-child{display:none}
.list{display:grid;gap:12px}
.item{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px;box-shadow:0 1px 2px rgba(20,33,61,.04)}
.item-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 10px;margin-bottom:4px}
.item-head h3{margin:0;font-size:15px;overflow-wrap:anywhere}
.item .meta{color:var(--muted);font-size:13px;margin:0 0 6px}
.item .meta span+span::before{content:"·";margin:0 7px;opacity:.6}
.item ul{margin:6px 0 0;padding-left:20px}
.item li{margin:2px 0}
.reason{margin:8px 0 0;padding:6px 10px;border-radius:6px;background:var(--warn-bg);color:var(--warn);font-size:14px}
.decision.state-failed .reason{background:var(--bad-bg);color:var(--bad)}
blockquote{margin:6px 0;padding:6px 12px;border-left:3px solid var(--line);background:#fafbfc;font-size:15px;overflow-wrap:anywhere}
.issues{list-style:none;padding-left:0!important}
.issues li{display:flex;gap:8px;align-items:baseline}
.issues code{font-size:12px;color:var(--muted)}
.suggestions{color:var(--ink)}
.card .value.small{font-size:17px;line-height:1.5;padding-top:6px}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(180px,100%),1fr));gap:16px;margin-bottom:16px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
dl.facts dt{color:var(--muted);font-size:14px}
dl.facts dd{margin:0;overflow-wrap:anywhere}
dl.facts ul{margin:0;padding-left:18px}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:13px;padding:18px 0 28px;background:#fff}
@media (max-width:640px){.wrap,nav.toc ul{padding:0 14px}.page-head h1{font-size:22px}.card .value{font-size:23px}
dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:6px}}
@page{size:landscape;margin:12mm}
@media print{
body{background:#fff;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
nav.toc{display:none}.wrap{max-width:none;padding:0}
.table-scroll table{font-size:8pt}
.table-scroll th,.table-scroll td,table.kpi th,table.kpi td{padding:3px 4px}
.table-scroll thead th{white-space:normal;text-transform:none;letter-spacing:0;font-size:8pt}
.table-scroll caption{padding:4px 0}
table.kpi tbody th[scope=row],table.kpi thead th:first-child{position:static;box-shadow:none}
.cards{grid-template-columns:repeat(5,1fr);gap:10px}.card{padding:10px 12px}.card .value{font-size:18pt}
.page-head{background:none;color:#000;padding:0 0 8px;border-bottom:2px solid #000}
.page-head .brand,.page-head .meta{opacity:1}
section{margin-top:20px}
.card,.item,figure.chart,tr,.highlights,dl.facts{break-inside:avoid}
h2{break-after:avoid}
.table-scroll{overflow:visible;border:0;box-shadow:none}
.card,.item,figure.chart,.highlights,.table-scroll,dl.facts{box-shadow:none}
th button::after{content:none}
.charts{grid-template-columns:1fr}
footer{background:none}}
)css";

}  // namespace

void append_page_start(std::string& out, const Report& report) {
  const std::string title = report.title.empty() ? "adpilot report" : report.title;
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"adpilot ";
  append_escaped(out, report.provenance.adpilot_version);
  out += "\">\n<title>";
  append_escaped(out, title);
  out += "</title>\n<style>\n";
  out += uplot_style();
  out += "\n</style>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";

  out +=
      "<header class=\"page-head\"><div class=\"wrap\">\n<p class=\"brand\">adpilot "
      "report</p>\n<h1>";
  append_escaped(out, title);
  out += "</h1>\n<p class=\"meta\">";
  const Summary& summary = report.summary;
  if (summary.current.first != 0 || summary.current.last != 0) {
    out += "<span>";
    append_escaped(out, format_period(summary.current));
    if (summary.previous.first != 0 || summary.previous.last != 0) {
      out += " compared with ";
      append_escaped(out, format_period(summary.previous));
    }
    out += "</span>";
  }
  if (!summary.currency.empty()) {
    out += "<span>Currency ";
    append_escaped(out, summary.currency);
    out += "</span>";
  }
  if (!report.provenance.generated_at.empty()) {
    out += "<span>Generated ";
    append_escaped(out, report.provenance.generated_at);
    out += "</span>";
  }
  out += "</p>\n</div></header>\n";

  out += "<nav class=\"toc\" aria-label=\"Sections\"><ul>";
  for (const PageSection& section : kPageSections) {
    out += "<li><a href=\"#";
    out += section.id;
    out += "\">";
    out += section.title;
    out += "</a></li>";
  }
  out += "</ul></nav>\n<main class=\"wrap\">\n";
}

void append_section_start(std::string& out, size_t section_idx, const std::string& attributes) {
  const PageSection& section = kPageSections[section_idx];
  out += "<section id=\"";
  out += section.id;
  out += "\" aria-labelledby=\"";
  out += section.id;
  out += "-title\"";
  if (!attributes.empty()) {
    out += ' ';
    out += attributes;
  }
  out += ">\n<h2 id=\"";
  out += section.id;
  out += "-title\">";
  out += section.title;
  out += "</h2>\n";
}

void append_section_end(std::string& out) {
  out += "</section>\n";
}

void append_page_end(std::string& out, const Report& report) {
  out += "</main>\n<footer><div class=\"wrap\">Made by adpilot";
  if (!report.provenance.adpilot_version.empty()) {
    out += ' ';
    append_escaped(out, report.provenance.adpilot_version);
  }
  if (!report.provenance.generated_at.empty()) {
    out += " on ";
    append_escaped(out, report.provenance.generated_at);
  }
  out += ". Charts drawn with uPlot ";
  out += uplot_version();
  out += " (MIT licence), embedded in this page.</div></footer>\n";
}

void append_page_close(std::string& out) {
  out += "</body>\n</html>\n";
}

}  // namespace adpilot::report::detail
