// The config file (--config adpilot.yaml, docs/config.md): option defaults for every command and
// the complete description of a run. Top-level keys are option names, `data:` lists the input
// files, `formats:` holds user column mappings (ingest reads it), and the sections `ingest:`,
// `analyze:`, `decide:`, `act:` and `report:` group option names for readability. Relative
// paths (data files and options that take a FILE, DIR or PATH) are resolved against the config
// file's folder, so a config works from any working directory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

// Fills settings from the config file: a value already set by a flag or the environment wins.
// `data:` becomes the positional files when the command reads campaign files and none were given.
// Errors name file:line:column; an unknown key suggests the nearest known one.
Result<void> apply_config_file(const std::string& path, uint32_t command_bit, Settings& settings);

// The known key closest to `key` by edit distance, or "" when none is close enough to suggest.
std::string nearest_key(std::string_view key, const std::vector<std::string>& known);

}  // namespace adpilot::cli
