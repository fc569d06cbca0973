// Each optimized kernel of the transformer against a plain reference written here (double
// precision, textbook loops).
#include "adpilot/nlp/detail/ops.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <random>
#include <vector>

#include "adpilot/nlp/detail/thread_pool.h"

namespace adpilot::nlp::detail {
namespace {

std::vector<float> random_values(size_t count, float scale, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, scale);
  std::vector<float> out(count);
  for (auto& value : out) {
    value = normal(rng);
  }
  return out;
}

double reference_gelu(double x) {
  return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

double reference_activation(double x, Activation activation) {
  switch (activation) {
    case Activation::kNone:
      return x;
    case Activation::kGelu:
      return reference_gelu(x);
    case Activation::kGeluTanh:
      return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
    case Activation::kRelu:
      return std::max(x, 0.0);
    case Activation::kTanh:
      return std::tanh(x);
  }
  return x;
}

// C = act(A·Wᵀ + bias), A m×k (stride lda), W n×k.
std::vector<double> reference_linear(int m, int n, int k, const float* a, int lda, const float* w,
                                     const float* bias, Activation activation) {
  std::vector<double> out(static_cast<size_t>(m) * n);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      double sum = bias != nullptr ? bias[j] : 0.0;
      for (int p = 0; p < k; ++p) {
        sum += static_cast<double>(a[i * lda + p]) * w[j * k + p];
      }
      out[static_cast<size_t>(i) * n + j] = reference_activation(sum, activation);
    }
  }
  return out;
}

void reference_softmax(std::vector<double>& row) {
  double peak = row[0];
  for (double v : row) {
    peak = std::max(peak, v);
  }
  double sum = 0;
  for (double& v : row) {
    v = std::exp(v - peak);
    sum += v;
  }
  for (double& v : row) {
    v /= sum;
  }
}

TEST(Ops, GemmWrapperMatchesPlainLoops) {
  const int m = 7, n = 37, k = 19, lda = 23, ldc = 41;
  const auto a = random_values(static_cast<size_t>(m) * lda, 1.0f, 1);
  const auto w = random_values(static_cast<size_t>(n) * k, 1.0f, 2);
  std::vector<float> c(static_cast<size_t>(m) * ldc, -99.0f);
  gemm_nt(m, n, k, a.data(), lda, w.data(), k, c.data(), ldc);
  const auto expected =
      reference_linear(m, n, k, a.data(), lda, w.data(), nullptr, Activation::kNone);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      EXPECT_NEAR(c[static_cast<size_t>(i) * ldc + j], expected[static_cast<size_t>(i) * n + j],
                  1e-4);
    }
    EXPECT_EQ(c[static_cast<size_t>(i) * ldc + n], -99.0f) << "wrote past the row's n columns";
  }
}

void check_linear(int m, int n, int k) {
  ThreadPool pool(2);
  const auto a = random_values(static_cast<size_t>(m) * k, 1.0f, 3);
  const auto w = random_values(static_cast<size_t>(n) * k, 0.2f, 4);
  const auto bias = random_values(static_cast<size_t>(n), 0.5f, 5);
  for (bool split : {true, false}) {
    for (const float* b : {bias.data(), static_cast<const float*>(nullptr)}) {
      for (Activation activation : {Activation::kNone, Activation::kGelu, Activation::kGeluTanh,
                                    Activation::kRelu, Activation::kTanh}) {
        std::vector<float> c(static_cast<size_t>(m) * n, 1e9f);  // stale values must not leak in
        linear(pool, m, n, k, a.data(), k, w.data(), b, activation, c.data(), n, split);
        const auto expected = reference_linear(m, n, k, a.data(), k, w.data(), b, activation);
        double worst = 0;
        for (size_t i = 0; i < c.size(); ++i) {
          worst = std::max(worst, std::abs(c[i] - expected[i]));
        }
        EXPECT_LT(worst, 1e-4) << m << "×" << n << " activation " << static_cast<int>(activation)
                               << " split " << split << " bias " << (b != nullptr);
      }
    }
  }
}

TEST(Ops, LinearSplitOverThreadsWithEachEpilogue) {
  // Few rows: split by columns (n not a multiple of the slice alignment); many rows: by rows.
  check_linear(33, 200, 96);
  check_linear(301, 40, 64);
  check_linear(1, 3, 8);  // too small to split
}

TEST(Ops, AddLayerNormMatchesReference) {
  const int cols = 77;
  const auto x0 = random_values(cols, 3.0f, 6);
  const auto y = random_values(cols, 1.0f, 7);
  const auto bias = random_values(cols, 1.0f, 8);
  const auto gain = random_values(cols, 1.0f, 9);
  const auto shift = random_values(cols, 1.0f, 10);
  for (int variant = 0; variant < 3; ++variant) {
    const float* y_ptr = variant >= 1 ? y.data() : nullptr;
    const float* bias_ptr = variant == 2 ? bias.data() : nullptr;
    std::vector<float> x = x0;
    std::vector<double> sum(cols);
    for (int j = 0; j < cols; ++j) {
      sum[j] = static_cast<double>(x0[j]) + (y_ptr != nullptr ? y_ptr[j] : 0.0) +
               (bias_ptr != nullptr ? bias_ptr[j] : 0.0);
    }
    double mean = 0, var = 0;
    for (double v : sum) {
      mean += v / cols;
    }
    for (double v : sum) {
      var += (v - mean) * (v - mean) / cols;
    }
    add_layer_norm_row(x.data(), y_ptr, bias_ptr, gain.data(), shift.data(), cols, 1e-12f);
    for (int j = 0; j < cols; ++j) {
      const double expected = (sum[j] - mean) / std::sqrt(var + 1e-12) * gain[j] + shift[j];
      EXPECT_NEAR(x[j], expected, 2e-5) << "variant " << variant << " column " << j;
    }
  }
}

