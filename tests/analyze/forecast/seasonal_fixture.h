// Reads the R reference fixtures tests/fixtures/r/theta_<name>.json and stlf_<name>.json
// (written by make_seasonal_fixtures.R) for the Theta and STL forecaster tests.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace adpilot::analyze::forecast::testing {

inline nlohmann::json load_r_fixture(const std::string& file) {
  std::ifstream in(std::string(ADPILOT_SOURCE_DIR) + "/tests/fixtures/r/" + file + ".json");
  return nlohmann::json::parse(in);
}

inline std::vector<double> json_numbers(const nlohmann::json& j) {
  std::vector<double> out;
  for (const auto& v : j) {
    out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace adpilot::analyze::forecast::testing
