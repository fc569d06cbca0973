// adpilot_mmap_sum: the plainest fast program for the KPI benchmark's job, as its speed limit.
//
//   adpilot_mmap_sum FILE [--by campaign|campaign,date] [--threads N] [--out PATH]
//
// mmap the file, split it into N ranges at line breaks, and per range walk the lines once:
// cut the fields at commas, parse the five numbers as fixed-point integers and add them into
// an open-addressing hash map keyed by the raw bytes of campaign_id (and date). Then merge the
// maps and print the groups sorted. No quoting, no type detection, no validation and no
// ratios: whatever adpilot spends beyond this program's time is the price of those features.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench_args.h"
#include "csv_out.h"

namespace {

constexpr int kSums = 5;  // impressions, clicks, cost, conversions, revenue
constexpr std::string_view kSumColumns[kSums] = {"impressions", "clicks", "cost", "conversions",
                                                 "revenue"};
constexpr int64_t kMicros = 1000000;

struct Columns {
  int campaign = -1;
  int date = -1;  // -1 when grouping by campaign only
  int sums[kSums] = {-1, -1, -1, -1, -1};
  int last = 0;  // highest column index needed: the rest of the line is skipped
};

struct Group {
  std::string_view campaign;
  std::string_view date;
  uint64_t hash = 0;
  int64_t sums[kSums] = {};  // micros, so money and fractional conversions add exactly
  bool used = false;
};

// Eight bytes at a time (ids and dates are short), finished with a xor-shift so the low bits
// that pick the slot depend on every byte.
uint64_t hash_key(std::string_view campaign, std::string_view date) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (campaign.size() << 8 ^ date.size());
  for (std::string_view part : {campaign, date}) {
    for (size_t offset = 0; offset < part.size(); offset += 8) {
      uint64_t word = 0;
      std::memcpy(&word, part.data() + offset, std::min<size_t>(8, part.size() - offset));
      h = (h ^ word) * 0xff51afd7ed558ccdULL;
      h ^= h >> 32;
    }
  }
  return h ^ (h >> 29);
}

// Linear probing over a power-of-two table, grown at half load.
class GroupMap {
 public:
  GroupMap() : slots_(1024) {}

  Group& find_or_insert(std::string_view campaign, std::string_view date, uint64_t hash) {
    size_t mask = slots_.size() - 1;
    for (size_t idx = hash & mask;; idx = (idx + 1) & mask) {
      Group& slot = slots_[idx];
      if (!slot.used) {
        if ((size_ + 1) * 2 > slots_.size()) {
          grow();
          return find_or_insert(campaign, date, hash);
        }
        slot.used = true;
        slot.campaign = campaign;
        slot.date = date;
        slot.hash = hash;
        ++size_;
        return slot;
      }
      if (slot.hash == hash && slot.campaign == campaign && slot.date == date) {
        return slot;
      }
    }
  }

  void merge_into(GroupMap& target) const {
    for (const Group& group : slots_) {
      if (group.used) {
        Group& merged = target.find_or_insert(group.campaign, group.date, group.hash);
        for (int sum_idx = 0; sum_idx < kSums; ++sum_idx) {
          merged.sums[sum_idx] += group.sums[sum_idx];
        }
      }
    }
  }

  std::vector<const Group*> sorted() const {
    std::vector<const Group*> groups;
    for (const Group& group : slots_) {
      if (group.used) {
        groups.push_back(&group);
      }
    }
    std::sort(groups.begin(), groups.end(), [](const Group* a, const Group* b) {
      return a->campaign != b->campaign ? a->campaign < b->campaign : a->date < b->date;
    });
    return groups;
  }

 private:
  void grow() {
    std::vector<Group> old(slots_.size() * 2);
    old.swap(slots_);
    size_ = 0;
    for (const Group& group : old) {
      if (group.used) {
        Group& moved = find_or_insert(group.campaign, group.date, group.hash);
        std::copy(group.sums, group.sums + kSums, moved.sums);
      }
    }
  }

  std::vector<Group> slots_;
  size_t size_ = 0;
};

