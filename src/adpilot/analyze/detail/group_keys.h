// GroupKeys: maps each row of a chunk to a dense group index for a list of dimensions, with
// exact keys (global dictionary codes, verified on every probe) so two groups never merge.
#pragma once

#include <string>
#include <vector>

#include "adpilot/analyze/kpi.h"
#include "adpilot/core/dictionary.h"
#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::analyze::detail {

// The columns a dimension reads: campaign → campaign_id, campaign_name, …; others → themselves.
std::vector<std::string> dim_columns(const std::string& dim);

class GroupKeys {
 public:
  void configure(const std::vector<std::string>& by, Grain grain);
  // group_of_row[row] = the group of each row of chunk; new groups are added as they appear.
  Result<void> assign(const Table& chunk, std::vector<uint32_t>& group_of_row);
  size_t num_groups() const { return group_hash_.size(); }
  // The group columns (campaign_id, campaign_name, …, date), one row per group.
  Table key_table() const;
  // Group indices ordered by their keys: text in natural order (numbers by value), dates ascending.
  std::vector<size_t> sorted_order() const;

 private:
  struct Dim {
    std::string name;
    std::string id_column;    // the identifying column (or the name column when ids are absent)
    std::string name_column;  // a display name kept beside the id; empty when none
    bool is_date = false;
    Dictionary keys;          // global codes of key values
    Dictionary names;         // global codes of display names
  };

  uint32_t find_or_add(uint64_t hash, const int32_t* parts);
  void grow();

  std::vector<Dim> dims_;
  Grain grain_ = Grain::kTotal;
  size_t parts_ = 0;
  std::vector<int32_t> group_parts_;  // parts_ codes per group
  std::vector<int32_t> group_names_;  // one display-name code per group per dim (-1 = none)
  std::vector<uint64_t> group_hash_;
  std::vector<uint32_t> slots_;       // open addressing over group indices
  uint64_t mask_ = 0;
};

}  // namespace adpilot::analyze::detail
