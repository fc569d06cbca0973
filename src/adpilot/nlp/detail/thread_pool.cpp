#include "adpilot/nlp/detail/thread_pool.h"

namespace adpilot::nlp::detail {

namespace {

// About a quarter of a millisecond of polling before a worker goes to sleep: longer than the
// gap between two kernels of a forward pass, short enough not to burn a core when idle.
constexpr int kSpinRounds = 1 << 14;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

}  // namespace

ThreadPool::ThreadPool(int threads) {
  const int workers = threads > 1 ? threads - 1 : 0;
  workers_.reserve(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) {
    workers_.emplace_back([this, i] { worker_loop(i + 1); });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stop_.store(true, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (auto& worker : workers_) {
    worker.join();
  }
}

void ThreadPool::run(int tasks, const std::function<void(int, int)>& fn) {
  if (tasks <= 0) {
    return;
  }
  if (workers_.empty() || tasks == 1) {
    for (int task_idx = 0; task_idx < tasks; ++task_idx) {
      fn(task_idx, 0);
    }
    return;
  }
  {
    std::lock_guard lock(mutex_);
    fn_ = &fn;
    tasks_ = tasks;
    next_task_.store(0, std::memory_order_relaxed);
    busy_workers_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  take_tasks(0);
  // The workers finish within microseconds of the caller unless the machine is oversubscribed
  // and one was descheduled: then give the core away instead of spinning through a time slice.
  for (int round = 0; busy_workers_.load(std::memory_order_acquire) != 0; ++round) {
    if (round < kSpinRounds) {
      cpu_relax();
    } else {
      std::this_thread::yield();
    }
  }
}

void ThreadPool::take_tasks(int thread_idx) {
  for (int task_idx = next_task_.fetch_add(1, std::memory_order_relaxed); task_idx < tasks_;
       task_idx = next_task_.fetch_add(1, std::memory_order_relaxed)) {
    (*fn_)(task_idx, thread_idx);
  }
}

void ThreadPool::worker_loop(int thread_idx) {
  uint64_t seen = 0;
  for (;;) {
    uint64_t generation = generation_.load(std::memory_order_acquire);
    for (int round = 0; generation == seen && round < kSpinRounds; ++round) {
      cpu_relax();
      generation = generation_.load(std::memory_order_acquire);
    }
    if (generation == seen) {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
      generation = generation_.load(std::memory_order_acquire);
    }
    seen = generation;
    if (stop_.load(std::memory_order_relaxed)) {
      return;
    }
    take_tasks(thread_idx);
    busy_workers_.fetch_sub(1, std::memory_order_release);
  }
}

}  // namespace adpilot::nlp::detail
