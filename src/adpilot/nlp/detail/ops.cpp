#include "adpilot/nlp/detail/ops.h"

#include <cblas.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace adpilot::nlp::detail {

namespace {

// Below this many multiply-adds a GEMM is not worth splitting: the hand-off costs more.
constexpr int64_t kMinSplitFlops = 1 << 18;
// Row and column slices are multiples of this, so BLAS works on whole register blocks.
constexpr int kSliceAlign = 16;

// exp by range reduction (x = n·ln2 + r) and Cephes' degree-6 polynomial on r: branch-free, so
// the loops that call it vectorise.
inline float exp_inline(float x) {
  x = std::clamp(x, -87.0f, 88.0f);
  constexpr float kRound = 12582912.0f;  // 1.5·2^23: adding it rounds to an integer
  const float shifted = x * 1.44269504088896341f + kRound;
  const float n = shifted - kRound;
  const int32_t n_int = std::bit_cast<int32_t>(shifted) - std::bit_cast<int32_t>(kRound);
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  return p * std::bit_cast<float>((n_int + 127) << 23);
}

// Abramowitz & Stegun 7.1.26: |error| ≤ 1.5e-7.
inline float erf_inline(float x) {
  const float a = std::fabs(x);
  const float t = 1.0f / (1.0f + 0.3275911f * a);
  float p = 1.061405429f;
  p = p * t - 1.453152027f;
  p = p * t + 1.421413741f;
  p = p * t - 0.284496736f;
  p = p * t + 0.254829592f;
  const float y = 1.0f - p * t * exp_inline(-a * a);
  return std::copysign(y, x);
}

inline float tanh_inline(float x) {
  return 1.0f - 2.0f / (exp_inline(2.0f * x) + 1.0f);
}

inline float gelu_inline(float x) {
  return 0.5f * x * (1.0f + erf_inline(x * 0.70710678118654752f));
}

inline float gelu_tanh_inline(float x) {
  const float inner = 0.79788456080286536f * (x + 0.044715f * x * x * x);
  return 0.5f * x * (1.0f + tanh_inline(inner));
}

template <Activation kAct>
inline float activate(float value) {
  if constexpr (kAct == Activation::kGelu) {
    return gelu_inline(value);
  } else if constexpr (kAct == Activation::kGeluTanh) {
    return gelu_tanh_inline(value);
  } else if constexpr (kAct == Activation::kRelu) {
    return value > 0.0f ? value : 0.0f;
  } else if constexpr (kAct == Activation::kTanh) {
    return tanh_inline(value);
  } else {
    return value;
  }
}

// Two loops rather than one with `bias ? bias[col] : 0`: a conditional load stops the
// vectoriser.
template <Activation kAct>
void bias_activation_rows(float* c, int ldc, int rows, int col_begin, int col_end,
                          const float* bias) {
  for (int row = 0; row < rows; ++row) {
    float* out = c + static_cast<ptrdiff_t>(row) * ldc;
    if (bias != nullptr) {
#pragma omp simd
      for (int col = col_begin; col < col_end; ++col) {
        out[col] = activate<kAct>(out[col] + bias[col]);
      }
    } else {
#pragma omp simd
      for (int col = col_begin; col < col_end; ++col) {
        out[col] = activate<kAct>(out[col]);
      }
    }
  }
}

}  // namespace

void use_blas_threads(int threads) {
  openblas_set_num_threads(threads);
}

float erf_fast(float x) {
  return erf_inline(x);
}
float exp_fast(float x) {
  return exp_inline(x);
}

void gemm_nt(int m, int n, int k, const float* a, int lda, const float* w, int ldw, float* c,
             int ldc) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, lda, w, ldw, 0.0f, c, ldc);
}

void gemm_nn(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c,
              ldc);
}

void bias_activation(float* c, int ldc, int rows, int col_begin, int col_end, const float* bias,
                     Activation activation) {
  switch (activation) {
    case Activation::kNone:
      if (bias != nullptr) {
        bias_activation_rows<Activation::kNone>(c, ldc, rows, col_begin, col_end, bias);
      }
      return;
    case Activation::kGelu:
      return bias_activation_rows<Activation::kGelu>(c, ldc, rows, col_begin, col_end, bias);
    case Activation::kGeluTanh:
      return bias_activation_rows<Activation::kGeluTanh>(c, ldc, rows, col_begin, col_end, bias);
    case Activation::kRelu:
      return bias_activation_rows<Activation::kRelu>(c, ldc, rows, col_begin, col_end, bias);
    case Activation::kTanh:
      return bias_activation_rows<Activation::kTanh>(c, ldc, rows, col_begin, col_end, bias);
  }
}

