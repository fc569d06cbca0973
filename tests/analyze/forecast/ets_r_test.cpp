// ETS against R's forecast::ets() and forecast() (fixtures from
// tests/fixtures/r/make_ets_fixtures.R).
//
// Three checks per fixture:
//   EtsR/EtsRTest.AtRParameters — our recursions, likelihood and forecast distribution at R's
//     own estimates: equal to R up to rounding, except the documented formula differences.
//   EtsR/EtsRTest.ForcedModel — our estimate of R's model: loglik at least R's − 0.05; where the
//     optimum is the same one, parameters within 1e-3 and forecasts within 1 %.
//   EtsR/EtsRTest.AutoSelection — the fixture's R call (automatic search over the components it
//     leaves open) picks R's model, or one that beats it on R's own criterion (listed below).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "adpilot/analyze/forecast/detail/ets_model.h"
#include "adpilot/analyze/forecast/ets.h"
#include "analyze/forecast/ets_fixture.h"

namespace adpilot::analyze::forecast {
namespace {

using testing::EtsFixture;
using testing::load_ets_fixture;

struct RCase {
  const char* name;
  // The fixture's R call as our options: its model string and damped = NULL (kAuto) or FALSE.
  const char* model;
  EtsDamped damped;
  // AtRParameters tolerances (relative) for the mean and the interval widths.
  double mean_tol;
  double width_tol;
  // The model our automatic search picks when it is not R's; empty when it is R's.
  const char* auto_model;
};

std::ostream& operator<<(std::ostream& os, const RCase& c) {
  return os << c.name;
}

// Deviations:
// - airpassengers, ETS(M,Ad,M): R's class3() uses the undamped w = (1, 1) for the level/trend
//   part, so its mean at h = 1 is (l + b)·s instead of the model's (l + φb)·s; we use the damped
//   form (0.08 % on the mean, 0.3 % on the widths here).
// - nottem, usaccdeaths, ETS(A,N,A): R's class1() puts γ on the second seasonal state when there
//   is no trend; we put it on the newest (width differences up to 0.03 %).
// - usaccdeaths_anm: simulated intervals, ours with 5 000 paths and our own generator against
//   R's 100 000 paths: Monte Carlo noise of a few percent.
// - usaccdeaths30: our search reaches ETS(M,N,M) with AICc 492.9; R's Nelder–Mead stopped at
//   505.1 for that model and chose ETS(A,N,N) (503.2). R's own likelihood at our estimates
//   gives our value.
// - usaccdeaths_aaa (model "AAA", damping chosen by AICc): we fit ETS(A,A,A) to AICc 1149.9
//   against R's 1157.2, so the undamped model wins over ETS(A,Ad,A) (R 1153.9, ours 1151.0).
constexpr EtsDamped kAuto = EtsDamped::kAuto;
const RCase kCases[] = {
    {"airpassengers", "ZZZ", kAuto, 2e-3, 6e-3, ""},
    {"ukgas", "ZZZ", kAuto, 1e-9, 1e-9, ""},
    {"nottem", "ZZZ", kAuto, 1e-9, 1e-4, ""},
    {"nile", "ZZZ", kAuto, 1e-9, 1e-9, ""},
    {"nile_ann", "ANN", kAuto, 1e-9, 1e-9, ""},
    {"lynx", "ZZZ", kAuto, 1e-9, 1e-9, ""},
    {"usaccdeaths", "ZZZ", kAuto, 1e-9, 1e-3, ""},
    {"usaccdeaths_aaa", "AAA", kAuto, 1e-9, 1e-9, "ETS(A,A,A)"},
    {"usaccdeaths_aaa_undamped", "AAA", EtsDamped::kNo, 1e-9, 1e-9, ""},
    {"ldeaths", "ZZZ", kAuto, 1e-9, 1e-9, ""},
    {"usaccdeaths30", "ZZZ", kAuto, 1e-9, 1e-9, "ETS(M,N,M)"},
    {"usaccdeaths_anm", "ANM", kAuto, 1e-9, 0.05, ""},
};

detail::EtsSpec spec_for(const EtsFixture& f) {
  const EtsOptions o = testing::ets_forced_options(f.model, f.period);
  detail::EtsSpec spec;
  spec.error = o.error == EtsError::kAdditive ? detail::EtsKind::kAdditive
                                              : detail::EtsKind::kMultiplicative;
  spec.trend = o.trend == EtsTrend::kNone ? detail::EtsKind::kNone : detail::EtsKind::kAdditive;
  spec.season = o.season == EtsSeason::kNone       ? detail::EtsKind::kNone
                : o.season == EtsSeason::kAdditive ? detail::EtsKind::kAdditive
                                                   : detail::EtsKind::kMultiplicative;
  spec.damped = o.damped == EtsDamped::kYes;
  spec.period = spec.has_season() ? f.period : 1;
  return spec;
}

double max_rel(const std::vector<double>& a, const std::vector<double>& b) {
  double out = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    out = std::max(out, std::fabs(a[i] / b[i] - 1.0));
  }
  return out;
}

std::vector<double> widths(const std::vector<double>& lo, const std::vector<double>& hi) {
  std::vector<double> out;
  for (size_t i = 0; i < lo.size(); ++i) {
    out.push_back(hi[i] - lo[i]);
  }
  return out;
}

class EtsRTest : public ::testing::TestWithParam<RCase> {};

TEST_P(EtsRTest, AtRParameters) {
  const RCase& c = GetParam();
  const EtsFixture f = load_ets_fixture(c.name);
  const detail::EtsSpec spec = spec_for(f);
  detail::EtsParams p;
  p.alpha = f.par.at("alpha");
  p.beta = f.par.count("beta") != 0 ? f.par.at("beta") : 0.0;
  p.gamma = f.par.count("gamma") != 0 ? f.par.at("gamma") : 0.0;
  p.phi = f.par.count("phi") != 0 ? f.par.at("phi") : 1.0;
  // R's np: smoothing parameters + initial states less the one implied by normalisation.
  const int np = static_cast<int>(f.par.size() + f.initstate.size()) - (spec.has_season() ? 1 : 0);
  const detail::EtsFit fit = detail::ets_fit_at(f.data, spec, p, f.initstate, np);
  EXPECT_NEAR(fit.loglik, f.loglik, 1e-8);
  EXPECT_NEAR(fit.aicc, f.aicc, 1e-8);
  EXPECT_NEAR(fit.bic, f.bic, 1e-8);
  EXPECT_NEAR(fit.sigma2 / f.sigma2, 1.0, 1e-12);
  EXPECT_LT(max_rel(fit.fitted, f.fitted), 1e-12);

  const detail::EtsForecast fc = detail::ets_forecast(fit, f.h, {80, 95}, {});
  EXPECT_LT(max_rel(fc.mean, f.mean), c.mean_tol);
  EXPECT_LT(max_rel(widths(fc.lower[0], fc.upper[0]), widths(f.lower80, f.upper80)), c.width_tol);
  EXPECT_LT(max_rel(widths(fc.lower[1], fc.upper[1]), widths(f.lower95, f.upper95)), c.width_tol);
}

TEST_P(EtsRTest, ForcedModel) {
  const RCase& c = GetParam();
  const EtsFixture f = load_ets_fixture(c.name);
  EtsForecaster model(testing::ets_forced_options(f.model, f.period));
  ASSERT_TRUE(model.fit(f.data).ok());
  const FitSummary& s = model.summary();
  ASSERT_EQ(s.model, f.model);
  EXPECT_GE(s.loglik, f.loglik - 0.05) << "R found a better optimum";
  const auto fc = model.predict(f.h, {80, 95});
  ASSERT_TRUE(fc.ok());
  if (s.loglik < f.loglik + 0.05) {
    // The same optimum: the estimates agree.
    for (const auto& [name, value] : f.par) {
      EXPECT_NEAR(s.params.at(name), value, 1e-3) << name;
    }
    EXPECT_LT(max_rel(fc->mean, f.mean), 0.01);
    EXPECT_LT(max_rel(widths(fc->lower[1], fc->upper[1]), widths(f.lower95, f.upper95)),
              std::max(0.01, c.width_tol));
  } else {
    // A better optimum than R's (R's Nelder–Mead stalled): a different, better fit whose
    // forecasts still stay near R's.
    EXPECT_LT(max_rel(fc->mean, f.mean), 0.04);
  }
}

TEST_P(EtsRTest, AutoSelection) {
  const RCase& c = GetParam();
  const EtsFixture f = load_ets_fixture(c.name);
  auto parsed = parse_ets_model(c.model);
  ASSERT_TRUE(parsed.ok());
  EtsOptions o = std::move(parsed).value();
  o.period = f.period;
  o.damped = c.damped;
  o.allow_unstable = f.name == "usaccdeaths_anm";  // ets(…, restrict = FALSE)
  EtsForecaster model(o);
  ASSERT_TRUE(model.fit(f.data).ok());
  const std::string expected = c.auto_model[0] != '\0' ? c.auto_model : f.model;
  EXPECT_EQ(model.summary().model, expected);
  // Whatever we pick is at least as good, by AICc, as every model of the same search in R.
  for (const EtsCandidate& candidate : model.candidates()) {
    const auto r = f.candidates_aicc.find(candidate.model);
    ASSERT_NE(r, f.candidates_aicc.end()) << candidate.model;
    EXPECT_LE(model.summary().aicc, r->second + 0.1) << candidate.model;
  }
}

// Starting states against forecast:::initstate(): the decomposition path (three or more
// seasons), and the linear trend + Fourier regression R uses for shorter series.
TEST(EtsRInit, StartingStatesMatchRInitstate) {
  const auto check = [](const std::string& fixture, detail::EtsSpec spec,
                        const std::vector<double>& expected) {
    const EtsFixture f = load_ets_fixture(fixture);
    spec.period = f.period;
    const std::vector<double> got = detail::ets_initial_states(f.data, spec);
    ASSERT_EQ(got.size(), expected.size()) << fixture;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_NEAR(got[i], expected[i], 1e-9 * std::max(1.0, std::fabs(expected[i])))
          << fixture << " state " << i;
    }
  };
  using detail::EtsKind;
  detail::EtsSpec spec;
  spec.trend = EtsKind::kAdditive;
  spec.season = EtsKind::kMultiplicative;
  check("airpassengers", spec,  // initstate(AirPassengers, "A", "M")
        {120.95579813875539799, 0.99896498433581649, 0.89882438998501135, 0.80117808241347432,
         0.92175724041049767, 1.06049193264681829, 1.21991096944562494, 1.22655554293120139,
         1.11277582667927288, 0.98137802749512937, 0.97590601232284724, 1.00736628760354541,
         0.88362532069437572});
  spec.season = EtsKind::kAdditive;
  check("ukgas", spec,  // initstate(UKgas, "A", "A")
        {103.214943910256409, 2.197339743589743, 29.970793269230764, -168.967668269230785,
         -36.141225961538467});
  spec.trend = EtsKind::kNone;
  check("usaccdeaths30", spec,  // initstate(usacc30, "N", "A")
        {9240.17034727061764, -334.11413078184046, -142.00169780428530, 593.11073517326986,
         326.22316815082507, 1315.33560112838018, 1846.44803410593545, 1313.56046708349049,
         462.67290006104577, -459.21466696139908, -710.10223398384392, -1573.98980100628864});
  spec.trend = EtsKind::kAdditive;
  spec.season = EtsKind::kMultiplicative;
  check("usaccdeaths30", spec,  // initstate(usacc30, "A", "M")
        {9763.76493505118560279, -41.88756702244496921, 0.96392290106097278, 0.98473592691724421,
         1.06346899555093510, 1.03475348077350215, 1.13950391545230878, 1.19496730927146344,
         1.13808870611351520, 1.04842548252969103, 0.95214626986801165, 0.92632343829265151,
         0.83739757650956792});
}

INSTANTIATE_TEST_SUITE_P(EtsR, EtsRTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace adpilot::analyze::forecast
