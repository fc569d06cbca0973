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

// The 64×64→128-bit multiply folded to 64 bits: one instruction mixes 16 bytes (wyhash's idea).
__extension__ using HashU128 = unsigned __int128;  // a GNU extension on every target we build for

inline uint64_t hash_mum(uint64_t a, uint64_t b) {
  const HashU128 product = static_cast<HashU128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Sixteen bytes per multiply, so a 100-byte CSV row costs a handful of dependent multiplies
// rather than one mixing round per word. Pass a previous hash as seed to hash several pieces.
inline uint64_t hash_bytes(const char* data, size_t size, uint64_t seed = 0x2545f4914f6cdd1dULL) {
  constexpr uint64_t kP0 = 0xa0761d6478bd642fULL;
  constexpr uint64_t kP1 = 0xe7037ed1a0b428dbULL;
  uint64_t h = seed ^ hash_mum(seed ^ kP0, size ^ kP1);
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    uint64_t a;
    uint64_t b;
    std::memcpy(&a, data + i, 8);
    std::memcpy(&b, data + i + 8, 8);
    h = hash_mum(a ^ kP0 ^ h, b ^ kP1);
  }
  uint64_t a = 0;
  uint64_t b = 0;
  const size_t rest = size - i;
  if (rest > 8) {
    std::memcpy(&a, data + i, 8);
    std::memcpy(&b, data + i + 8, rest - 8);
  } else if (rest > 0) {
    std::memcpy(&a, data + i, rest);
  }
  return hash_mum(hash_mum(a ^ kP0 ^ h, b ^ kP1), size ^ kP0);
}

inline uint64_t hash_string(std::string_view text) { return hash_bytes(text.data(), text.size()); }

}  // namespace adpilot
