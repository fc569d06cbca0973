// The page shell: <head> with the inline style sheets (uPlot's and ours; no web fonts, no
// external files), the title banner, the in-page navigation, and the closing footer.
#pragma once

#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

struct PageSection {
  const char* id;     // the section's anchor
  const char* title;  // its heading and its link in the navigation
};

// Every section, in page order; each renderer opens its section with open_section().
inline constexpr PageSection kPageSections[] = {
    {"summary", "Summary"},
    {"campaigns", "Campaigns"},
    {"charts", "Charts"},
    {"trends", "Trends"},
    {"pacing", "Pacing"},
    {"decisions", "Decisions"},
    {"ad-copy", "Ad copy"},
    {"data-quality", "Data quality"},
    {"provenance", "How this was made"},
};

// Doctype through the opening <main>.
void append_page_start(std::string& out, const Report& report);
// `<section id=… aria-labelledby=…><h2 id=…>Title</h2>` for kPageSections[section_idx];
// `attributes` (already escaped) go on the section element.
void append_section_start(std::string& out, size_t section_idx, const std::string& attributes = "");
void append_section_end(std::string& out);
// Closes <main>, writes the footer; the caller appends its scripts and then append_page_close.
void append_page_end(std::string& out, const Report& report);
void append_page_close(std::string& out);

}  // namespace adpilot::report::detail
