// Dictionary: string interning for dictionary-encoded columns. Codes are dense int32 in order of
// first appearance; the strings live in one arena so interning does no per-value allocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot {

class Dictionary {
 public:
  Dictionary();

  // The code of text, adding it if new.
  int32_t intern(std::string_view text);
  // The code of text, or -1 when absent.
  int32_t find(std::string_view text) const;
  std::string_view at(int32_t code) const;
  int32_t size() const { return static_cast<int32_t>(offsets_.size()); }
  void clear();

 private:
  void grow();

  std::string arena_;
  std::vector<uint64_t> offsets_;
  std::vector<uint32_t> lengths_;
  std::vector<int32_t> slots_;     // open addressing, -1 = empty
  std::vector<uint64_t> slot_hashes_;
  uint64_t mask_ = 0;
};

}  // namespace adpilot
