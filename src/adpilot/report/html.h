// The report as one self-contained HTML page: styles, data and the chart library (uPlot, from
// npm, embedded at build time) are all inline, so it opens offline and fetches nothing. Tables
// are plain HTML (readable without JavaScript); the KPI table sorts when a header is clicked.
#pragma once

#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report {

std::string render_html(const Report& report);

}  // namespace adpilot::report
