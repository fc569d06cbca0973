// DedupIndex: which (entity, date) keys were seen, and the fingerprint of the row that claimed
// each. Keys live in 8 × 8 tiles (8 entities × 8 days, 256 bytes) so that both common export
// orders — by date then entity, and by entity then date — touch the same tile for runs of rows
// instead of missing the cache on every row; the last tile is cached for those runs.
#pragma once

#include <cstdint>
#include <vector>

#include "adpilot/core/hash.h"
#include "adpilot/core/hash_index.h"

namespace adpilot::ingest::detail {

class DedupIndex {
 public:
  // The fingerprint slot of (entity, date): 0 when the key is new.
  uint32_t& slot(uint32_t entity, int32_t date) {
    const auto day = static_cast<uint32_t>(static_cast<int64_t>(date) + (int64_t{1} << 31));
    const uint64_t tile_key = (uint64_t{entity >> 3} << 32) | (day >> 3);
    if (tile_key != last_key_ || fingerprints_.empty()) {
      bool inserted = false;
      last_tile_ = tiles_.find_or_insert(hash_mix(tile_key), static_cast<uint32_t>(num_tiles_), inserted);
      if (inserted) {
        ++num_tiles_;
        fingerprints_.resize(num_tiles_ * kTileSize, 0);
      }
      last_key_ = tile_key;
    }
    return fingerprints_[last_tile_ * kTileSize + (entity & 7) * 8 + (day & 7)];
  }

 private:
  static constexpr size_t kTileSize = 64;
  HashIndex tiles_;
  std::vector<uint32_t> fingerprints_;
  size_t num_tiles_ = 0;
  uint64_t last_key_ = ~uint64_t{0};
  size_t last_tile_ = 0;
};

}  // namespace adpilot::ingest::detail
