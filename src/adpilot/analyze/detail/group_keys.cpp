#include "adpilot/analyze/detail/group_keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include "adpilot/core/hash.h"

namespace adpilot::analyze::detail {

namespace {

constexpr uint32_t kEmptySlot = 0xffffffffU;

struct DimColumns {
  const char* dim;
  const char* id;
  const char* name;
};
constexpr DimColumns kEntityDims[] = {
    {"campaign", "campaign_id", "campaign_name"},
    {"ad_group", "ad_group_id", "ad_group_name"},
    {"ad", "ad_id", "ad_name"},
    {"account", "account_id", ""},
};

// "916" < "1178": digit strings compare by value, the rest as bytes.
bool natural_less(std::string_view a, std::string_view b) {
  auto all_digits = [](std::string_view s) {
    return !s.empty() && s.size() < 19 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (all_digits(a) && all_digits(b) && a.size() != b.size()) {
    return a.size() < b.size();
  }
  return a < b;
}

}  // namespace

std::vector<std::string> dim_columns(const std::string& dim) {
  for (const auto& entity : kEntityDims) {
    if (dim == entity.dim) {
      std::vector<std::string> out = {entity.id};
      if (entity.name[0] != '\0') {
        out.emplace_back(entity.name);
      }
      return out;
    }
  }
  return {dim};
}

void GroupKeys::configure(const std::vector<std::string>& by, Grain grain) {
  grain_ = grain;
  bool has_date = false;
  for (const auto& name : by) {
    Dim dim;
    dim.name = name;
    const auto columns = dim_columns(name);
    dim.id_column = columns[0];
    dim.name_column = columns.size() > 1 ? columns[1] : "";
    dim.is_date = name == "date";
    has_date = has_date || dim.is_date;
    dims_.push_back(std::move(dim));
  }
  if (grain != Grain::kTotal && !has_date) {
    Dim dim;
    dim.name = "date";
    dim.id_column = "date";
    dim.is_date = true;
    dims_.push_back(std::move(dim));
  }
  if (has_date && grain_ == Grain::kTotal) {
    grain_ = Grain::kDay;
  }
  parts_ = dims_.size();
  slots_.assign(1024, kEmptySlot);
  mask_ = slots_.size() - 1;
}

uint32_t GroupKeys::find_or_add(uint64_t hash, const int32_t* parts) {
  for (uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const uint32_t group = slots_[slot];
    if (group == kEmptySlot) {
      const auto added = static_cast<uint32_t>(group_hash_.size());
      slots_[slot] = added;
      group_hash_.push_back(hash);
      group_parts_.insert(group_parts_.end(), parts, parts + parts_);
      group_names_.insert(group_names_.end(), parts_, -1);
      if (group_hash_.size() * 2 > slots_.size()) {
        grow();
      }
      return added;
    }
    if (group_hash_[group] == hash &&
        std::memcmp(&group_parts_[group * parts_], parts, parts_ * sizeof(int32_t)) == 0) {
      return group;
    }
  }
}

void GroupKeys::grow() {
  slots_.assign(slots_.size() * 2, kEmptySlot);
  mask_ = slots_.size() - 1;
  for (uint32_t group = 0; group < group_hash_.size(); ++group) {
    uint64_t slot = group_hash_[group] & mask_;
    while (slots_[slot] != kEmptySlot) {
      slot = (slot + 1) & mask_;
    }
    slots_[slot] = group;
  }
}

Result<void> GroupKeys::assign(const Table& chunk, std::vector<uint32_t>& group_of_row) {
  const size_t rows = chunk.num_rows();
  group_of_row.resize(rows);
  // Per dim: the chunk column, and chunk code → global code (filled on first use).
  std::vector<const Column*> key_columns(parts_, nullptr);
  std::vector<const Column*> name_columns(parts_, nullptr);
  std::vector<std::vector<int32_t>> key_remap(parts_);
  std::vector<std::vector<int32_t>> name_remap(parts_);
  for (size_t d = 0; d < parts_; ++d) {
    Dim& dim = dims_[d];
    const Column* id = chunk.find(dim.id_column);
    const Column* name = dim.name_column.empty() ? nullptr : chunk.find(dim.name_column);
    if (id == nullptr) {
      id = name;  // group by name when the export has no ids
    }
    if (id == nullptr) {
      std::string available;
      for (const auto& column : chunk.columns()) {
        if (column.type() == ColumnType::kString || column.type() == ColumnType::kDate) {
          available += (available.empty() ? "" : ", ") + column.name();
        }
      }
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("cannot group by '{}': the data has no {} column", dim.name,
                                    dim.id_column),
                        ErrorContext{"", 0, 0, "", "--by"},
                        fmt::format("columns available for grouping: {}", available));
    }
    key_columns[d] = id;
    name_columns[d] = name;
    if (!dim.is_date) {
      key_remap[d].assign(static_cast<size_t>(id->dict().size()), -1);
      if (name != nullptr) {
        name_remap[d].assign(static_cast<size_t>(name->dict().size()), -1);
      }
    }
  }
  std::vector<int32_t> parts(parts_);
  std::vector<int32_t> previous(parts_, -2);
  uint32_t previous_group = 0;
  for (size_t row = 0; row < rows; ++row) {
    for (size_t d = 0; d < parts_; ++d) {
      const Column* column = key_columns[d];
      if (dims_[d].is_date) {
        const Date date = column->is_valid(row) ? column->i32()[row] : 0;
        parts[d] = grain_ == Grain::kWeek    ? week_start(date)
                   : grain_ == Grain::kMonth ? month_start(date)
                                             : date;
        continue;
      }
      const int32_t code = column->i32()[row];
      int32_t& global = key_remap[d][static_cast<size_t>(code)];
      if (global < 0) {
        global = dims_[d].keys.intern(column->dict().at(code));
      }
      parts[d] = global;
    }
    uint32_t group = previous_group;
    if (parts != previous) {
      uint64_t hash = 0x7a3f;
      for (const int32_t part : parts) {
        hash = hash_combine(hash, static_cast<uint64_t>(static_cast<uint32_t>(part)));
      }
      group = find_or_add(hash, parts.data());
      previous = parts;
      previous_group = group;
    }
    group_of_row[row] = group;
  }
  // Display names: the last non-empty name seen for each group wins (campaigns get renamed).
  for (size_t d = 0; d < parts_; ++d) {
    const Column* name = name_columns[d];
    if (name == nullptr) {
      continue;
    }
    for (size_t row = 0; row < rows; ++row) {
      if (!name->is_valid(row)) {
        continue;
      }
      const int32_t code = name->i32()[row];
      int32_t& global = name_remap[d][static_cast<size_t>(code)];
      if (global < 0) {
        global = dims_[d].names.intern(name->dict().at(code));
      }
      group_names_[group_of_row[row] * parts_ + d] = global;
    }
  }
  return {};
}

Table GroupKeys::key_table() const {
  Table out;
  const size_t groups = num_groups();
  for (size_t d = 0; d < parts_; ++d) {
    const Dim& dim = dims_[d];
    if (dim.is_date) {
      Column& column = out.add_column("date", ColumnType::kDate);
      column.resize(groups);
      for (size_t g = 0; g < groups; ++g) {
        column.i32()[g] = group_parts_[g * parts_ + d];
        column.valid()[g] = 1;
      }
      continue;
    }
    Column& id = out.add_column(dim.id_column, ColumnType::kString);
    id.resize(groups);
    for (size_t g = 0; g < groups; ++g) {
      const std::string_view text = dim.keys.at(group_parts_[g * parts_ + d]);
      id.i32()[g] = id.dict().intern(text);
      id.valid()[g] = text.empty() ? 0 : 1;
    }
    if (!dim.name_column.empty()) {
      Column& name = out.add_column(dim.name_column, ColumnType::kString);
      name.resize(groups);
      for (size_t g = 0; g < groups; ++g) {
        const int32_t code = group_names_[g * parts_ + d];
        if (code >= 0) {
          name.i32()[g] = name.dict().intern(dim.names.at(code));
          name.valid()[g] = 1;
        }
      }
    }
  }
  return out;
}

std::vector<size_t> GroupKeys::sorted_order() const {
  std::vector<size_t> order(num_groups());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (size_t d = 0; d < parts_; ++d) {
      const int32_t pa = group_parts_[a * parts_ + d];
      const int32_t pb = group_parts_[b * parts_ + d];
      if (pa == pb) {
        continue;
      }
      if (dims_[d].is_date) {
        return pa < pb;
      }
      return natural_less(dims_[d].keys.at(pa), dims_[d].keys.at(pb));
    }
    return a < b;
  });
  return order;
}

}  // namespace adpilot::analyze::detail
