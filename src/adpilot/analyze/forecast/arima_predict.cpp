// ARIMA forecasts: the ARMA state-space forecast of the differenced series, integrated back
// through the differencing, plus the mean/drift regression (R's predict.Arima / KalmanForecast).
#include <fmt/format.h>

#include <cmath>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast {

namespace detail {

void arima_forecast(const ArimaFit& fit, int horizon, std::vector<double>& mean,
                    std::vector<double>& variance) {
  // Augmented state s = [x (ARMA state, r), z_{t−1}, …, z_{t−nd}]: the last nd levels are
  // known at the forecast origin, so their covariance starts at zero, and z_t = x_t[0] + δ·levels.
  const int p = static_cast<int>(fit.phi.size());
  const int q = static_cast<int>(fit.theta.size());
  const int r = static_cast<int>(fit.state.size());
  const int nd = static_cast<int>(fit.delta.size());
  const int m = r + nd;
  const auto um = static_cast<size_t>(m);
  std::vector<double> s(um, 0.0);
  std::copy(fit.state.begin(), fit.state.end(), s.begin());
  for (int j = 0; j < nd; ++j) {
    s[static_cast<size_t>(r + j)] = fit.tail[static_cast<size_t>(nd - 1 - j)];
  }
  std::vector<double> c(um * um, 0.0);
  for (int i = 0; i < r; ++i) {
    for (int j = 0; j < r; ++j) {
      c[static_cast<size_t>(i) * um + static_cast<size_t>(j)] =
          fit.covariance[static_cast<size_t>(i * r + j)];
    }
  }
  auto observe = [&](const double* x, size_t stride) {
    double value = x[0];
    for (int j = 0; j < nd; ++j) {
      value += fit.delta[static_cast<size_t>(j)] * x[static_cast<size_t>(r + j) * stride];
    }
    return value;
  };
  // out = T_aug x for a vector stored with the given stride.
  std::vector<double> tmp(um);
  auto transition = [&](double* x, size_t stride) {
    const double x0 = x[0];
    for (int i = 0; i < r; ++i) {
      double value = i + 1 < r ? x[static_cast<size_t>(i + 1) * stride] : 0.0;
      if (i < p) {
        value += fit.phi[static_cast<size_t>(i)] * x0;
      }
      tmp[static_cast<size_t>(i)] = value;
    }
    if (nd > 0) {
      tmp[static_cast<size_t>(r)] = observe(x, stride);
      for (int j = 1; j < nd; ++j) {
        tmp[static_cast<size_t>(r + j)] = x[static_cast<size_t>(r + j - 1) * stride];
      }
    }
    for (size_t i = 0; i < um; ++i) {
      x[i * stride] = tmp[i];
    }
  };
  auto rr = [&](int i) { return i == 0 ? 1.0 : (i <= q ? fit.theta[static_cast<size_t>(i - 1)] : 0.0); };
  mean.assign(static_cast<size_t>(horizon), 0.0);
  variance.assign(static_cast<size_t>(horizon), 0.0);
  for (int h = 0; h < horizon; ++h) {
    mean[static_cast<size_t>(h)] = observe(s.data(), 1);
    double v = c[0];
    for (int j = 0; j < nd; ++j) {
      const double dj = fit.delta[static_cast<size_t>(j)];
      v += 2.0 * dj * c[static_cast<size_t>(r + j)];
      for (int k = 0; k < nd; ++k) {
        v += dj * fit.delta[static_cast<size_t>(k)] *
             c[static_cast<size_t>(r + j) * um + static_cast<size_t>(r + k)];
      }
    }
    variance[static_cast<size_t>(h)] = v;
    // s ← T s; C ← T C Tᵀ + R Rᵀ: T applied to every column, then to every row.
    transition(s.data(), 1);
    for (size_t col = 0; col < um; ++col) {
      transition(c.data() + col, um);
    }
    for (size_t row = 0; row < um; ++row) {
      transition(c.data() + row * um, 1);
    }
    for (int i = 0; i < r; ++i) {
      for (int j = 0; j < r; ++j) {
        c[static_cast<size_t>(i) * um + static_cast<size_t>(j)] += rr(i) * rr(j);
      }
    }
  }
  const int narma = fit.orders.narma();
  for (int col = 0; col < fit.regressors; ++col) {
    const double beta = fit.coef[static_cast<size_t>(narma + col)];
    for (int h = 0; h < horizon; ++h) {
      mean[static_cast<size_t>(h)] += beta * regressor(fit, col, fit.n + h);
    }
  }
}

double normal_quantile(double p) {
  // Wichura (1988), Algorithm AS 241 (PPND16), as R's qnorm.
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
                45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
             133.14166789178437745) * r + 3.387132872796366608) /
           (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
                21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
             42.313330701600911252) * r + 1.0);
  }
  double r = q < 0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double value = 0.0;
  if (r <= 5.0) {
    r -= 1.6;
    value = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
                 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
              4.6303378461565452959) * r + 1.42343711074968357734) /
            (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
                 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
              2.05319162663775882187) * r + 1.0);
  } else {
    r -= 5.0;
    value = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
                 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
              5.4637849111641143699) * r + 6.6579046435011037772) /
            (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
                 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
              0.59983220655588793769) * r + 1.0);
  }
  return q < 0.0 ? -value : value;
}

}  // namespace detail

Result<ArimaPrediction> ArimaForecaster::predict_se(int horizon) const {
  if (!fit_) {
    return make_error(ErrorCode::kInvalidArgument, "predict() called before fit()");
  }
  if (horizon < 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("forecast horizon must be at least 1, got {}", horizon));
  }
  ArimaPrediction out;
  std::vector<double> variance;
  detail::arima_forecast(*fit_, horizon, out.mean, variance);
  out.se.resize(variance.size());
  for (size_t h = 0; h < variance.size(); ++h) {
    out.se[h] = std::sqrt(std::max(variance[h], 0.0) * fit_->sigma2);
  }
  return out;
}

Result<ForecastResult> ArimaForecaster::predict(int horizon, const std::vector<double>& levels) const {
  for (double level : levels) {
    if (!(level > 0.0 && level < 100.0)) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("interval level must be between 0 and 100 (percent), got {}", level));
    }
  }
  auto prediction = predict_se(horizon);
  if (!prediction) {
    return prediction.error();
  }
  ForecastResult out;
  out.model = summary_.model;
  out.mean = prediction->mean;
  out.levels = levels;
  for (double level : levels) {
    const double z = detail::normal_quantile(0.5 * (1.0 + level / 100.0));
    std::vector<double> lower(out.mean.size());
    std::vector<double> upper(out.mean.size());
    for (size_t h = 0; h < out.mean.size(); ++h) {
      lower[h] = out.mean[h] - z * prediction->se[h];
      upper[h] = out.mean[h] + z * prediction->se[h];
    }
    out.lower.push_back(std::move(lower));
    out.upper.push_back(std::move(upper));
  }
  return out;
}

}  // namespace adpilot::analyze::forecast
