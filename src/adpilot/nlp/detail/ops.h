// The transformer's kernels, row-major float32. Linear layers go through BLAS (OpenBLAS sgemm)
// with the output columns split over the thread pool and the bias/activation applied to each
// slice while it is still in cache; layer norm is fused with the bias and the residual add; the
// exponentials of softmax and GELU use a vectorisable exp. tests/nlp/ops_test.cpp checks each
// kernel against a plain reference.
#pragma once

#include <cstddef>
#include <cstdint>

#include "adpilot/nlp/detail/thread_pool.h"

namespace adpilot::nlp::detail {

enum class Activation : uint8_t { kNone, kGelu, kGeluTanh, kRelu, kTanh };

// OpenBLAS's own thread count: 1 when the pool splits the GEMMs (the default, see docs/nlp.md
// for the measurement behind it), all cores when OpenBLAS threads them. Process-wide.
void use_blas_threads(int threads);

// C[m×n] = A[m×k] · W[n×k]ᵀ: W is a PyTorch Linear weight [out, in]. One BLAS call on the
// calling thread.
void gemm_nt(int m, int n, int k, const float* a, int lda, const float* w, int ldw, float* c,
             int ldc);
// C[m×n] = A[m×k] · B[k×n].
void gemm_nn(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc);

// C = act(A · Wᵀ + bias) (bias may be null). split_in_pool: the n output columns are split over
// the pool, each thread one BLAS call and the activation on its slice; otherwise one BLAS call
// (threaded by OpenBLAS if use_blas_threads allows) and the activation over rows in the pool.
void linear(ThreadPool& pool, int m, int n, int k, const float* a, int lda, const float* w,
            const float* bias, Activation activation, float* c, int ldc, bool split_in_pool = true);

// Applies act(x + bias[j]) to rows × [col_begin, col_end) of c (bias may be null).
void bias_activation(float* c, int ldc, int rows, int col_begin, int col_end, const float* bias,
                     Activation activation);

// One row: x = LayerNorm(x + y + bias) with gain and shift (y and bias may be null). Two passes
// over the row in cache; mean and variance as PyTorch computes them (biased variance).
void add_layer_norm_row(float* x, const float* y, const float* bias, const float* gain,
                        const float* shift, int cols, float eps);

// In place: softmax of one row.
void softmax_row(float* x, int n);
// In place over n values (erf form: x·Φ(x)).
void gelu(float* x, size_t n);
float erf_fast(float x);  // |error| < 2e-7
float exp_fast(float x);  // relative error < 2e-7, for x in [-87, 88]

// Attention of one head of one sequence: out = softmax(Q·Kᵀ)·V with Q already scaled by
// 1/√head_dim. Q is n_queries × head_dim, K and V n_keys × head_dim (row strides ldq/ldk/ldv),
// scores is scratch of n_queries × n_keys. Padding never reaches here: each sequence brings only
// its real tokens, so no mask is needed.
void attention_head(const float* q, int ldq, const float* k, int ldk, const float* v, int ldv,
                    int n_queries, int n_keys, int head_dim, float* scores, float* out, int ldo);

}  // namespace adpilot::nlp::detail
