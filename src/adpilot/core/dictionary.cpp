#include "adpilot/core/dictionary.h"

#include "adpilot/core/hash.h"

namespace adpilot {

namespace {
constexpr size_t kInitialSlots = 64;
}

Dictionary::Dictionary() : slots_(kInitialSlots, -1), slot_hashes_(kInitialSlots, 0), mask_(kInitialSlots - 1) {}

std::string_view Dictionary::at(int32_t code) const {
  return std::string_view(arena_.data() + offsets_[code], lengths_[code]);
}

int32_t Dictionary::find(std::string_view text) const {
  const uint64_t h = hash_string(text);
  for (uint64_t slot = h & mask_;; slot = (slot + 1) & mask_) {
    const int32_t code = slots_[slot];
    if (code < 0) {
      return -1;
    }
    if (slot_hashes_[slot] == h && at(code) == text) {
      return code;
    }
  }
}

int32_t Dictionary::intern(std::string_view text) {
  const uint64_t h = hash_string(text);
  uint64_t slot = h & mask_;
  for (;; slot = (slot + 1) & mask_) {
    const int32_t code = slots_[slot];
    if (code < 0) {
      break;
    }
    if (slot_hashes_[slot] == h && at(code) == text) {
      return code;
    }
  }
  const auto code = static_cast<int32_t>(offsets_.size());
  offsets_.push_back(arena_.size());
  lengths_.push_back(static_cast<uint32_t>(text.size()));
  arena_.append(text);
  slots_[slot] = code;
  slot_hashes_[slot] = h;
  if (offsets_.size() * 2 > slots_.size()) {
    grow();
  }
  return code;
}

void Dictionary::grow() {
  const size_t new_size = slots_.size() * 2;
  std::vector<int32_t> slots(new_size, -1);
  std::vector<uint64_t> hashes(new_size, 0);
  const uint64_t mask = new_size - 1;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i] < 0) {
      continue;
    }
    uint64_t slot = slot_hashes_[i] & mask;
    while (slots[slot] >= 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = slots_[i];
    hashes[slot] = slot_hashes_[i];
  }
  slots_.swap(slots);
  slot_hashes_.swap(hashes);
  mask_ = mask;
}

void Dictionary::clear() {
  arena_.clear();
  offsets_.clear();
  lengths_.clear();
  slots_.assign(kInitialSlots, -1);
  slot_hashes_.assign(kInitialSlots, 0);
  mask_ = kInitialSlots - 1;
}

}  // namespace adpilot
