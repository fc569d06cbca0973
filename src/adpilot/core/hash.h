// Fast non-cryptographic hashing for dictionaries, group-by keys and duplicate detection.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace adpilot {

inline uint64_t hash_mix(uint64_t x) {
  // splitmix64 finaliser: full avalanche, two multiplies.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline uint64_t hash_combine(uint64_t seed, uint64_t value) {
  return hash_mix(seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// Eight bytes at a time; the tail is read as a zero-padded word.
inline uint64_t hash_bytes(const char* data, size_t size, uint64_t seed = 0x2545f4914f6cdd1dULL) {
  uint64_t h = seed ^ (size * 0x9e3779b97f4a7c15ULL);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    h = (h ^ hash_mix(word)) * 0x9fb21c651e98df25ULL;
  }
  if (i < size) {
    uint64_t word = 0;
    std::memcpy(&word, data + i, size - i);
    h = (h ^ hash_mix(word)) * 0x9fb21c651e98df25ULL;
  }
  return hash_mix(h);
}

inline uint64_t hash_string(std::string_view text) { return hash_bytes(text.data(), text.size()); }

}  // namespace adpilot
