// Unicode helpers shared by the sentiment scorer and the copy linter, over utf8proc. Invalid UTF-8
// never stops them: each bad byte reads as U+FFFD, so a count or a word split stays defined.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace adpilot::nlp::detail {

inline constexpr char32_t kReplacement = 0xFFFD;

// The code point at text[pos]; advances pos past it (by one byte for an invalid sequence).
char32_t next_code_point(std::string_view text, size_t& pos);

// Appends the UTF-8 form of cp.
void append_utf8(char32_t cp, std::string& out);

// User-perceived characters (extended grapheme clusters, UAX #29): "é" written as e + U+0301 is
// one, a family emoji joined by ZWJs is one, each CJK ideograph is one.
size_t grapheme_count(std::string_view text);

size_t code_point_count(std::string_view text);

// Whitespace as Python's str.split() sees it (Unicode spaces, line and paragraph separators).
bool is_space(char32_t cp);
bool is_letter(char32_t cp);
bool is_digit(char32_t cp);  // any Unicode decimal digit
// Pictographs shown as emoji (Extended_Pictographic, regional-indicator flags), not ©, ® or ™.
bool is_emoji(char32_t cp);
// Other symbols (Unicode So/Sk) such as ★ ✓ ➤ ♥, which ad platforms call gimmicky; ©, ® and ™
// are not counted.
bool is_decorative_symbol(char32_t cp);

// Python's str.isupper(): at least one cased letter and none lowercase or titlecase.
bool is_upper(std::string_view text);

// Simple per-code-point lowercase into out (cleared first).
void to_lower(std::string_view text, std::string& out);
std::string to_lower(std::string_view text);

}  // namespace adpilot::nlp::detail
