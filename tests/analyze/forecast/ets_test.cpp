// ETS unit tests: recursions and forecasts worked by hand, admissibility against values from R's
// forecast:::admissible(), option parsing, and the error paths. Comparisons with R's fitted
// models are in ets_r_test.cpp.
#include "adpilot/analyze/forecast/ets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "adpilot/analyze/forecast/detail/ets_model.h"

namespace adpilot::analyze::forecast {
namespace {

using detail::EtsKind;
using detail::EtsParams;
using detail::EtsSpec;

EtsSpec spec_of(EtsKind error, EtsKind trend, EtsKind season, bool damped = false, int m = 1) {
  EtsSpec s;
  s.error = error;
  s.trend = trend;
  s.season = season;
  s.damped = damped;
  s.period = season == EtsKind::kNone ? 1 : m;
  return s;
}

EtsOptions model_options(const char* model) {
  auto parsed = parse_ets_model(model);
  EXPECT_TRUE(parsed.ok()) << model;
  return std::move(parsed).value();
}

void expect_error(const Result<void>& r, ErrorCode code, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, code);
  EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

TEST(EtsRecursion, SimpleExponentialSmoothingByHand) {
  // l_t = l_(t−1) + α(y_t − l_(t−1)) with α = ½, l0 = 10: 10 → 11 → 11 → 12; errors 2, 0, 2.
  const EtsSpec spec = spec_of(EtsKind::kAdditive, EtsKind::kNone, EtsKind::kNone);
  EtsParams p;
  p.alpha = 0.5;
  const std::vector<double> y{12, 11, 13};
  const double l0 = 10.0;
  detail::EtsScratch scratch;
  std::vector<double> residuals(3);
  std::vector<double> fitted(3);
  std::vector<double> final_state;
  const detail::EtsPass pass =
      detail::ets_run(spec, p, &l0, y.data(), y.size(), scratch, &residuals, &fitted, &final_state);
  EXPECT_DOUBLE_EQ(pass.sse, 8.0);
  EXPECT_EQ(residuals, (std::vector<double>{2, 0, 2}));
  EXPECT_EQ(fitted, (std::vector<double>{10, 11, 11}));
  EXPECT_DOUBLE_EQ(final_state[0], 12.0);
  // R's criterion n·log(SSE); loglik = −½ of it.
  EXPECT_DOUBLE_EQ(detail::ets_criterion(pass, 3, spec), 3.0 * std::log(8.0));
}

TEST(EtsRecursion, AdditiveSeasonRotatesByHand) {
  // m = 2, γ = ½, α = ½, l0 = 10, states (s1, s2) = (1, −1): s2 applies first.
  // t=1: f = 10 − 1 = 9, y = 11, e = 2; l = 10 + ½(12 − 10) = 11; s_new = −1 + ½(1 − (−1)) = 0.
  // t=2: f = 11 + 1 = 12, y = 12, e = 0; l = 11; s_new = 1 + ½(1 − 1) = 1.
  const EtsSpec spec = spec_of(EtsKind::kAdditive, EtsKind::kNone, EtsKind::kAdditive, false, 2);
  EtsParams p;
  p.alpha = 0.5;
  p.gamma = 0.5;
  const std::vector<double> state{10, 1, -1};
  const std::vector<double> y{11, 12};
  detail::EtsScratch scratch;
  std::vector<double> residuals(2);
  std::vector<double> fitted(2);
  std::vector<double> final_state;
  detail::ets_run(spec, p, state.data(), y.data(), 2, scratch, &residuals, &fitted, &final_state);
  EXPECT_EQ(fitted, (std::vector<double>{9, 12}));
  EXPECT_EQ(residuals, (std::vector<double>{2, 0}));
  EXPECT_EQ(final_state, (std::vector<double>{11, 1, 0}));  // l, s1 (newest), s2
}

TEST(EtsRecursion, DampedTrendForecastsByHand) {
  // l + (φ + φ² + … + φʰ)·b with l = 100, b = 10, φ = 0.5: 105, 107.5, 108.75.
  const EtsSpec spec = spec_of(EtsKind::kAdditive, EtsKind::kAdditive, EtsKind::kNone, true);
  EtsParams p;
  p.alpha = 0.5;
  p.beta = 0.1;
  p.phi = 0.5;
  const std::vector<double> state{100, 10};
  std::vector<double> f(3);
  detail::ets_point_forecasts(spec, p, state.data(), 3, f.data());
  EXPECT_DOUBLE_EQ(f[0], 105.0);
  EXPECT_DOUBLE_EQ(f[1], 107.5);
  EXPECT_DOUBLE_EQ(f[2], 108.75);
}

TEST(EtsFit, FixedAlphaLevelIsLeastSquaresByHand) {
  // With α fixed, e_t = e⁰_t − (1 − α)^(t−1)·l0, where e⁰ are the errors from l0 = 0, so the
  // best l0 is Σ e⁰_t w_t / Σ w_t² with w_t = ½^(t−1). For this series that is 1027/257.
  EtsOptions o;
  o.error = EtsError::kAdditive;
  o.trend = EtsTrend::kNone;
  o.season = EtsSeason::kNone;
  o.alpha = 0.5;
  EtsForecaster model(o);
  const std::vector<double> y{3, 5, 4, 6, 5, 7, 6, 8};
  ASSERT_TRUE(model.fit(y).ok());
  const FitSummary& s = model.summary();
  EXPECT_EQ(s.model, "ETS(A,N,N)");
  EXPECT_EQ(s.params.at("alpha"), 0.5);
  EXPECT_NEAR(s.params.at("l"), 1027.0 / 257.0, 1e-4);
  // Fitted values follow the level recursion from that l0; the forecast is the last level.
  double level = s.params.at("l");
  for (size_t t = 0; t < y.size(); ++t) {
    EXPECT_NEAR(s.fitted[t], level, 1e-9);
    level += 0.5 * (y[t] - level);
  }
  EXPECT_NEAR(level, 7.00389105, 1e-4);
  const auto fc = model.predict(2, {95});
  ASSERT_TRUE(fc.ok());
  EXPECT_NEAR(fc->mean[0], level, 1e-9);
  EXPECT_NEAR(fc->mean[1], level, 1e-9);
  // loglik = −n/2·log(SSE) = −4·log(14.6770428) and σ² = SSE / (n − 1) (one estimated state).
  EXPECT_NEAR(s.loglik, -4.0 * std::log(14.677042801556), 1e-6);
  EXPECT_NEAR(s.sigma2, 14.677042801556 / 6.0, 1e-6);
  // Class-1 variance: σ²(1 + α²) at h = 2.
  const double z = 1.959963984540054;
  EXPECT_NEAR(fc->upper[0][1] - fc->mean[1], z * std::sqrt(s.sigma2 * 1.25), 1e-9);
  // Other levels use R's qnorm (AS 241) too: qnorm(0.75), qnorm(0.9995).
  const auto more = model.predict(1, {50, 99.9});
  ASSERT_TRUE(more.ok());
  EXPECT_NEAR(more->upper[0][0] - more->mean[0], 0.6744897501960817 * std::sqrt(s.sigma2), 1e-12);
  EXPECT_NEAR(more->upper[1][0] - more->mean[0], 3.2905267314919255 * std::sqrt(s.sigma2), 1e-12);
}

TEST(EtsAdmissible, MatchesRAdmissible) {
  // Expected values from forecast:::admissible(alpha, beta, gamma, phi, m).
  const auto check = [](EtsSpec spec, double alpha, double beta, double gamma, double phi) {
    EtsParams p;
    p.alpha = alpha;
    p.beta = beta;
    p.gamma = gamma;
    p.phi = phi;
    return detail::ets_admissible(spec, p);
  };
  const EtsSpec ann = spec_of(EtsKind::kAdditive, EtsKind::kNone, EtsKind::kNone);
  const EtsSpec aan = spec_of(EtsKind::kAdditive, EtsKind::kAdditive, EtsKind::kNone);
  EXPECT_TRUE(check(ann, 1.5, 0, 0, 1));
  EXPECT_FALSE(check(ann, 2.5, 0, 0, 1));
  EXPECT_TRUE(check(aan, 0.5, 1.6, 0, 1));
  EXPECT_FALSE(check(aan, 0.5, 3.5, 0, 1));
  const auto ana = [](int m) {
    return spec_of(EtsKind::kAdditive, EtsKind::kNone, EtsKind::kAdditive, false, m);
  };
  const auto aada = [](int m, bool damped) {
    return spec_of(EtsKind::kAdditive, EtsKind::kAdditive, EtsKind::kAdditive, damped, m);
  };
  EXPECT_TRUE(check(ana(12), 0.5, 0, 0.3, 1));
  EXPECT_FALSE(check(ana(12), 0.5, 0, 1.6, 1));
  EXPECT_TRUE(check(ana(4), 1.9, 0, 0.05, 1));
  EXPECT_TRUE(check(aada(4, true), 0.2, 0.1, 0.5, 0.9));
  EXPECT_FALSE(check(aada(12, false), 0.9, 0.8, 0.09, 1));
  EXPECT_FALSE(check(aada(4, false), 1.2, 0.9, 0.5, 1));
}

TEST(EtsOptions, ParsesRModelStrings) {
  auto o = parse_ets_model("MAdM");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->error, EtsError::kMultiplicative);
  EXPECT_EQ(o->trend, EtsTrend::kAdditive);
  EXPECT_EQ(o->damped, EtsDamped::kYes);
  EXPECT_EQ(o->season, EtsSeason::kMultiplicative);
  EXPECT_EQ(ets_model_string(*o), "ETS(M,Ad,M)");
  EXPECT_EQ(ets_model_string(model_options("ZZZ")), "ETS(Z,Z,Z)");
  EXPECT_EQ(ets_model_string(model_options("ANN")), "ETS(A,N,N)");
  const auto bad = parse_ets_model("XYZ");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("invalid ETS model 'XYZ'"), std::string::npos);
  const auto mult_trend = parse_ets_model("AMN");
  ASSERT_FALSE(mult_trend.ok());
  EXPECT_NE(mult_trend.error().message.find("multiplicative trends"), std::string::npos);
}

