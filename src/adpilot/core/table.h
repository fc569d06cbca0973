// Table: the columnar batch that flows through the pipeline. Each column is one typed vector
// plus a validity vector (missing ≠ zero). Ingest emits Tables of at most kChunkRows rows in file
// order; analyze consumes them as they come, so no stage needs the whole file in memory.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/dictionary.h"
#include "adpilot/core/money.h"

namespace adpilot {

inline constexpr size_t kChunkRows = 1 << 16;

enum class ColumnType : uint8_t {
  kDate,    // int32 days since 1970-01-01, in i32()
  kInt64,   // counts, in i64()
  kMoney,   // int64 micros, in i64()
  kDouble,  // fractional counts (conversions), in f64()
  kString,  // dictionary codes, in i32(); strings in dict()
};

const char* column_type_name(ColumnType type);

class Column {
 public:
  Column(std::string name, ColumnType type) : name_(std::move(name)), type_(type) {}

  const std::string& name() const { return name_; }
  ColumnType type() const { return type_; }
  size_t size() const { return valid_.size(); }

  std::vector<int32_t>& i32() { return i32_; }
  const std::vector<int32_t>& i32() const { return i32_; }
  std::vector<int64_t>& i64() { return i64_; }
  const std::vector<int64_t>& i64() const { return i64_; }
  std::vector<double>& f64() { return f64_; }
  const std::vector<double>& f64() const { return f64_; }
  std::vector<uint8_t>& valid() { return valid_; }
  const std::vector<uint8_t>& valid() const { return valid_; }
  Dictionary& dict() { return dict_; }
  const Dictionary& dict() const { return dict_; }

  bool is_valid(size_t row) const { return valid_[row] != 0; }
  std::string_view str(size_t row) const { return dict_.at(i32_[row]); }
  // A numeric cell as double (money in currency units); 0 when missing.
  double number(size_t row) const;

  void reserve(size_t rows);
  void resize(size_t rows);  // new cells are missing
  void append_null();
  void append_string(std::string_view text);
  // Copies rows [begin, end) of other (same type); string codes are re-interned.
  void append_from(const Column& other, size_t begin, size_t end);
  // Keeps the rows whose keep[row] != 0, in order.
  void filter(const std::vector<uint8_t>& keep);
  // A new column holding rows[i] at position i (same dictionary).
  Column take(const std::vector<size_t>& rows) const;

 private:
  std::string name_;
  ColumnType type_;
  std::vector<int32_t> i32_;
  std::vector<int64_t> i64_;
  std::vector<double> f64_;
  std::vector<uint8_t> valid_;
  Dictionary dict_;
};

class Table {
 public:
  Column& add_column(std::string name, ColumnType type);
  Column* find(std::string_view name);
  const Column* find(std::string_view name) const;
  Column& column(size_t idx) { return columns_[idx]; }
  const Column& column(size_t idx) const { return columns_[idx]; }
  size_t num_columns() const { return columns_.size(); }
  size_t num_rows() const { return columns_.empty() ? 0 : columns_[0].size(); }
  // A deque, so a reference from add_column stays valid while more columns are added.
  std::deque<Column>& columns() { return columns_; }
  const std::deque<Column>& columns() const { return columns_; }

  // Appends other's rows. Columns are matched by name; a column absent from one side is
  // added / filled with missing cells so the result holds the union of both schemas.
  void append(const Table& other);
  void filter(const std::vector<uint8_t>& keep);
  Table take(const std::vector<size_t>& rows) const;
  // A copy holding only the named columns that exist, in the order given.
  Table select(const std::vector<std::string>& names) const;

 private:
  std::deque<Column> columns_;
};

}  // namespace adpilot
