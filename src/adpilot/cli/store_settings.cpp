#include "adpilot/cli/store_settings.h"

namespace adpilot::cli {

Result<store::Store> open_store(const Settings& settings) {
  const std::string path = settings.text("db");
  return store::Store::open(path.empty() ? store::default_store_path() : path);
}

}  // namespace adpilot::cli