TEST(EtsOptions, InvalidOptionsAreReported) {
  EtsOptions o;
  o.period = 0;
  EXPECT_FALSE(EtsForecaster::create(o).ok());
  expect_error(EtsForecaster(o).fit({1, 2, 3}), ErrorCode::kInvalidArgument, "period");

  EtsOptions seasonal = model_options("AAA");
  expect_error(EtsForecaster(seasonal).fit({1, 2, 3}), ErrorCode::kInvalidArgument,
               "needs a period above 1");
  EtsOptions damped_no_trend = model_options("ANN");
  damped_no_trend.damped = EtsDamped::kYes;
  expect_error(EtsForecaster(damped_no_trend).fit({1, 2, 3}), ErrorCode::kInvalidArgument,
               "damped ETS model needs a trend");
  EtsOptions unstable = model_options("ANM");
  unstable.period = 4;
  const auto created = EtsForecaster::create(unstable);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.error().message.find("additive error and multiplicative season"),
            std::string::npos);
  unstable.allow_unstable = true;
  EXPECT_TRUE(EtsForecaster::create(unstable).ok());
  EtsOptions bad_alpha;
  bad_alpha.alpha = 1.5;
  EXPECT_FALSE(EtsForecaster::create(bad_alpha).ok());
}

TEST(EtsErrors, BadSeriesGiveClearMessages) {
  EtsForecaster model(EtsOptions{});
  expect_error(model.fit({}), ErrorCode::kData, "empty series");
  expect_error(model.fit({1, 2, NAN, 4, 5, 6, 7, 8}), ErrorCode::kData, "non-finite");
  expect_error(model.fit({1, 2, 3, 4, 5, 6}), ErrorCode::kData, "series too short");

  EtsOptions mult = model_options("MNN");
  EtsForecaster m(mult);
  expect_error(m.fit({3, 1, 0, 2, 4, 2, 3, 5, 4, 6}), ErrorCode::kData, "strictly positive data");

  EtsOptions season = model_options("ANA");
  season.period = 12;
  expect_error(EtsForecaster(season).fit(std::vector<double>(12, 1.0)), ErrorCode::kData,
               "more than one season");

  EtsOptions fixed = model_options("AAN");
  fixed.alpha = 0.2;
  fixed.beta = 0.5;  // β > α: outside the usual region
  expect_error(EtsForecaster(fixed).fit({1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 8, 10}),
               ErrorCode::kInvalidArgument, "out of range");
}

