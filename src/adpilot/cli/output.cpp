#include "adpilot/cli/output.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "adpilot/core/format_number.h"

namespace adpilot::cli {

Result<OutputFormat> choose_output_format(const std::string& text, bool to_terminal) {
  if (text.empty()) {
    return to_terminal ? OutputFormat::kTable : OutputFormat::kCsv;
  }
  if (text == "table") {
    return OutputFormat::kTable;
  }
  if (text == "csv") {
    return OutputFormat::kCsv;
  }
  if (text == "json") {
    return OutputFormat::kJson;
  }
  return make_error(ErrorCode::kInvalidArgument,
                    fmt::format("unknown output format '{}' (use table, csv or json)", text),
                    ErrorContext{"", 0, 0, "", "--format"});
}

namespace {

// A cell as machine text: exact decimals for money, shortest round-trip for doubles.
std::string machine_cell(const Column& column, size_t row) {
  switch (column.type()) {
    case ColumnType::kString: return std::string(column.str(row));
    case ColumnType::kDate: return format_date(column.i32()[row]);
    case ColumnType::kInt64: return fmt::format("{}", column.i64()[row]);
    case ColumnType::kMoney: return format_micros_plain(column.i64()[row]);
    case ColumnType::kDouble: return fmt::format("{}", column.f64()[row]);
  }
  return "";
}

std::string csv_quote(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (const char ch : text) {
    out += ch;
    if (ch == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

}  // namespace

std::string render_csv(const Table& table) {
  std::string out;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    out += (c == 0 ? "" : ",") + csv_quote(table.column(c).name());
  }
  out += '\n';
  for (size_t row = 0; row < table.num_rows(); ++row) {
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Column& column = table.column(c);
      if (c > 0) {
        out += ',';
      }
      if (column.is_valid(row)) {
        out += csv_quote(machine_cell(column, row));
      }
    }
    out += '\n';
  }
  return out;
}

std::string render_json(const Table& table) {
  std::string out = "[";
  for (size_t row = 0; row < table.num_rows(); ++row) {
    out += row == 0 ? "\n  {" : ",\n  {";
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Column& column = table.column(c);
      out += fmt::format("{}{}: ", c == 0 ? "" : ", ", nlohmann::json(column.name()).dump());
      if (!column.is_valid(row)) {
        out += "null";
      } else if (column.type() == ColumnType::kString || column.type() == ColumnType::kDate) {
        out += nlohmann::json(machine_cell(column, row)).dump();
      } else {
        out += machine_cell(column, row);
      }
    }
    out += "}";
  }
  out += table.num_rows() == 0 ? "]\n" : "\n]\n";
  return out;
}

std::string render_pretty(const Table& table, const std::string& currency_symbol) {
  const size_t columns = table.num_columns();
  std::vector<std::vector<std::string>> cells(columns);
  std::vector<size_t> widths(columns, 0);
  std::vector<bool> numeric(columns, false);
  for (size_t c = 0; c < columns; ++c) {
    const Column& column = table.column(c);
    const std::string unit = kpi_unit(column.name());
    numeric[c] = column.type() != ColumnType::kString && column.type() != ColumnType::kDate;
    cells[c].push_back(column.name());
    for (size_t row = 0; row < table.num_rows(); ++row) {
      std::string cell;
      if (!column.is_valid(row)) {
        cell = "—";
      } else if (column.type() == ColumnType::kMoney) {
        cell = format_money(micros_to_units(column.i64()[row]), currency_symbol);
      } else if (column.type() == ColumnType::kInt64) {
        cell = format_count(static_cast<double>(column.i64()[row]), 0);
      } else if (column.type() == ColumnType::kDouble) {
        cell = format_kpi(column.f64()[row], unit, currency_symbol);
      } else {
        cell = machine_cell(column, row);
      }
      cells[c].push_back(std::move(cell));
    }
    for (const auto& cell : cells[c]) {
      widths[c] = std::max(widths[c], display_width(cell));
    }
  }
  std::string out;
  for (size_t row = 0; row <= table.num_rows(); ++row) {
    for (size_t c = 0; c < columns; ++c) {
      const std::string& cell = cells[c][row];
      const size_t pad = widths[c] - display_width(cell);
      if (c > 0) {
        out += "  ";
      }
      if (numeric[c]) {
        out += std::string(pad, ' ') + cell;
      } else {
        out += cell + (c + 1 < columns ? std::string(pad, ' ') : "");
      }
    }
    out += '\n';
  }
  return out;
}

Result<void> write_output(const std::string& path, const std::string& text, std::FILE* out) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
    return {};
  }
  const std::filesystem::path target(path);
  const std::filesystem::path temp =
      target.parent_path() / fmt::format(".{}.tmp.{}", target.filename().string(), ::getpid());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr) {
    return make_error(ErrorCode::kIo, "cannot create the output file", ErrorContext{path, 0, 0, "", "--out"});
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const bool closed = std::fclose(file) == 0;
  std::error_code ec;
  if (!written || !closed) {
    std::filesystem::remove(temp, ec);
    return make_error(ErrorCode::kIo, "cannot write the output file (disk full?)", ErrorContext{path, 0, 0, "", "--out"});
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return make_error(ErrorCode::kIo, "cannot move the output into place: " + ec.message(),
                      ErrorContext{path, 0, 0, "", "--out"});
  }
  return {};
}

}  // namespace adpilot::cli
