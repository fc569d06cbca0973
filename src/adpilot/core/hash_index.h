// HashIndex: an open-addressing map from a 64-bit hash to a dense index, for group-by and
// duplicate detection on the hot path (std::unordered_map allocates per node and chases pointers).
#pragma once

#include <cstdint>
#include <vector>

namespace adpilot {

class HashIndex {
 public:
  HashIndex() : keys_(kInitial, 0), values_(kInitial, kEmpty), mask_(kInitial - 1) {}

  // The index stored for key, inserting next_index if absent; inserted tells which happened.
  uint32_t find_or_insert(uint64_t key, uint32_t next_index, bool& inserted) {
    uint64_t slot = key & mask_;
    while (values_[slot] != kEmpty) {
      if (keys_[slot] == key) {
        inserted = false;
        return values_[slot];
      }
      slot = (slot + 1) & mask_;
    }
    keys_[slot] = key;
    values_[slot] = next_index;
    inserted = true;
    if (++size_ * 2 > keys_.size()) {
      grow();
    }
    return next_index;
  }

  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = 0xffffffffU;
  static constexpr size_t kInitial = 1024;

  void grow() {
    std::vector<uint64_t> keys(keys_.size() * 2, 0);
    std::vector<uint32_t> values(keys_.size() * 2, kEmpty);
    const uint64_t mask = keys.size() - 1;
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (values_[i] == kEmpty) {
        continue;
      }
      uint64_t slot = keys_[i] & mask;
      while (values[slot] != kEmpty) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = keys_[i];
      values[slot] = values_[i];
    }
    keys_.swap(keys);
    values_.swap(values);
    mask_ = mask;
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  uint64_t mask_;
  size_t size_ = 0;
};

}  // namespace adpilot
