// UTF-8 validation for the validate phase: an ASCII fast path eight bytes at a time, full decoding
// only around non-ASCII bytes. Overlong forms, surrogates and code points above U+10FFFF are
// invalid.
#pragma once

#include <cstddef>

namespace adpilot::csv {

// Offset of the first byte of the first invalid sequence in data[0, size), or size when valid.
size_t find_invalid_utf8(const char* data, size_t size);

// True when data[0, size) holds a byte >= 0x80.
bool has_non_ascii(const char* data, size_t size);

}  // namespace adpilot::csv
