// FormatRegistry: every known FormatSpec by name, built once at start-up and passed down.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/ingest/formats/format.h"

namespace adpilot::ingest {

class FormatRegistry {
 public:
  // The built-in presets: canonical, google_ads, meta_ads, kaggle_fb, online_ads.
  static FormatRegistry with_presets();

  void add(FormatSpec spec);
  const FormatSpec* find(std::string_view name) const;
  const std::vector<std::unique_ptr<FormatSpec>>& formats() const { return formats_; }
  std::vector<std::string> names() const;

  // Adds the `formats:` section of a config file (user mappings). file is for error messages.
  Result<void> add_from_yaml(const std::string& yaml_text, const std::string& file);

 private:
  std::vector<std::unique_ptr<FormatSpec>> formats_;
};

}  // namespace adpilot::ingest
