// Reads the R reference fixtures tests/fixtures/r/ets_<name>.json (written by
// make_ets_fixtures.R) for the ETS tests.
#pragma once

#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adpilot/analyze/forecast/ets.h"

namespace adpilot::analyze::forecast::testing {

struct EtsFixture {
  std::string name;
  std::string command;
  int period = 1;
  std::vector<double> data;
  std::string model;                  // "ETS(M,Ad,M)"
  std::map<std::string, double> par;  // alpha, beta, gamma, phi
  std::vector<double> initstate;      // l, b, s1 … sm
  double loglik = 0.0;
  double aic = 0.0;
  double aicc = 0.0;
  double bic = 0.0;
  double sigma2 = 0.0;
  std::vector<double> fitted;
  int h = 0;
  std::vector<double> mean;
  std::vector<double> lower80;
  std::vector<double> upper80;
  std::vector<double> lower95;
  std::vector<double> upper95;
  std::map<std::string, double> candidates_aicc;  // inf where R could not fit the model
};

inline std::vector<double> ets_numbers(const nlohmann::json& j) {
  std::vector<double> out;
  for (const auto& v : j) {
    out.push_back(v.is_null() ? std::numeric_limits<double>::infinity() : v.get<double>());
  }
  return out;
}

inline EtsFixture load_ets_fixture(const std::string& name) {
  std::ifstream in(std::string(ADPILOT_SOURCE_DIR) + "/tests/fixtures/r/ets_" + name + ".json");
  const nlohmann::json j = nlohmann::json::parse(in);
  EtsFixture f;
  f.name = name;
  f.command = j.at("command").get<std::string>();
  f.period = j.at("period").get<int>();
  f.data = ets_numbers(j.at("data"));
  f.model = j.at("model").get<std::string>();
  for (const auto& [key, value] : j.at("par").items()) {
    f.par[key] = value.get<double>();
  }
  f.initstate = ets_numbers(j.at("initstate"));
  f.loglik = j.at("loglik").get<double>();
  f.aic = j.at("aic").get<double>();
  f.aicc = j.at("aicc").get<double>();
  f.bic = j.at("bic").get<double>();
  f.sigma2 = j.at("sigma2").get<double>();
  f.fitted = ets_numbers(j.at("fitted"));
  f.h = j.at("h").get<int>();
  f.mean = ets_numbers(j.at("mean"));
  f.lower80 = ets_numbers(j.at("lower80"));
  f.upper80 = ets_numbers(j.at("upper80"));
  f.lower95 = ets_numbers(j.at("lower95"));
  f.upper95 = ets_numbers(j.at("upper95"));
  for (const auto& [key, value] : j.at("candidates_aicc").items()) {
    f.candidates_aicc[key] =
        value.is_null() ? std::numeric_limits<double>::infinity() : value.get<double>();
  }
  return f;
}

// Options that force the model R selected, e.g. "ETS(M,Ad,M)" → error M, trend A damped, season M.
inline EtsOptions ets_forced_options(const std::string& model, int period) {
  EtsOptions o;
  o.period = period;
  const std::string inner = model.substr(4, model.size() - 5);  // "M,Ad,M"
  const size_t first = inner.find(',');
  const size_t second = inner.rfind(',');
  const std::string error = inner.substr(0, first);
  const std::string trend = inner.substr(first + 1, second - first - 1);
  const std::string season = inner.substr(second + 1);
  o.error = error == "A" ? EtsError::kAdditive : EtsError::kMultiplicative;
  o.trend = trend == "N" ? EtsTrend::kNone : EtsTrend::kAdditive;
  o.damped = trend == "Ad" ? EtsDamped::kYes : EtsDamped::kNo;
  o.season = season == "N"   ? EtsSeason::kNone
             : season == "A" ? EtsSeason::kAdditive
                             : EtsSeason::kMultiplicative;
  o.allow_unstable = o.error == EtsError::kAdditive && o.season == EtsSeason::kMultiplicative;
  return o;
}

}  // namespace adpilot::analyze::forecast::testing