TEST(Ops, SoftmaxMatchesReferenceAndIsStable) {
  for (int n : {1, 5, 64, 129}) {
    auto row = random_values(static_cast<size_t>(n), 4.0f, static_cast<uint32_t>(n));
    row[0] += 80.0f;  // large values must not overflow
    std::vector<double> expected(row.begin(), row.end());
    reference_softmax(expected);
    softmax_row(row.data(), n);
    double total = 0;
    for (int i = 0; i < n; ++i) {
      EXPECT_NEAR(row[i], expected[i], 1e-6);
      total += row[i];
    }
    EXPECT_NEAR(total, 1.0, 1e-5);
  }
}

TEST(Ops, GeluErfAndExpAreAccurate) {
  double worst_erf = 0, worst_exp = 0, worst_gelu = 0;
  std::vector<float> xs;
  for (float x = -10.0f; x <= 10.0f; x += 0.001f) {
    xs.push_back(x);
    worst_erf = std::max(worst_erf, std::abs(erf_fast(x) - std::erf(static_cast<double>(x))));
  }
  for (float x = -87.0f; x <= 88.0f; x += 0.01f) {
    const double expected = std::exp(static_cast<double>(x));
    worst_exp = std::max(worst_exp, std::abs(exp_fast(x) - expected) / expected);
  }
  std::vector<float> values = xs;
  gelu(values.data(), values.size());
  for (size_t i = 0; i < xs.size(); ++i) {
    worst_gelu = std::max(worst_gelu, std::abs(values[i] - reference_gelu(xs[i])));
  }
  EXPECT_LT(worst_erf, 5e-7);
  EXPECT_LT(worst_exp, 5e-7);
  EXPECT_LT(worst_gelu, 2e-6);
  EXPECT_EQ(exp_fast(-1000.0f) < 1e-37f, true);  // clamped, no garbage from the exponent bits
}

// softmax(Q·Kᵀ)·V for one head, Q n_q × d, K/V n_k × d with row strides.
void check_attention(int n_queries, int n_keys, int head_dim, int stride, uint32_t seed) {
  const auto q = random_values(static_cast<size_t>(n_queries) * stride, 0.5f, seed);
  const auto k = random_values(static_cast<size_t>(n_keys) * stride, 0.5f, seed + 1);
  const auto v = random_values(static_cast<size_t>(n_keys) * stride, 1.0f, seed + 2);
  std::vector<float> scores(static_cast<size_t>(n_queries) * n_keys);
  std::vector<float> out(static_cast<size_t>(n_queries) * stride, 0.0f);
  attention_head(q.data(), stride, k.data(), stride, v.data(), stride, n_queries, n_keys, head_dim,
                 scores.data(), out.data(), stride);
  for (int i = 0; i < n_queries; ++i) {
    std::vector<double> row(static_cast<size_t>(n_keys));
    for (int j = 0; j < n_keys; ++j) {
      double dot = 0;
      for (int p = 0; p < head_dim; ++p) {
        dot += static_cast<double>(q[i * stride + p]) * k[j * stride + p];
      }
      row[j] = dot;
    }
    reference_softmax(row);
    for (int p = 0; p < head_dim; ++p) {
      double expected = 0;
      for (int j = 0; j < n_keys; ++j) {
        expected += row[j] * v[j * stride + p];
      }
      EXPECT_NEAR(out[i * stride + p], expected, 1e-5) << "query " << i << " dim " << p;
    }
  }
}

TEST(Ops, AttentionHeadMatchesReference) {
  check_attention(9, 9, 16, 48, 20);  // every token a query, strided as in the fused QKV buffer
  check_attention(1, 13, 8, 8, 30);   // the [CLS]-only last layer
  check_attention(3, 1, 4, 12, 40);   // a single key: weight 1
}

TEST(ThreadPool, RunsEveryTaskOnceOnValidThreads) {
  for (int threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    for (int round = 0; round < 50; ++round) {
      const int tasks = 1 + round * 7;
      std::vector<std::atomic<int>> hits(static_cast<size_t>(tasks));
      std::atomic<bool> bad_thread{false};
      pool.run(tasks, [&](int task, int thread) {
        hits[static_cast<size_t>(task)].fetch_add(1);
        if (thread < 0 || thread >= pool.size()) {
          bad_thread = true;
        }
      });
      for (const auto& hit : hits) {
        ASSERT_EQ(hit.load(), 1);
      }
      ASSERT_FALSE(bad_thread.load());
    }
  }
}

}  // namespace
}  // namespace adpilot::nlp::detail
