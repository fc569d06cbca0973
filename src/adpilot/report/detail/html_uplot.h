// The uPlot chart library (npm package uplot), embedded at build time by cmake/uplot_asset.cmake
// so the HTML page can inline it: the minified script (IIFE build, defines `uPlot`) and its
// style sheet, byte for byte as the package ships them.
#pragma once

#include <string_view>

namespace adpilot::report::detail {

std::string_view uplot_script();
std::string_view uplot_style();
std::string_view uplot_version();  // "1.6.32"

}  // namespace adpilot::report::detail