// "123.45" → 123450000 micros; digits past the sixth decimal are dropped.
int64_t parse_micros(const char* begin, const char* end) {
  bool negative = begin < end && *begin == '-';
  begin += negative ? 1 : 0;
  int64_t whole = 0;
  while (begin < end && *begin != '.') {
    whole = whole * 10 + (*begin++ - '0');
  }
  int64_t fraction = 0;
  int64_t scale = kMicros;
  if (begin < end) {
    ++begin;
    while (begin < end && scale > 1) {
      scale /= 10;
      fraction += (*begin++ - '0') * scale;
    }
  }
  const int64_t micros = whole * kMicros + fraction;
  return negative ? -micros : micros;
}

// Sums the lines in [begin, end), which starts at a line start and ends just after a '\n':
// with that sentinel the field scan needs no bounds check.
void sum_range(const char* begin, const char* end, const Columns& columns, GroupMap& groups) {
  const char* field_begin[64];
  const char* field_end[64];
  const char* cursor = begin;
  while (cursor < end) {
    int field_idx = 0;
    for (;;) {
      field_begin[field_idx] = cursor;
      while (*cursor != ',' && *cursor != '\n') {
        ++cursor;
      }
      field_end[field_idx] = cursor;
      if (*cursor == '\n' || field_idx == columns.last) {
        break;
      }
      ++cursor;
      ++field_idx;
    }
    if (*cursor == '\n' && cursor > field_begin[field_idx] && cursor[-1] == '\r') {
      field_end[field_idx] = cursor - 1;
    }
    // Skip any columns after the last one needed.
    cursor = *cursor == '\n' ? cursor + 1
                              : static_cast<const char*>(std::memchr(cursor, '\n', static_cast<size_t>(end - cursor))) + 1;
    if (field_idx < columns.last) {
      continue;  // blank or short line
    }
    const auto field = [&](int column) {
      return std::string_view(field_begin[column], static_cast<size_t>(field_end[column] - field_begin[column]));
    };
    const std::string_view campaign = field(columns.campaign);
    const std::string_view date = columns.date >= 0 ? field(columns.date) : std::string_view();
    Group& group = groups.find_or_insert(campaign, date, hash_key(campaign, date));
    for (int sum_idx = 0; sum_idx < kSums; ++sum_idx) {
      const int column = columns.sums[sum_idx];
      group.sums[sum_idx] += parse_micros(field_begin[column], field_end[column]);
    }
  }
}

// Micros as the shortest exact decimal: 123450000 → "123.45", 7000000 → "7".
void append_micros(std::string& out, int64_t micros) {
  if (micros < 0) {
    out.push_back('-');
    micros = -micros;
  }
  out += std::to_string(micros / kMicros);
  int64_t fraction = micros % kMicros;
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(fraction));
    std::string_view text(digits, 6);
    out.push_back('.');
    out.append(text.substr(0, text.find_last_not_of('0') + 1));
  }
}

