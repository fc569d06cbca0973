// The two jobs of adpilot_gen, one per source file; main() in gen_data.cpp only parses options.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adpilot::bench {

// Writes performance.csv, anomalies.csv, ad_copy.csv and README.md into out_dir.
bool write_demo_data(const std::string& out_dir, uint64_t seed);

struct DemoCampaignTotals {
  int64_t cost_cents = 0;
  int64_t conversions = 0;
  int64_t revenue_cents = 0;
};

// Writes the sample folder's README.md: what each file holds, how it was made, and per
// campaign the totals that show which campaigns are good, bad or paused.
bool write_demo_readme(const std::string& path, uint64_t seed,
                       const std::vector<DemoCampaignTotals>& totals,
                       const std::vector<std::string>& flaw_notes);

// Writes ad_copy.csv and returns one line per deliberate flaw (the copy linter's ground truth)
// through flaw_notes; false when the file cannot be written or the copy has an unintended flaw.
bool write_demo_ad_copy(const std::string& path, std::vector<std::string>& flaw_notes);

// Writes `rows` canonical rows (no budget/status/currency) as fast as the disk takes them.
bool write_bench_data(int64_t rows, const std::string& path, uint64_t seed);

}  // namespace adpilot::bench
