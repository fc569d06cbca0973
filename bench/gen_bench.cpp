// `adpilot_gen bench`: a large canonical CSV for throughput benchmarks (10M rows ≈ 1 GB).
//
// Realism matters less here than speed and shape: the file must look like a real export
// (rows by date then entity, a few hundred campaigns, zero clicks and zero conversions common
// enough that every KPI meets null denominators) and be written at disk speed, so the values
// come from cheap integer jitter rather than the demo's exact samplers.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "csv_out.h"
#include "gen_data.h"
#include "gen_random.h"

namespace adpilot::bench {
namespace {

constexpr int kCampaigns = 200;
constexpr int kAdGroupsPerCampaign = 10;
constexpr int kAdsPerAdGroup = 5;
constexpr int kCampaignsPerAccount = 50;
constexpr size_t kBufferBytes = size_t{16} << 20;
constexpr size_t kMaxRowBytes = 256;
// Monday .. Sunday, in 1/1024ths.
constexpr uint64_t kWeekdayScale[7] = {1075, 1085, 1065, 1045, 995, 870, 910};

struct BenchAd {
  std::string prefix;  // ",account,campaign,name,ad group,ad,channel," after the date
  uint64_t impressions;  // typical ad-day volume
  uint64_t ctr_ppm;      // parts per million
  uint64_t cvr_ppm;
  uint64_t cpc_cents;
  uint64_t aov_cents;
};

std::vector<BenchAd> make_ads(Rng& rng) {
  std::vector<BenchAd> ads;
  ads.reserve(size_t{kCampaigns} * kAdGroupsPerCampaign * kAdsPerAdGroup);
  char text[160];
  for (int campaign = 1; campaign <= kCampaigns; ++campaign) {
    const int account = (campaign - 1) / kCampaignsPerAccount + 1;
    const char* channel = campaign % 2 == 1 ? "google_ads" : "meta_ads";
    // One campaign in twenty never converts, as in real accounts with broken tracking.
    const bool converts = campaign % 20 != 7;
    const double campaign_volume = det_exp(rng.uniform(det_log(300.0), det_log(20000.0)));
    for (int group = 1; group <= kAdGroupsPerCampaign; ++group) {
      for (int ad = 1; ad <= kAdsPerAdGroup; ++ad) {
        std::snprintf(text, sizeof text, ",acct_%03d,cmp_%04d,Campaign %04d,ag_%04d_%02d,ad_%04d_%02d_%d,%s,",
                      account, campaign, campaign, campaign, group, campaign, group, ad, channel);
        BenchAd bench_ad;
        bench_ad.prefix = text;
        bench_ad.impressions = static_cast<uint64_t>(campaign_volume * rng.uniform(0.2, 2.0)) + 1;
        bench_ad.ctr_ppm = static_cast<uint64_t>(rng.uniform(5000, 60000));
        bench_ad.cvr_ppm = converts ? static_cast<uint64_t>(rng.uniform(10000, 80000)) : 0;
        bench_ad.cpc_cents = static_cast<uint64_t>(rng.uniform(30, 300));
        bench_ad.aov_cents = static_cast<uint64_t>(rng.uniform(4000, 15000));
        ads.push_back(std::move(bench_ad));
      }
    }
  }
  return ads;
}

// value · (low + span · u) with u a 16-bit uniform; all in integers, rounded down.
inline uint64_t jitter(uint64_t value, uint64_t bits, uint64_t low_1024, uint64_t span_1024) {
  return value * (low_1024 * 65536 + span_1024 * (bits & 0xFFFF)) >> 26;
}

}  // namespace

bool write_bench_data(int64_t rows, const std::string& path, uint64_t seed) {
  const auto started = std::chrono::steady_clock::now();
  Rng rng(seed);
  const std::vector<BenchAd> ads = make_ads(rng);
  OutputFile out(path);
  if (!out.is_open()) {
    std::fprintf(stderr, "error: cannot create %s\n", path.c_str());
    return false;
  }
  out.write("date,account_id,campaign_id,campaign_name,ad_group_id,ad_id,channel,impressions,clicks,"
            "cost,conversions,revenue\n");

  std::vector<char> buffer(kBufferBytes);
  char* const begin = buffer.data();
  char* cursor = begin;
  uint64_t bytes = 0;
  int64_t day = days_from_civil(2023, 1, 1);
  int64_t written = 0;
  while (written < rows) {
    const std::string date = format_iso_date(day);
    const uint64_t weekday_scale = kWeekdayScale[iso_weekday(day)];
    for (size_t ad_idx = 0; ad_idx < ads.size() && written < rows; ++ad_idx, ++written) {
      const BenchAd& ad = ads[ad_idx];
      const uint64_t bits_a = rng.next();
      const uint64_t bits_b = rng.next();
      // About 1 ad-day in 64 delivers nothing (paused ad, disapproval, budget out).
      const bool idle = (bits_b >> 58) == 0;
      const uint64_t impressions = idle ? 0 : jitter(ad.impressions * weekday_scale >> 10, bits_a, 700, 600);
      const uint64_t clicks = jitter(impressions * ad.ctr_ppm, bits_a >> 16, 820, 400) / 1000000;
      // Randomised rounding keeps low-volume ads at 0/1/2 conversions instead of always 0.
      const uint64_t expected_conversions_1024 = jitter(clicks * ad.cvr_ppm, bits_a >> 32, 512, 1024) / 976;
      const uint64_t conversions = (expected_conversions_1024 + ((bits_b >> 16) & 1023)) >> 10;
      const uint64_t cost_cents = jitter(clicks * ad.cpc_cents, bits_a >> 48, 870, 300);
      const uint64_t revenue_cents = jitter(conversions * ad.aov_cents, bits_b, 600, 800);

      std::memcpy(cursor, date.data(), date.size());
      cursor += date.size();
      std::memcpy(cursor, ad.prefix.data(), ad.prefix.size());
      cursor += ad.prefix.size();
      cursor = append_uint(cursor, impressions);
      *cursor++ = ',';
      cursor = append_uint(cursor, clicks);
      *cursor++ = ',';
      cursor = append_cents(cursor, cost_cents);
      *cursor++ = ',';
      cursor = append_uint(cursor, conversions);
      *cursor++ = ',';
      cursor = append_cents(cursor, revenue_cents);
      *cursor++ = '\n';
      if (cursor + kMaxRowBytes > begin + kBufferBytes) {
        out.write(std::string_view(begin, static_cast<size_t>(cursor - begin)));
        bytes += static_cast<uint64_t>(cursor - begin);
        cursor = begin;
      }
    }
    ++day;
  }
  out.write(std::string_view(begin, static_cast<size_t>(cursor - begin)));
  bytes += static_cast<uint64_t>(cursor - begin);
  if (!out.close()) {
    std::fprintf(stderr, "error: writing %s failed (disk full?)\n", path.c_str());
    return false;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "wrote %lld rows, %.1f MB in %.2f s (%.0f MB/s) to %s\n",
               static_cast<long long>(rows), static_cast<double>(bytes) / 1e6, seconds,
               static_cast<double>(bytes) / 1e6 / seconds, path.c_str());
  return true;
}

}  // namespace adpilot::bench