TEST(EtsErrors, PredictNeedsAFitAndValidArguments) {
  EtsForecaster model(EtsOptions{});
  EXPECT_FALSE(model.predict(3, {80}).ok());
  ASSERT_TRUE(model.fit({5, 7, 6, 8, 7, 9, 8, 10, 9, 11}).ok());
  EXPECT_FALSE(model.predict(0, {80}).ok());
  const auto bad_level = model.predict(3, {100});
  ASSERT_FALSE(bad_level.ok());
  EXPECT_NE(bad_level.error().message.find("between 0 and 100"), std::string::npos);
  EXPECT_TRUE(model.predict(3, {50, 80, 99.5}).ok());
}

TEST(EtsAuto, ConstantSeriesIsSesWithAlmostOneAlpha) {
  EtsForecaster model(EtsOptions{});
  ASSERT_TRUE(model.fit(std::vector<double>(20, 5.0)).ok());
  EXPECT_EQ(model.summary().model, "ETS(A,N,N)");
  EXPECT_EQ(model.summary().params.at("alpha"), 0.99999);  // as R's ets() for a constant
  const auto fc = model.predict(3, {80, 95});
  ASSERT_TRUE(fc.ok());
  EXPECT_EQ(fc->mean, (std::vector<double>{5, 5, 5}));
  EXPECT_EQ(fc->lower[1], (std::vector<double>{5, 5, 5}));
}

