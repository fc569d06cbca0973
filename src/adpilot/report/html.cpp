// The page is assembled section by section (report/detail/html_*): the shell and style sheets,
// then every section in the navigation's order, then the chart data and the scripts (uPlot
// first). Everything is inline, so the file opens offline and fetches nothing.
#include "adpilot/report/html.h"

#include "adpilot/report/detail/html_charts.h"
#include "adpilot/report/detail/html_page.h"
#include "adpilot/report/detail/html_sections.h"
#include "adpilot/report/detail/html_tables.h"
#include "adpilot/report/detail/html_uplot.h"

namespace adpilot::report {

std::string render_html(const Report& report) {
  std::string out;
  // uPlot (~53 kB) plus a few hundred bytes per table row and chart point.
  out.reserve(size_t{80} * 1024 + report.campaigns.size() * 1024 + report.series.size() * 4096);
  detail::append_page_start(out, report);
  detail::append_summary_section(out, report);
  detail::append_kpi_section(out, report);
  detail::append_charts_section(out, report);
  detail::append_trends_section(out, report);
  detail::append_pacing_section(out, report);
  detail::append_decisions_section(out, report);
  detail::append_copy_section(out, report);
  detail::append_quality_section(out, report);
  detail::append_provenance_section(out, report);
  detail::append_page_end(out, report);
  detail::append_chart_data(out, report);
  out += "<script>\n";
  out += detail::uplot_script();
  out += "\n</script>\n<script>";
  out += detail::chart_script();
  out += detail::table_sort_script();
  out += "</script>\n";
  detail::append_page_close(out);
  return out;
}

}  // namespace adpilot::report
