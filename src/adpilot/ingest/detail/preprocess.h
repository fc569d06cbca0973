// Preprocess: the stated policies (missing values, duplicates, impossible figures, currencies,
// date range) applied to converted chunks in file order, each counted in the quality report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/hash_index.h"
#include "adpilot/core/result.h"
#include "adpilot/ingest/detail/convert.h"
#include "adpilot/ingest/detail/dedup_index.h"
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

  Policies policies_;
  bool lenient_;
  size_t max_rejects_;
  std::optional<Date> since_;
  std::optional<Date> until_;
  HashIndex entity_index_;  // entity key hash → dense entity number, shared by all files
  uint32_t num_entities_ = 0;
  DedupIndex seen_;         // (entity, date) → fingerprint of the row that claimed it
};

}  // namespace adpilot::ingest::detail
