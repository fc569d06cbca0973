// Preprocess: the stated policies (missing values, duplicates, impossible figures, currencies,
// date range) applied to converted chunks in file order, each counted in the quality report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/hash_index.h"
#include "adpilot/core/result.h"
#include "adpilot/ingest/detail/convert.h"
#include "adpilot/ingest/quality.h"

namespace adpilot::ingest::detail {

class Preprocessor {
 public:
  Preprocessor(const Policies& policies, bool lenient, size_t max_rejects,
               std::optional<Date> since, std::optional<Date> until);

  // Applies every policy to chunk (rows are filtered in place). line_base is the file line of
  // the batch's first row. Fails on a malformed row unless lenient, and on a policy set to error.
  Result<void> apply(const ConvertPlan& plan, ConvertedChunk& chunk, int64_t line_base,
                     FileReport& report);

 private:
  // Dates seen per entity, with the fingerprint of the row that claimed each date (0 = none).
  struct EntityDates {
    Date base = 0;
    std::vector<uint32_t> fingerprints;
  };
  uint32_t* date_slot(uint32_t entity, Date date);

  Policies policies_;
  bool lenient_;
  size_t max_rejects_;
  std::optional<Date> since_;
  std::optional<Date> until_;
  HashIndex entity_index_;  // entity key hash → index into entities_, shared by all files
  std::vector<EntityDates> entities_;
};

}  // namespace adpilot::ingest::detail