TEST(EtsAuto, NonPositiveDataSkipMultiplicativeModels) {
  EtsOptions o;
  o.period = 4;
  EtsForecaster model(o);
  std::vector<double> y;
  for (int t = 0; t < 40; ++t) {
    y.push_back(10.0 + 0.3 * t + 4.0 * ((t % 4) - 1.5) + ((t * 7) % 5) - 12.0);
  }
  ASSERT_TRUE(model.fit(y).ok());
  for (const EtsCandidate& c : model.candidates()) {
    EXPECT_EQ(c.model.find("M"), std::string::npos) << c.model;
  }
  EXPECT_EQ(model.candidates().size(), 6u);  // A error × (N, A, Ad) × (N, A)
}

TEST(EtsAuto, SeasonNeedsPeriodAndMoreThanOneSeason) {
  std::vector<double> y;
  for (int t = 0; t < 12; ++t) {
    y.push_back(100.0 + 10.0 * std::sin(t * 0.5) + t);
  }
  EtsOptions o;
  o.period = 12;  // exactly one season: R drops the seasonal models
  EtsForecaster model(o);
  ASSERT_TRUE(model.fit(y).ok());
  EXPECT_EQ(model.candidates().size(), 6u);
  o.period = 30;  // above 24: R ignores the season (with a warning)
  y.resize(12);
  for (int t = 12; t < 100; ++t) {
    y.push_back(100.0 + 10.0 * std::sin(t * 0.2) + t);
  }
  EtsForecaster long_period(o);
  ASSERT_TRUE(long_period.fit(y).ok());
  EXPECT_EQ(long_period.summary().params.count("gamma"), 0u);
}

TEST(EtsPredict, SimulatedIntervalsAgreeWithAnalyticOnes) {
  // For ETS(A,N,N) both are exact, so 20 000 sample paths must reproduce the class-1 normal
  // intervals up to Monte Carlo error (≈ 1 % on a 95 % half-width).
  detail::EtsFit fit;
  fit.spec = spec_of(EtsKind::kAdditive, EtsKind::kNone, EtsKind::kNone);
  fit.params.alpha = 0.3;
  fit.final_state = {50.0};
  fit.sigma2 = 4.0;
  detail::EtsSimulationOptions sim;
  sim.paths = 20000;
  const auto analytic = detail::ets_forecast(fit, 6, {80, 95}, sim);
  const auto simulated = detail::ets_simulated_forecast(fit, 6, {80, 95}, sim);
  for (size_t level = 0; level < 2; ++level) {
    for (size_t h = 0; h < 6; ++h) {
      const double a = analytic.upper[level][h] - analytic.lower[level][h];
      const double s = simulated.upper[level][h] - simulated.lower[level][h];
      EXPECT_NEAR(s / a, 1.0, 0.03) << "level " << level << " h " << h;
    }
  }
  // Same seed, same paths.
  const auto again = detail::ets_simulated_forecast(fit, 6, {80, 95}, sim);
  EXPECT_EQ(again.upper, simulated.upper);
}

TEST(EtsRegistry, CreatedByName) {
  ForecasterRegistry registry;
  registry.add("ets", make_ets);
  ForecastOptions o;
  o.period = 4;
  auto model = registry.create("ets", o);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ((*model)->name(), "ets");
  std::vector<double> y;
  for (int t = 0; t < 24; ++t) {
    y.push_back(20.0 + t + ((t % 4 == 0) ? 6.0 : 0.0) + ((t * 3) % 7) * 0.3);
  }
  ASSERT_TRUE((*model)->fit(y).ok());
  const auto fc = (*model)->predict(8, {80, 95});
  ASSERT_TRUE(fc.ok());
  EXPECT_EQ(fc->mean.size(), 8u);
  EXPECT_EQ(fc->lower.size(), 2u);
  for (size_t h = 0; h < 8; ++h) {
    EXPECT_LT(fc->lower[1][h], fc->lower[0][h]);
    EXPECT_LT(fc->lower[0][h], fc->mean[h]);
    EXPECT_LT(fc->mean[h], fc->upper[0][h]);
    EXPECT_LT(fc->upper[0][h], fc->upper[1][h]);
  }
}

}  // namespace
}  // namespace adpilot::analyze::forecast
