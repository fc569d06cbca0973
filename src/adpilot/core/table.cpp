#include "adpilot/core/table.h"

#include "adpilot/core/result.h"

namespace adpilot {

const char* column_type_name(ColumnType type) {
  switch (type) {
    case ColumnType::kDate: return "date";
    case ColumnType::kInt64: return "int64";
    case ColumnType::kMoney: return "money";
    case ColumnType::kDouble: return "double";
    case ColumnType::kString: return "string";
  }
  return "?";
}

double Column::number(size_t row) const {
  if (!is_valid(row)) {
    return 0.0;
  }
  switch (type_) {
    case ColumnType::kInt64: return static_cast<double>(i64_[row]);
    case ColumnType::kMoney: return micros_to_units(i64_[row]);
    case ColumnType::kDouble: return f64_[row];
    case ColumnType::kDate:
    case ColumnType::kString: return static_cast<double>(i32_[row]);
  }
  return 0.0;
}

void Column::reserve(size_t rows) {
  valid_.reserve(rows);
  switch (type_) {
    case ColumnType::kInt64:
    case ColumnType::kMoney: i64_.reserve(rows); break;
    case ColumnType::kDouble: f64_.reserve(rows); break;
    case ColumnType::kDate:
    case ColumnType::kString: i32_.reserve(rows); break;
  }
}

void Column::resize(size_t rows) {
  valid_.resize(rows, 0);
  switch (type_) {
    case ColumnType::kInt64:
    case ColumnType::kMoney: i64_.resize(rows, 0); break;
    case ColumnType::kDouble: f64_.resize(rows, 0.0); break;
    case ColumnType::kDate: i32_.resize(rows, 0); break;
    case ColumnType::kString:
      if (i32_.size() < rows) {
        const int32_t empty = dict_.intern("");
        i32_.resize(rows, empty);
      } else {
        i32_.resize(rows);
      }
      break;
  }
}

void Column::append_null() { resize(size() + 1); }

void Column::append_string(std::string_view text) {
  ADP_ASSERT(type_ == ColumnType::kString);
  i32_.push_back(dict_.intern(text));
  valid_.push_back(1);
}

void Column::append_from(const Column& other, size_t begin, size_t end) {
  ADP_ASSERT(type_ == other.type_);
  valid_.insert(valid_.end(), other.valid_.begin() + begin, other.valid_.begin() + end);
  switch (type_) {
    case ColumnType::kInt64:
    case ColumnType::kMoney:
      i64_.insert(i64_.end(), other.i64_.begin() + begin, other.i64_.begin() + end);
      break;
    case ColumnType::kDouble:
      f64_.insert(f64_.end(), other.f64_.begin() + begin, other.f64_.begin() + end);
      break;
    case ColumnType::kDate:
      i32_.insert(i32_.end(), other.i32_.begin() + begin, other.i32_.begin() + end);
      break;
    case ColumnType::kString: {
      // Remap through a per-call table: each distinct code of other is looked up once.
      std::vector<int32_t> remap(static_cast<size_t>(other.dict_.size()), -1);
      i32_.reserve(i32_.size() + (end - begin));
      for (size_t row = begin; row < end; ++row) {
        const int32_t code = other.i32_[row];
        int32_t& mapped = remap[static_cast<size_t>(code)];
        if (mapped < 0) {
          mapped = dict_.intern(other.dict_.at(code));
        }
        i32_.push_back(mapped);
      }
      break;
    }
  }
}

namespace {
template <typename T>
void filter_vector(std::vector<T>& values, const std::vector<uint8_t>& keep) {
  if (values.empty()) {
    return;
  }
  size_t out = 0;
  for (size_t row = 0; row < keep.size(); ++row) {
    if (keep[row] != 0) {
      values[out++] = values[row];
    }
  }
  values.resize(out);
}
}  // namespace

void Column::filter(const std::vector<uint8_t>& keep) {
  ADP_ASSERT(keep.size() == size());
  filter_vector(i32_, keep);
  filter_vector(i64_, keep);
  filter_vector(f64_, keep);
  filter_vector(valid_, keep);
}

Column Column::take(const std::vector<size_t>& rows) const {
  Column out(name_, type_);
  out.dict_ = dict_;
  auto gather = [&](const auto& from, auto& to) {
    if (from.empty()) {
      return;
    }
    to.reserve(rows.size());
    for (const size_t row : rows) {
      to.push_back(from[row]);
    }
  };
  gather(i32_, out.i32_);
  gather(i64_, out.i64_);
  gather(f64_, out.f64_);
  gather(valid_, out.valid_);
  return out;
}

Table Table::take(const std::vector<size_t>& rows) const {
  Table out;
  for (const auto& column : columns_) {
    out.columns_.push_back(column.take(rows));
  }
  return out;
}

Table Table::select(const std::vector<std::string>& names) const {
  Table out;
  for (const auto& name : names) {
    if (const Column* column = find(name); column != nullptr) {
      out.columns_.push_back(*column);
    }
  }
  return out;
}

Column& Table::add_column(std::string name, ColumnType type) {
  const size_t rows = num_rows();
  columns_.emplace_back(std::move(name), type);
  columns_.back().resize(rows);
  return columns_.back();
}

Column* Table::find(std::string_view name) {
  for (auto& column : columns_) {
    if (column.name() == name) {
      return &column;
    }
  }
  return nullptr;
}

const Column* Table::find(std::string_view name) const {
  for (const auto& column : columns_) {
    if (column.name() == name) {
      return &column;
    }
  }
  return nullptr;
}

void Table::append(const Table& other) {
  const size_t before = num_rows();
  const size_t added = other.num_rows();
  for (const auto& theirs : other.columns_) {
    Column* mine = find(theirs.name());
    if (mine == nullptr) {
      mine = &add_column(theirs.name(), theirs.type());
      mine->resize(before);  // other columns may already hold some of other's rows
    }
    if (mine->type() != theirs.type()) {
      throw_error(ErrorCode::kSchema,
                  "column '" + theirs.name() + "' has type " + column_type_name(theirs.type()) +
                      " in one input and " + column_type_name(mine->type()) + " in another");
    }
    mine->append_from(theirs, 0, added);
  }
  for (auto& column : columns_) {
    if (column.size() < before + added) {
      column.resize(before + added);
    }
  }
}

void Table::filter(const std::vector<uint8_t>& keep) {
  for (auto& column : columns_) {
    column.filter(keep);
  }
}

}  // namespace adpilot
