// Escaping for the HTML page: every piece of user text (campaign names, ad copy, file names, rule
// names) goes through these, so a name such as `<b>"A&B"</b>` prints as written and can never
// open a tag, end an attribute or close the page's <script> blocks.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace adpilot::report::detail {

// Appends text with & < > " ' replaced by entities; safe in element content and in quoted
// attribute values alike.
void append_escaped(std::string& out, std::string_view text);
std::string escape_html(std::string_view text);

// JSON for a <script type="application/json"> block: every "<" is written as \u003c, so the
// text can hold neither "</script" nor "<!--"; invalid UTF-8 becomes U+FFFD instead of failing.
std::string script_json(const nlohmann::json& value);

}  // namespace adpilot::report::detail