void linear(ThreadPool& pool, int m, int n, int k, const float* a, int lda, const float* w,
            const float* bias, Activation activation, float* c, int ldc, bool split_in_pool) {
  // The bias is written into C first and BLAS accumulates onto it (beta = 1): one pass over C
  // instead of BLAS zeroing it (beta = 0) and a second pass adding the bias.
  const float beta = bias != nullptr ? 1.0f : 0.0f;
  // Columns [begin, end) of rows [row_begin, row_end).
  const auto product = [&](int row_begin, int row_end, int begin, int end) {
    float* out = c + static_cast<ptrdiff_t>(row_begin) * ldc;
    if (bias != nullptr) {
      for (int row = row_begin; row < row_end; ++row) {
        std::copy(bias + begin, bias + end, c + static_cast<ptrdiff_t>(row) * ldc + begin);
      }
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, row_end - row_begin, end - begin, k, 1.0f,
                a + static_cast<ptrdiff_t>(row_begin) * lda, lda,
                w + static_cast<ptrdiff_t>(begin) * k, k, beta, out + begin, ldc);
    if (activation != Activation::kNone) {
      bias_activation(out, ldc, row_end - row_begin, begin, end, nullptr, activation);
    }
  };
  if (!split_in_pool) {
    // One call that OpenBLAS threads itself; the activation over rows in the pool.
    if (bias != nullptr) {
      for (int row = 0; row < m; ++row) {
        std::copy(bias, bias + n, c + static_cast<ptrdiff_t>(row) * ldc);
      }
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, lda, w, k, beta, c, ldc);
    if (activation != Activation::kNone) {
      const int chunks = std::min(m, pool.size() * 4);
      pool.run(chunks, [&](int chunk, int) {
        const int begin = static_cast<int>(static_cast<int64_t>(m) * chunk / chunks);
        const int end = static_cast<int>(static_cast<int64_t>(m) * (chunk + 1) / chunks);
        bias_activation(c + static_cast<ptrdiff_t>(begin) * ldc, ldc, end - begin, 0, n, nullptr,
                        activation);
      });
    }
    return;
  }
  const int64_t flops = static_cast<int64_t>(m) * n * k;
  int slices = pool.size();
  if (flops < kMinSplitFlops || std::max(m, n) < 2 * kSliceAlign) {
    slices = 1;
  }
  // Each thread packs its share of one operand and all of the other, so split the longer side:
  // rows for many tokens (the weights are packed twice), columns for few (the tokens are). The
  // activation runs on each slice while it is still in cache.
  const bool split_rows = m > n;
  const int extent = split_rows ? m : n;
  const int width = (extent + slices - 1) / slices;
  const int aligned = (width + kSliceAlign - 1) / kSliceAlign * kSliceAlign;
  pool.run(slices, [&](int slice, int) {
    const int begin = std::min(extent, slice * aligned);
    const int end = std::min(extent, begin + aligned);
    if (begin >= end) {
      return;
    }
    if (split_rows) {
      product(begin, end, 0, n);
    } else {
      product(0, m, begin, end);
    }
  });
}

void add_layer_norm_row(float* x, const float* y, const float* bias, const float* gain,
                        const float* shift, int cols, float eps) {
  float sum = 0.0f;
  if (y != nullptr && bias != nullptr) {
#pragma omp simd reduction(+ : sum)
    for (int col = 0; col < cols; ++col) {
      x[col] += y[col] + bias[col];
      sum += x[col];
    }
  } else if (y != nullptr) {
#pragma omp simd reduction(+ : sum)
    for (int col = 0; col < cols; ++col) {
      x[col] += y[col];
      sum += x[col];
    }
  } else {
#pragma omp simd reduction(+ : sum)
    for (int col = 0; col < cols; ++col) {
      sum += x[col];
    }
  }
  const float mean = sum / static_cast<float>(cols);
  float squares = 0.0f;
#pragma omp simd reduction(+ : squares)
  for (int col = 0; col < cols; ++col) {
    const float centred = x[col] - mean;
    squares += centred * centred;
  }
  const float inv_std = 1.0f / std::sqrt(squares / static_cast<float>(cols) + eps);
#pragma omp simd
  for (int col = 0; col < cols; ++col) {
    x[col] = (x[col] - mean) * inv_std * gain[col] + shift[col];
  }
}

void softmax_row(float* x, int n) {
  float peak = x[0];
#pragma omp simd reduction(max : peak)
  for (int i = 0; i < n; ++i) {
    peak = std::max(peak, x[i]);
  }
  float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
  for (int i = 0; i < n; ++i) {
    x[i] = exp_inline(x[i] - peak);
    sum += x[i];
  }
  const float scale = 1.0f / sum;
#pragma omp simd
  for (int i = 0; i < n; ++i) {
    x[i] *= scale;
  }
}

void gelu(float* x, size_t n) {
#pragma omp simd
  for (size_t i = 0; i < n; ++i) {
    x[i] = gelu_inline(x[i]);
  }
}

void attention_head(const float* q, int ldq, const float* k, int ldk, const float* v, int ldv,
                    int n_queries, int n_keys, int head_dim, float* scores, float* out, int ldo) {
  gemm_nt(n_queries, n_keys, head_dim, q, ldq, k, ldk, scores, n_keys);
  for (int row = 0; row < n_queries; ++row) {
    softmax_row(scores + static_cast<ptrdiff_t>(row) * n_keys, n_keys);
  }
  gemm_nn(n_queries, head_dim, n_keys, scores, n_keys, v, ldv, out, ldo);
}

}  // namespace adpilot::nlp::detail
