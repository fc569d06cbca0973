// STL decomposition (Cleveland et al. 1990) as R's stl() runs it without robustness weights:
// a port of the netlib stl.f routines stlstp/stlss/stless/stlest/stlfts/stlma that R ships.
// Auto ARIMA needs it for forecast's seasonal-strength test, so its output must match R's to
// rounding; the comments name the Fortran routine each function mirrors. Indices in the
// comments are the Fortran 1-based ones; x[j − 1] holds x(j).
#include <algorithm>
#include <cmath>

#include "adpilot/analyze/forecast/detail/arima_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

// stlest: the local (degree 0 or 1) tricube-weighted fit at xs over y(nleft..nright).
bool local_fit(const double* y, int n, int len, int degree, double xs, double& ys, int nleft,
               int nright, double* w) {
  const double range = static_cast<double>(n) - 1.0;
  double h = std::max(xs - nleft, nright - xs);
  if (len > n) {
    h += static_cast<double>((len - n) / 2);  // NOLINT(bugprone-integer-division): as stl.f
  }
  const double h9 = 0.999 * h;
  const double h1 = 0.001 * h;
  double a = 0.0;
  for (int j = nleft; j <= nright; ++j) {
    w[j - 1] = 0.0;
    const double r = std::fabs(j - xs);
    if (r <= h9) {
      if (r <= h1) {
        w[j - 1] = 1.0;
      } else {
        const double u = r / h;
        const double v = 1.0 - u * u * u;
        w[j - 1] = v * v * v;
      }
      a += w[j - 1];
    }
  }
  if (a <= 0.0) {
    return false;
  }
  for (int j = nleft; j <= nright; ++j) {
    w[j - 1] /= a;
  }
  if (h > 0.0 && degree > 0) {
    a = 0.0;
    for (int j = nleft; j <= nright; ++j) {
      a += w[j - 1] * j;
    }
    double b = xs - a;
    double c = 0.0;
    for (int j = nleft; j <= nright; ++j) {
      c += w[j - 1] * (j - a) * (j - a);
    }
    if (std::sqrt(c) > 0.001 * range) {
      b /= c;
      for (int j = nleft; j <= nright; ++j) {
        w[j - 1] *= b * (j - a) + 1.0;
      }
    }
  }
  ys = 0.0;
  for (int j = nleft; j <= nright; ++j) {
    ys += w[j - 1] * y[j - 1];
  }
  return true;
}

// stless: loess smoothing of y(1..n) with span len, evaluated every njump points and linearly
// interpolated in between.
void loess_smooth(const double* y, int n, int len, int degree, int njump, double* ys, double* res) {
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  const int newnj = std::min(njump, n - 1);
  int nleft = 0;
  int nright = 0;
  auto fit_at = [&](int i) {
    if (!local_fit(y, n, len, degree, static_cast<double>(i), ys[i - 1], nleft, nright, res)) {
      ys[i - 1] = y[i - 1];
    }
  };
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (int i = 1; i <= n; i += newnj) {
      fit_at(i);
    }
  } else if (newnj == 1) {
    const int nsh = (len + 1) / 2;
    nleft = 1;
    nright = len;
    for (int i = 1; i <= n; ++i) {
      if (i > nsh && nright != n) {
        ++nleft;
        ++nright;
      }
      fit_at(i);
    }
  } else {
    const int nsh = (len + 1) / 2;
    for (int i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      fit_at(i);
    }
  }
  if (newnj == 1) {
    return;
  }
  for (int i = 1; i <= n - newnj; i += newnj) {
    const double delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj;
    for (int j = i + 1; j <= i + newnj - 1; ++j) {
      ys[j - 1] = ys[i - 1] + delta * (j - i);
    }
  }
  const int k = ((n - 1) / newnj) * newnj + 1;
  if (k != n) {
    fit_at(n);
    if (k != n - 1) {
      const double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
      for (int j = k + 1; j <= n - 1; ++j) {
        ys[j - 1] = ys[k - 1] + delta * (j - k);
      }
    }
  }
}

