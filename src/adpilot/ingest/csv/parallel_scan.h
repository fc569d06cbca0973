// Parse phase driver: block splitting on the calling thread, tokenizing and converting on worker
// threads, delivery in file order back on the calling thread.
//
// The calling thread reads a block, cuts it after its last whole row (one memrchr when the block
// has no quote, else a quote-state scan) and carries the tail into the next block. At most
// 2 × threads + 1 blocks are in flight, each in a reused RowBatch, so memory stays flat whatever
// the file size.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/ingest/csv/buffer.h"
#include "adpilot/ingest/csv/dialect.h"
#include "adpilot/ingest/csv/row_batch.h"
#include "adpilot/ingest/csv/tokenizer.h"

namespace adpilot::csv {

// Cuts the input into blocks of whole rows.
class BlockProducer {
 public:
  BlockProducer(FileSource& source, const Dialect& dialect, size_t block_bytes,
                size_t max_row_bytes);

  // Fills batch with the next block of whole rows — or, for a row longer than max_row_bytes,
  // with no rows and that row's RowIssue — and returns false once the input is exhausted.
  // Throws ErrorException on a read error.
  bool next(RowBatch& batch);

 private:
  void skip_long_row(RowBatch& batch);

  FileSource& source_;
  char delimiter_;
  char quote_;
  size_t block_bytes_;
  size_t max_row_bytes_;
  std::vector<char> carry_;  // the unfinished row at the end of the last block
  bool long_row_pending_ = false;
  bool done_ = false;
};

// The Error for the exception being handled (inside a catch block only).
Error current_exception_error();

// Runs convert on threads workers and consume, in file order, on this thread. line is the
// 1-based line of the first byte still to read and is advanced past every delivered batch.
template <typename T>
Result<void> run_parallel_scan(BlockProducer& producer, const TokenizeParams& params, int threads,
                               int64_t& line, const std::function<T(const RowBatch&, int)>& convert,
                               const std::function<Result<void>(T&&, int64_t)>& consume) {
  if (threads <= 1) {
    RowBatch batch;
    while (producer.next(batch)) {
      tokenize_batch(batch, params);
      Result<void> done = consume(convert(batch, 0), line);
      line += batch.num_lines();
      if (!done.ok()) {
        return done;
      }
    }
    return {};
  }

  struct Slot {
    RowBatch batch;
    std::optional<T> value;
    std::optional<Error> error;
    bool ready = false;
  };
  const size_t num_slots = 2 * static_cast<size_t>(threads) + 1;
  std::vector<std::unique_ptr<Slot>> slots(num_slots);
  for (auto& slot : slots) {
    slot = std::make_unique<Slot>();
  }
  std::mutex mutex;
  std::condition_variable work_cv;
  std::condition_variable done_cv;
  size_t submitted = 0;  // blocks handed to workers
  size_t taken = 0;      // blocks a worker has started on
  bool stop = false;

  auto work = [&](int worker_index) {
    for (;;) {
      size_t seq = 0;
      {
        std::unique_lock lock(mutex);
        work_cv.wait(lock, [&] { return stop || taken < submitted; });
        if (stop) {
          return;
        }
        seq = taken++;
      }
      Slot& slot = *slots[seq % num_slots];
      try {
        tokenize_batch(slot.batch, params);
        slot.value.emplace(convert(slot.batch, worker_index));
      } catch (...) {
        slot.error = current_exception_error();
      }
      {
        std::lock_guard lock(mutex);
        slot.ready = true;
      }
      done_cv.notify_one();
    }
  };

  // Joins the workers on every way out, exceptions from consume included.
  struct Workers {
    std::vector<std::thread> threads;
    std::mutex& mutex;
    std::condition_variable& work_cv;
    bool& stop;
    ~Workers() {
      {
        std::lock_guard lock(mutex);
        stop = true;
      }
      work_cv.notify_all();
      for (auto& thread : threads) {
        thread.join();
      }
    }
  } workers{{}, mutex, work_cv, stop};
  for (int worker_index = 0; worker_index < threads; ++worker_index) {
    workers.threads.emplace_back(work, worker_index);
  }

  size_t consumed = 0;
  bool input_done = false;
  for (;;) {
    while (!input_done && submitted - consumed < num_slots) {
      Slot& slot = *slots[submitted % num_slots];  // free: its last value was consumed
      if (!producer.next(slot.batch)) {
        input_done = true;
        break;
      }
      {
        std::lock_guard lock(mutex);
        ++submitted;
      }
      work_cv.notify_one();
    }
    if (consumed == submitted) {
      return {};
    }
    Slot& slot = *slots[consumed % num_slots];
    {
      std::unique_lock lock(mutex);
      done_cv.wait(lock, [&] { return slot.ready; });
      slot.ready = false;
    }
    ++consumed;
    if (slot.error) {
      return *std::exchange(slot.error, std::nullopt);
    }
    Result<void> done = consume(std::move(*slot.value), line);
    slot.value.reset();
    line += slot.batch.num_lines();
    if (!done.ok()) {
      return done;
    }
  }
}

}  // namespace adpilot::csv
