// A small fixed pool for the transformer's kernels: the calling thread plus N-1 workers run the
// tasks of one parallel loop, then wait for the next. Workers spin briefly before sleeping,
// because a forward pass issues a few dozen loops back to back and a condition-variable wake-up
// per loop would cost more than a short kernel.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace adpilot::nlp::detail {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);  // threads ≥ 1, the caller included
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool();

  int size() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs fn(task_idx, thread_idx) for every task_idx in [0, tasks) and returns when all are
  // done. thread_idx in [0, size()) names the thread, for per-thread scratch. fn must not throw.
  void run(int tasks, const std::function<void(int, int)>& fn);

 private:
  void worker_loop(int thread_idx);
  void take_tasks(int thread_idx);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> next_task_{0};
  std::atomic<int> busy_workers_{0};
  int tasks_ = 0;
  const std::function<void(int, int)>* fn_ = nullptr;
  std::atomic<bool> stop_{false};
};

}  // namespace adpilot::nlp::detail
