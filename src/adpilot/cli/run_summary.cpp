#include "adpilot/cli/run_summary.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "adpilot/core/format_number.h"

namespace adpilot::cli {

namespace {

std::string change_text(const report::Headline& h) {
  if (!h.rel_change) {
    return "—";
  }
  const double pct = *h.rel_change * 100.0;
  return fmt::format("{}{:.1f}%", pct > 0 ? "+" : (pct < 0 ? "−" : ""), std::fabs(pct));
}

}  // namespace

std::string pipeline_summary(const report::Report& report, const report::WrittenReport& written) {
  const auto& q = report.quality;
  const auto& s = report.summary;
  std::string out =
      fmt::format("Data: {} rows from {} file{}, {} to {}{}\n",
                  format_count(static_cast<double>(q.rows_kept), 0), q.files.size(),
                  q.files.size() == 1 ? "" : "s", format_date(q.dates.first),
                  format_date(q.dates.last), s.currency.empty() ? "" : ", " + s.currency);
  if (!s.headlines.empty()) {
    const int days = s.current.last - s.current.first + 1;
    out += fmt::format("Last {} days ({} to {}) against the {} before:\n", days,
                       format_date(s.current.first), format_date(s.current.last), days);
    for (const auto& h : s.headlines) {
      std::string value = h.current ? format_kpi(*h.current, h.unit, s.currency_symbol) : "—";
      if (h.current && h.unit == "ratio") {
        value += "×";  // ROAS 4.87×: revenue per unit of spend
      }
      const std::string p =
          h.p_value ? fmt::format("p = {:.3f}{}", *h.p_value, h.significant ? " (significant)" : "")
                    : "";
      out += fmt::format("  {:<12} {:>14}  {:>7}  {}\n", h.label, value, change_text(h), p);
    }
  }
  std::map<std::string, int> states;
  for (const auto& d : report.decisions) {
    ++states[d.state];
  }
  const char* order[] = {"planned", "applied", "unchanged", "failed", "skipped", "not_taken"};
  std::string counts;
  for (const char* state : order) {
    if (const auto it = states.find(state); it != states.end()) {
      std::string name = state;
      name = name == "not_taken" ? "not taken" : name;
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", it->second, name);
    }
  }
  out += fmt::format("Decisions: {}", counts.empty() ? "none" : counts);
  if (report.provenance.applied) {
    out += fmt::format(
        " (target {}{})\n", report.provenance.target,
        report.provenance.run_id ? fmt::format(", run {}", *report.provenance.run_id) : "");
  } else {
    out += " (a dry run: nothing changed; --apply carries the plan out)\n";
  }
  size_t charts = 0;
  std::vector<std::string> documents;
  for (const auto& file : written.files) {
    if (file.rfind("charts/", 0) == 0) {
      ++charts;
    } else if (file != "report.html") {
      documents.push_back(file);
    }
  }
  const std::string folder = written.folder;
  out += fmt::format("Report: {}\n", (std::filesystem::path(folder) / "report.html").string());
  if (!documents.empty() || charts > 0) {
    out += fmt::format("  with {}{}{} in {}\n", fmt::join(documents, ", "),
                       documents.empty() || charts == 0 ? "" : " and ",
                       charts == 0 ? "" : fmt::format("{} chart files", charts), folder);
  }
  return out;
}

}  // namespace adpilot::cli