int run(int argc, char** argv) {
  const std::vector<adpilot::bench::BenchOption> options = {
      {"by", "campaign", "campaign or campaign,date"},
      {"threads", "1", "number of threads (file ranges split at line breaks)"},
      {"out", "-", "output CSV file, - for stdout"},
  };
  const auto args = adpilot::bench::parse_bench_args(argc, argv, 1, options);
  const auto threads = args ? adpilot::bench::int_option(*args, "threads", 1) : std::nullopt;
  const std::string by = args ? args->get("by") : "";
  if (!args || !threads || args->positionals.size() != 1 || (by != "campaign" && by != "campaign,date")) {
    adpilot::bench::print_usage("adpilot_mmap_sum FILE [options]", options);
    return 2;
  }
  const std::string& path = args->positionals[0];
  const int fd = open(path.c_str(), O_RDONLY);
  struct stat info {};
  if (fd < 0 || fstat(fd, &info) != 0 || info.st_size == 0) {
    std::fprintf(stderr, "error: cannot read %s\n", path.c_str());
    return 1;
  }
  const size_t size = static_cast<size_t>(info.st_size);
  void* mapped = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (mapped == MAP_FAILED) {
    std::fprintf(stderr, "error: cannot mmap %s\n", path.c_str());
    return 1;
  }
  madvise(mapped, size, MADV_SEQUENTIAL);
  const char* data = static_cast<const char*>(mapped);
  const char* end = data + size;

  // The header gives the column positions, so any column order works.
  const char* header_end = static_cast<const char*>(std::memchr(data, '\n', size));
  header_end = header_end == nullptr ? end : header_end;
  Columns columns;
  int column_idx = 0;
  for (const char* field = data; field <= header_end; ++column_idx) {
    const char* comma = std::find(field, header_end, ',');
    std::string_view name(field, static_cast<size_t>(comma - field));
    if (!name.empty() && name.back() == '\r') {
      name.remove_suffix(1);
    }
    columns.campaign = name == "campaign_id" ? column_idx : columns.campaign;
    columns.date = name == "date" && by == "campaign,date" ? column_idx : columns.date;
    for (int sum_idx = 0; sum_idx < kSums; ++sum_idx) {
      columns.sums[sum_idx] = name == kSumColumns[sum_idx] ? column_idx : columns.sums[sum_idx];
    }
    field = comma + 1;
  }
  const int needed[] = {columns.campaign, by == "campaign" ? 0 : columns.date, columns.sums[0],
                        columns.sums[1], columns.sums[2], columns.sums[3], columns.sums[4]};
  if (*std::min_element(std::begin(needed), std::end(needed)) < 0) {
    std::fprintf(stderr, "error: %s lacks one of date, campaign_id, impressions, clicks, cost, "
                         "conversions, revenue\n", path.c_str());
    return 1;
  }
  columns.last = *std::max_element(std::begin(needed), std::end(needed));
  if (columns.last > 63) {
    std::fprintf(stderr, "error: the summed columns must be among the first 64\n");
    return 1;
  }

  // A last line without '\n' is summed from a copy that has one, so every range can rely on
  // the sentinel; the copy lives until the output is written, as the map points into it.
  const char* body = header_end < end ? header_end + 1 : end;
  std::string tail;
  if (body < end && end[-1] != '\n') {
    const char* tail_begin = end;
    while (tail_begin > body && tail_begin[-1] != '\n') {
      --tail_begin;
    }
    tail.assign(tail_begin, end);
    tail.push_back('\n');
    end = tail_begin;
  }
  // Ranges start just after a line break, so each line belongs to exactly one range.
  const size_t thread_count = static_cast<size_t>(*threads);
  std::vector<const char*> bounds{body};
  for (size_t range_idx = 1; range_idx < thread_count; ++range_idx) {
    const char* split = body + static_cast<size_t>(end - body) * range_idx / thread_count;
    split = std::max(split, bounds.back());
    const char* line_break = static_cast<const char*>(std::memchr(split, '\n', static_cast<size_t>(end - split)));
    bounds.push_back(line_break == nullptr ? end : line_break + 1);
  }
  bounds.push_back(end);
  std::vector<GroupMap> maps(thread_count);
  std::vector<std::thread> workers;
  for (size_t range_idx = 1; range_idx < thread_count; ++range_idx) {
    workers.emplace_back(sum_range, bounds[range_idx], bounds[range_idx + 1], std::cref(columns),
                         std::ref(maps[range_idx]));
  }
  sum_range(bounds[0], bounds[1], columns, maps[0]);
  for (std::thread& worker : workers) {
    worker.join();
  }
  sum_range(tail.data(), tail.data() + tail.size(), columns, maps[0]);
  for (size_t range_idx = 1; range_idx < thread_count; ++range_idx) {
    maps[range_idx].merge_into(maps[0]);
  }

  std::string text = by == "campaign" ? "campaign_id" : "campaign_id,date";
  text += ",impressions,clicks,cost,conversions,revenue\n";
  for (const Group* group : maps[0].sorted()) {
    text.append(group->campaign);
    if (columns.date >= 0) {
      text.push_back(',');
      text.append(group->date);
    }
    for (int sum_idx = 0; sum_idx < kSums; ++sum_idx) {
      text.push_back(',');
      append_micros(text, group->sums[sum_idx]);
    }
    text.push_back('\n');
  }
  if (args->get("out") == "-") {
    return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() ? 0 : 1;
  }
  adpilot::bench::OutputFile out(args->get("out"));
  if (!out.is_open()) {
    std::fprintf(stderr, "error: cannot create %s\n", args->get("out").c_str());
    return 1;
  }
  out.write(text);
  return out.close() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
