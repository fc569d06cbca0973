// Writes a report's files into a folder: report.html, report.md, report.json and charts/*.png
// and *.svg. Everything is written into a temporary folder beside it first and renamed into place
// at the end, so a failure never leaves a half-written report (an older report in the folder is
// replaced whole).
#pragma once

#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/report/chart.h"
#include "adpilot/report/report.h"

namespace adpilot::report {

struct OutputOptions {
  bool html = true;
  bool markdown = true;
  bool json = true;
  bool png = true;
  bool svg = true;
  ChartStyle chart;
};

struct WrittenReport {
  std::string folder;
  std::vector<std::string> files;  // relative to folder, in the order written
};

Result<WrittenReport> write_report(const Report& report, const std::string& folder,
                                   const OutputOptions& options = {});

}  // namespace adpilot::report
