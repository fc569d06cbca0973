// Reads the R reference fixtures tests/fixtures/r/arima_<name>.json (written by
// make_arima_fixtures.R) for the ARIMA tests.
#pragma once

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace adpilot::analyze::forecast::testing {

struct ArimaFixture {
  std::string command;
  int period = 1;
  std::vector<double> data;
  std::vector<int> order;     // p, d, q
  std::vector<int> seasonal;  // P, D, Q
  std::map<std::string, double> coef;
  double sigma2 = 0.0;
  double loglik = 0.0;
  double aic = 0.0;
  double aicc = 0.0;
  std::vector<double> mean;
  std::vector<double> se;       // fixed-order fixtures
  std::vector<double> upper95;  // auto fixtures (forecast() intervals)
  std::vector<double> residuals;
  nlohmann::json raw;
};

inline std::vector<double> numbers(const nlohmann::json& j) {
  std::vector<double> out;
  for (const auto& v : j) {
    out.push_back(v.is_null() ? 0.0 : v.get<double>());
  }
  return out;
}

inline ArimaFixture load_arima_fixture(const std::string& name) {
  std::ifstream in(std::string(ADPILOT_SOURCE_DIR) + "/tests/fixtures/r/arima_" + name + ".json");
  ArimaFixture f;
  f.raw = nlohmann::json::parse(in);
  const auto& j = f.raw;
  f.command = j.at("command").get<std::string>();
  f.period = j.at("period").get<int>();
  f.data = numbers(j.at("data"));
  f.order = j.at("order").get<std::vector<int>>();
  f.seasonal = j.at("seasonal").get<std::vector<int>>();
  for (const auto& [key, value] : j.at("coef").items()) {
    f.coef[key] = value.get<double>();
  }
  f.sigma2 = j.at("sigma2").get<double>();
  f.loglik = j.at("loglik").get<double>();
  f.aic = j.at("aic").get<double>();
  if (j.contains("aicc")) {
    f.aicc = j.at("aicc").get<double>();
  }
  f.mean = numbers(j.at("mean"));
  if (j.contains("se")) {
    f.se = numbers(j.at("se"));
  }
  if (j.contains("upper95")) {
    f.upper95 = numbers(j.at("upper95"));
  }
  if (j.contains("residuals")) {
    f.residuals = numbers(j.at("residuals"));
  }
  return f;
}

}  // namespace adpilot::analyze::forecast::testing