// stlss: smooths each cycle-subseries (all Januaries, …) and extends it one period at each end,
// so season has n + 2·np values.
void smooth_subseries(const double* y, int n, int np, int ns, int degree, int njump, double* season,
                      double* work1, double* work2, double* work3) {
  for (int j = 1; j <= np; ++j) {
    const int k = (n - j) / np + 1;
    for (int i = 1; i <= k; ++i) {
      work1[i - 1] = y[(i - 1) * np + j - 1];
    }
    loess_smooth(work1, k, ns, degree, njump, work2 + 1, work3);
    const int nright = std::min(ns, k);
    if (!local_fit(work1, k, ns, degree, 0.0, work2[0], 1, nright, work3)) {
      work2[0] = work2[1];
    }
    const int nleft = std::max(1, k - ns + 1);
    if (!local_fit(work1, k, ns, degree, k + 1.0, work2[k + 1], nleft, k, work3)) {
      work2[k + 1] = work2[k];
    }
    for (int m = 1; m <= k + 2; ++m) {
      season[(m - 1) * np + j - 1] = work2[m - 1];
    }
  }
}

// stlma: running mean of length len; ave gets n − len + 1 values.
void moving_average(const double* x, int n, int len, double* ave) {
  const int newn = n - len + 1;
  double v = 0.0;
  for (int i = 0; i < len; ++i) {
    v += x[i];
  }
  ave[0] = v / len;
  for (int j = 1, k = len, m = 0; j < newn; ++j, ++k, ++m) {
    v = v - x[m] + x[k];
    ave[j] = v / len;
  }
}

int next_odd(double x) {
  auto value = static_cast<int>(std::nearbyint(x));
  return value % 2 == 0 ? value + 1 : value;
}

}  // namespace

StlResult stl_decompose(const std::vector<double>& x, int period, int s_window) {
  const int n = static_cast<int>(x.size());
  // stl()'s defaults (R), then stl.f's guards: spans odd and ≥ 3, period ≥ 2.
  const int t_window = next_odd(std::ceil(1.5 * period / (1.0 - 1.5 / s_window)));
  const int l_window = next_odd(period);
  const int s_jump = static_cast<int>(std::ceil(s_window / 10.0));
  const int t_jump = static_cast<int>(std::ceil(t_window / 10.0));
  const int l_jump = static_cast<int>(std::ceil(l_window / 10.0));
  auto odd3 = [](int v) {
    v = std::max(3, v);
    return v % 2 == 0 ? v + 1 : v;
  };
  const int ns = odd3(s_window);
  const int nt = odd3(t_window);
  const int nl = odd3(l_window);
  const int np = std::max(2, period);
  const size_t width = at(n + 2 * np);
  std::vector<double> work(width * 5, 0.0);
  double* w1 = work.data();
  double* w2 = w1 + width;
  double* w3 = w2 + width;
  double* w4 = w3 + width;
  double* w5 = w4 + width;
  StlResult out;
  out.seasonal.assign(static_cast<size_t>(n), 0.0);
  out.trend.assign(static_cast<size_t>(n), 0.0);
  double* season = out.seasonal.data();
  double* trend = out.trend.data();
  constexpr int kInner = 2;  // stl()'s inner iterations without robustness
  for (int iteration = 0; iteration < kInner; ++iteration) {  // stlstp
    for (int i = 0; i < n; ++i) {
      w1[i] = x[static_cast<size_t>(i)] - trend[i];
    }
    smooth_subseries(w1, n, np, ns, 0, s_jump, w2, w3, w4, season);
    // stlfts: low-pass filter of the cycle-subseries: MA(np), MA(np), MA(3).
    const int m = n + 2 * np;
    moving_average(w2, m, np, w3);
    moving_average(w3, m - np + 1, np, w1);
    moving_average(w1, m - 2 * np + 2, 3, w3);
    loess_smooth(w3, n, nl, 1, l_jump, w1, w5);
    for (int i = 0; i < n; ++i) {
      season[i] = w2[np + i] - w1[i];
    }
    for (int i = 0; i < n; ++i) {
      w1[i] = x[static_cast<size_t>(i)] - season[i];
    }
    loess_smooth(w1, n, nt, 1, t_jump, trend, w3);
  }
  out.remainder.resize(static_cast<size_t>(n));
  for (size_t i = 0; i < out.remainder.size(); ++i) {
    out.remainder[i] = x[i] - out.seasonal[i] - out.trend[i];
  }
  return out;
}

}  // namespace adpilot::analyze::forecast::detail
