#include "adpilot/nlp/detail/unicode.h"

#include <utf8proc.h>

namespace adpilot::nlp::detail {

char32_t next_code_point(std::string_view text, size_t& pos) {
  const auto c0 = static_cast<unsigned char>(text[pos]);
  if (c0 < 0x80) {
    ++pos;
    return c0;
  }
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t used = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                                 static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (used <= 0 || cp < 0) {
    ++pos;
    return kReplacement;
  }
  pos += static_cast<size_t>(used);
  return static_cast<char32_t>(cp);
}

void append_utf8(char32_t cp, std::string& out) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
}

size_t grapheme_count(std::string_view text) {
  size_t count = 0;
  size_t pos = 0;
  utf8proc_int32_t state = 0;
  utf8proc_int32_t previous = -1;
  while (pos < text.size()) {
    const auto cp = static_cast<utf8proc_int32_t>(next_code_point(text, pos));
    if (previous < 0 || utf8proc_grapheme_break_stateful(previous, cp, &state)) {
      ++count;
    }
    previous = cp;
  }
  return count;
}

size_t code_point_count(std::string_view text) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    next_code_point(text, pos);
    ++count;
  }
  return count;
}

bool is_space(char32_t cp) {
  if (cp < 0x80) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  }
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

bool is_digit(char32_t cp) {
  if (cp < 0x80) {
    return cp >= '0' && cp <= '9';
  }
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}

bool is_emoji(char32_t cp) {
  if (cp < 0x2000 || cp == 0x2122) {
    return false;  // © ® ™ are pictographic in Unicode's tables but are not emoji in ad copy
  }
  const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  return property->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
         property->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
}

bool is_decorative_symbol(char32_t cp) {
  if (cp < 0x80 || cp == 0xA9 || cp == 0xAE || cp == 0x2122) {
    return false;
  }
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_SO || is_emoji(cp);
}

bool is_upper(std::string_view text) {
  bool cased = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp < 0x80) {
      if (cp >= 'a' && cp <= 'z') {
        return false;
      }
      cased = cased || (cp >= 'A' && cp <= 'Z');
      continue;
    }
    const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (category == UTF8PROC_CATEGORY_LL || category == UTF8PROC_CATEGORY_LT) {
      return false;
    }
    cased = cased || category == UTF8PROC_CATEGORY_LU;
  }
  return cased;
}

void to_lower(std::string_view text, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c);
      ++pos;
      continue;
    }
    const char32_t cp = next_code_point(text, pos);
    append_utf8(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))), out);
  }
}

std::string to_lower(std::string_view text) {
  std::string out;
  to_lower(text, out);
  return out;
}

}  // namespace adpilot::nlp::detail
