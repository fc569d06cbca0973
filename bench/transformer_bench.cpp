// adpilot_transformer_bench: latency of adpilot's transformer forward pass on one batch shape.
// Loads a checkpoint folder, builds a batch of `batch` texts of exactly `seq` tokens (the same
// ids bench/transformer_torch.py uses), runs `warmup` passes, then times `runs` passes and prints
// one CSV line: impl,seq,batch,threads,median_ms,min_ms,sentences_per_s,load_ms,cpu_ms (CPU time of
// the whole process per timed pass, all threads: on a busy machine it shows the work done).
// With --logits FILE it also writes the first text's logits, so the script can check that both
// implementations computed the same thing. Links the library: what it measures is the library.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "adpilot/nlp/transformer.h"
#include "bench_args.h"

namespace {

const std::vector<adpilot::bench::BenchOption> kOptions = {
    {"model", "", "checkpoint folder (config.json, vocab.txt, model.safetensors)"},
    {"seq", "16", "tokens per text, [CLS] and [SEP] included"},
    {"batch", "1", "texts per forward pass"},
    {"runs", "10", "timed passes"},
    {"warmup", "3", "untimed passes first"},
    {"threads", "2", "threads"},
    {"gemm", "pool", "pool: adpilot's threads split each GEMM; blas: OpenBLAS threads it"},
    {"logits", "", "write the first text's logits to this file"},
};

// The bench's token ids: [CLS], a deterministic spread over the vocabulary, [SEP].
int32_t bench_token(int row, int pos, int seq) {
  if (pos == 0) {
    return 101;
  }
  if (pos == seq - 1) {
    return 102;
  }
  return 1000 + (pos * 7919 + row * 104729) % 20000;
}

double process_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = adpilot::bench::parse_bench_args(argc, argv, 1, kOptions);
  if (!args || args->get("model").empty()) {
    adpilot::bench::print_usage("adpilot_transformer_bench --model DIR [options]", kOptions);
    return 2;
  }
  const int seq = std::stoi(args->get("seq"));
  const int batch_size = std::stoi(args->get("batch"));
  const int runs = std::max(1, std::stoi(args->get("runs")));
  const int warmup = std::stoi(args->get("warmup"));
  const int threads = std::stoi(args->get("threads"));

  adpilot::nlp::ModelParams params = adpilot::nlp::default_params();
  params.threads = threads;
  params.gemm_threading = args->get("gemm") == "blas" ? adpilot::nlp::GemmThreading::kBlas
                                                      : adpilot::nlp::GemmThreading::kPool;
  const auto load_start = std::chrono::steady_clock::now();
  auto model = adpilot::nlp::load_model(args->get("model"), params);
  const double load_ms = ms_since(load_start);
  if (!model.ok()) {
    std::fprintf(stderr, "error: %s\n", model.error().to_string().c_str());
    return 1;
  }

  adpilot::nlp::TokenBatch batch;
  batch.batch = batch_size;
  batch.seq_len = seq;
  for (int row = 0; row < batch_size; ++row) {
    for (int pos = 0; pos < seq; ++pos) {
      batch.ids.push_back(bench_token(row, pos, seq));
      batch.mask.push_back(1);
    }
  }
  std::vector<double> times;
  std::vector<float> first_logits;
  double cpu_start = 0;
  for (int run = 0; run < warmup + runs; ++run) {
    if (run == warmup) {
      cpu_start = process_cpu_ms();
    }
    const auto start = std::chrono::steady_clock::now();
    auto logits = model->forward(batch);
    const double elapsed = ms_since(start);
    if (!logits.ok()) {
      std::fprintf(stderr, "error: %s\n", logits.error().to_string().c_str());
      return 1;
    }
    if (run == 0) {
      first_logits.assign(logits->begin(), logits->begin() + static_cast<std::ptrdiff_t>(
                                                                 model->config().labels.size()));
    }
    if (run >= warmup) {
      times.push_back(elapsed);
    }
  }
  const double cpu_ms = (process_cpu_ms() - cpu_start) / runs;
  std::sort(times.begin(), times.end());
  const double median = times.size() % 2 == 1
                            ? times[times.size() / 2]
                            : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
  std::printf("adpilot-%s,%d,%d,%d,%.3f,%.3f,%.2f,%.1f,%.1f\n", args->get("gemm").c_str(), seq,
              batch_size, threads, median, times.front(), batch_size * 1000.0 / median, load_ms,
              cpu_ms);
  if (const std::string& path = args->get("logits"); !path.empty()) {
    if (std::FILE* out = std::fopen(path.c_str(), "w")) {
      for (size_t i = 0; i < first_logits.size(); ++i) {
        std::fprintf(out, "%s%.7g", i == 0 ? "" : " ", static_cast<double>(first_logits[i]));
      }
      std::fprintf(out, "\n");
      std::fclose(out);
    }
  }
  return 0;
}
