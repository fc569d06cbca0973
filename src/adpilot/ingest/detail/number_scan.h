// The general number grammar documented in value_parse.h, with exact conversions of what it
// reads. It is the slow path of every number parser: value_parse.cpp tries a fast path over
// plain digits first and calls these only when that fails.
#pragma once

#include <cstdint>
#include <string_view>

#include "adpilot/ingest/detail/value_parse.h"

namespace adpilot::ingest {

// The general path of parse_count / parse_money: same contract as those functions.
ParseStatus parse_count_general(std::string_view text, const NumberLocale& locale, int64_t& out);
ParseStatus parse_money_general(std::string_view text, const NumberLocale& locale, int64_t& micros);

// The general path of parse_decimal (percent false) and parse_ratio (percent true).
ParseStatus parse_double_general(std::string_view text, const NumberLocale& locale, bool percent,
                                 double& out);

}  // namespace adpilot::ingest
