// convert_batch works column by column (STYLE: hot loops over columns, not rows): each pass
// parses one source column with one parser, so the loop body stays small and predictable.
// A row found bad in one pass is skipped by the later ones and removed at the end.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "adpilot/core/hash.h"
#include "adpilot/ingest/detail/convert.h"
#include "adpilot/ingest/detail/currency.h"

namespace adpilot::ingest::detail {

namespace {

enum RowState : uint8_t { kGood = 0, kBad = 1, kTotals = 2 };

bool is_total_row(std::string_view first) {
  return first == "Total" || first.substr(0, 6) == "Total:" || first.substr(0, 6) == "Total ";
}

const char* kind_noun(ValueKind kind) {
  switch (kind) {
    case ValueKind::kCount: return "a whole number";
    case ValueKind::kMoney: return "an amount of money";
    case ValueKind::kDecimal: return "a number";
    case ValueKind::kDate: return "a date";
    case ValueKind::kMonthName: return "a month name";
    case ValueKind::kDayOfMonth: return "a day of the month";
    case ValueKind::kString: return "text";
  }
  return "a value";
}

std::string shown(std::string_view text) {
  return text.size() > 40 ? std::string(text.substr(0, 40)) + "…" : std::string(text);
}

class BatchConverter {
 public:
  BatchConverter(const ConvertPlan& plan, const csv::RowBatch& batch, ConvertedChunk& out)
      : plan_(plan), batch_(batch), out_(out), rows_(batch.num_rows()), state_(rows_, kGood) {}

  void run() {
    out_.table = plan_.empty_table();
    for (auto& column : out_.table.columns()) {
      column.resize(rows_);
    }
    check_rows();
    size_t out_idx = 0;
    for (const PlanColumn& pc : plan_.columns) {
      Column* target = pc.materialize ? &out_.table.column(out_idx++) : nullptr;
      convert_column(pc, target);
    }
    hash_rows();
    flag_rows();
    compact();
    add_tokenizer_issues();
  }

 private:
  void problem(size_t row, int64_t column, std::string message, std::string hint = {}) {
    state_[row] = kBad;
    ++bad_rows_;
    const auto source = static_cast<size_t>(column - 1);
    out_.problems.push_back(RowProblem{batch_.line_offset(row), column,
                                       source < plan_.headers.size() ? plan_.headers[source] : "",
                                       std::move(message), std::move(hint),
                                       std::string(batch_.raw_row(row))});
  }

  void check_rows() {
    for (size_t row = 0; row < rows_; ++row) {
      const size_t fields = batch_.num_fields(row);
      if (plan_.skip_total_rows && fields > 0 && is_total_row(batch_.field(row, 0))) {
        state_[row] = kTotals;
        ++out_.total_rows_skipped;
        continue;
      }
      ++out_.rows_seen;
      if (fields != plan_.header_fields) {
        problem(row, static_cast<int64_t>(std::min(fields, plan_.header_fields)) + 1,
                fmt::format("row has {} fields but the header has {}", fields, plan_.header_fields));
      }
    }
  }

  void convert_column(const PlanColumn& pc, Column* target) {
    if (pc.source_idx < 0) {
      convert_derived(pc, target);
      return;
    }
    const auto src = static_cast<size_t>(pc.source_idx);
    switch (pc.kind) {
      case ValueKind::kString: convert_strings(src, target); return;
      case ValueKind::kDate: {
        int32_t* values = target != nullptr ? target->i32().data() : nullptr;
        convert_cells(pc, target, [&](std::string_view text, size_t row) {
          int32_t date = 0;
          const ParseStatus status = parse_date(text, plan_.date_order, date);
          if (status == ParseStatus::kOk && values != nullptr) {
            values[row] = date;
          }
          return status;
        });
        return;
      }
      case ValueKind::kCount: {
        int64_t* values = target != nullptr ? target->i64().data() : nullptr;
        convert_cells(pc, target, [&](std::string_view text, size_t row) {
          int64_t value = 0;
          const ParseStatus status = parse_count(text, plan_.locale, value);
          if (values != nullptr) {
            values[row] = value;  // 0 unless kOk
          }
          return status;
        });
        return;
      }
      case ValueKind::kMoney: {
        int64_t* values = target != nullptr ? target->i64().data() : nullptr;
        convert_cells(pc, target, [&](std::string_view text, size_t row) {
          int64_t micros = 0;
          const ParseStatus status = parse_money(text, plan_.locale, micros);
          if (values != nullptr) {
            values[row] = micros;
          }
          return status;
        });
        return;
      }
      case ValueKind::kDecimal: {
        double* values = target != nullptr ? target->f64().data() : nullptr;
        convert_cells(pc, target, [&](std::string_view text, size_t row) {
          double value = 0.0;
          const ParseStatus status = parse_decimal(text, plan_.locale, value);
          if (values != nullptr) {
            values[row] = value;
          }
          return status;
        });
        return;
      }
      case ValueKind::kMonthName:
      case ValueKind::kDayOfMonth: return;  // read by the derived date
    }
  }

  // One parser over one column; a missing cell is left invalid for the policies, a bad one makes
  // the row a problem (a missing row date too: a row without a date cannot be placed).
  template <typename Parse>
  void convert_cells(const PlanColumn& pc, Column* target, Parse parse) {
    const auto src = static_cast<size_t>(pc.source_idx);
    uint8_t* valid = target != nullptr ? target->valid().data() : nullptr;
    for (size_t row = 0; row < rows_; ++row) {
      if (state_[row] != kGood) {
        continue;
      }
      const std::string_view text = batch_.field(row, src);
      const ParseStatus status = parse(text, row);
      if (status == ParseStatus::kInvalid) {
        problem(row, pc.source_idx + 1, fmt::format("expected {}, got '{}'", kind_noun(pc.kind), shown(text)));
        continue;
      }
      if (status == ParseStatus::kMissing && pc.row_date) {
        problem(row, pc.source_idx + 1, "the date is missing");
        continue;
      }
      if (valid != nullptr) {
        valid[row] = status == ParseStatus::kOk ? 1 : 0;
      }
    }
  }

  // Exports are sorted by entity, so most cells repeat the cell above: compare with it before
  // probing the dictionary.
  void convert_strings(size_t src, Column* target) {
    if (target == nullptr) {
      return;
    }
    int32_t* codes = target->i32().data();
    uint8_t* valid = target->valid().data();
    Dictionary& dict = target->dict();
    std::string_view last;
    int32_t last_code = -1;
    for (size_t row = 0; row < rows_; ++row) {
      if (state_[row] != kGood) {
        continue;
      }
      const std::string_view text = batch_.field(row, src);
      if (last_code < 0 || text.size() != last.size() ||
          std::memcmp(text.data(), last.data(), text.size()) != 0) {
        last_code = dict.intern(text);
        last = text;
      }
      codes[row] = last_code;
      valid[row] = text.empty() ? 0 : 1;
    }
  }

  // A constant (channel, the currency of a spend header) or the date of month + day columns.
  void convert_derived(const PlanColumn& pc, Column* target) {
    if (target == nullptr) {
      return;
    }
    if (pc.kind == ValueKind::kString) {
      const int32_t code = target->dict().intern(pc.constant);
      std::fill(target->i32().begin(), target->i32().end(), code);
      std::fill(target->valid().begin(), target->valid().end(), 1);
      return;
    }
    const auto month_src = static_cast<size_t>(plan_.month_source);
    const auto day_src = static_cast<size_t>(plan_.day_source);
    for (size_t row = 0; row < rows_; ++row) {
      if (state_[row] != kGood) {
        continue;
      }
      const std::string_view month_text = batch_.field(row, month_src);
      const std::string_view day_text = batch_.field(row, day_src);
      const int month = parse_month_name(month_text);
      int64_t day = 0;
      const bool day_ok = parse_count(day_text, plan_.locale, day) == ParseStatus::kOk;
      if (month == 0 || !day_ok || !is_valid_civil(plan_.year, month, static_cast<int>(day))) {
        problem(row, static_cast<int64_t>(month == 0 ? month_src : day_src) + 1,
                fmt::format("'{}' '{}' is not a date in {}", shown(month_text), shown(day_text),
                            plan_.year));
        continue;
      }
      target->i32()[row] = date_from_civil(plan_.year, month, static_cast<int>(day));
      target->valid()[row] = 1;
    }
  }

  // The entity key (ids and segments, for duplicate keys) and the row's bytes (exact duplicates).
  void hash_rows() {
    out_.entity_hash.assign(rows_, 0x51ed2701ULL);
    out_.row_hash.resize(rows_);
    for (const int source : plan_.key_sources) {
      for (size_t row = 0; row < rows_; ++row) {
        if (state_[row] == kGood) {
          const std::string_view field = batch_.field(row, static_cast<size_t>(source));
          out_.entity_hash[row] = hash_bytes(field.data(), field.size(), out_.entity_hash[row]);
        }
      }
    }
    for (size_t row = 0; row < rows_; ++row) {
      const std::string_view raw = batch_.raw_row(row);
      const auto fingerprint = static_cast<uint32_t>(hash_bytes(raw.data(), raw.size()));
      out_.row_hash[row] = fingerprint == 0 ? 1 : fingerprint;
    }
    out_.line_offset.resize(rows_);
    for (size_t row = 0; row < rows_; ++row) {
      out_.line_offset[row] = static_cast<int32_t>(batch_.line_offset(row));
    }
  }

  // The same tests preprocess makes, done here in parallel so that it can skip clean rows.
  void flag_rows() {
    out_.flags.assign(rows_, 0);
    auto find = [&](int idx) { return idx >= 0 ? &out_.table.column(static_cast<size_t>(idx)) : nullptr; };
    const Column* metrics[] = {find(plan_.impressions_col), find(plan_.clicks_col),
                               find(plan_.cost_col), find(plan_.conversions_col),
                               find(plan_.revenue_col)};
    for (const Column* metric : metrics) {
      if (metric == nullptr) {
        continue;
      }
      const uint8_t* valid = metric->valid().data();
      for (size_t row = 0; row < rows_; ++row) {
        out_.flags[row] |= valid[row] == 0 ? kFlagMissing : 0;
      }
      if (metric->type() == ColumnType::kDouble) {
        const double* values = metric->f64().data();
        for (size_t row = 0; row < rows_; ++row) {
          out_.flags[row] |= values[row] < 0 ? kFlagSuspect : 0;
        }
      } else {
        const int64_t* values = metric->i64().data();
        for (size_t row = 0; row < rows_; ++row) {
          out_.flags[row] |= values[row] < 0 ? kFlagSuspect : 0;
        }
      }
    }
    if (metrics[0] != nullptr && metrics[1] != nullptr) {
      const int64_t* impressions = metrics[0]->i64().data();
      const int64_t* clicks = metrics[1]->i64().data();
      for (size_t row = 0; row < rows_; ++row) {
        out_.flags[row] |= clicks[row] > impressions[row] ? kFlagSuspect : 0;
      }
    }
    if (metrics[1] != nullptr && metrics[3] != nullptr) {
      const int64_t* clicks = metrics[1]->i64().data();
      const double* conversions = metrics[3]->f64().data();
      for (size_t row = 0; row < rows_; ++row) {
        out_.flags[row] |= conversions[row] > static_cast<double>(clicks[row]) ? kFlagSuspect : 0;
      }
    }
    if (const Column* currency = find(plan_.currency_col); currency != nullptr) {
      std::vector<uint8_t> unknown(static_cast<size_t>(currency->dict().size()));
      for (int32_t code = 0; code < currency->dict().size(); ++code) {
        const std::string_view text = currency->dict().at(code);
        unknown[static_cast<size_t>(code)] = !text.empty() && !is_iso_currency(text) ? 1 : 0;
      }
      for (size_t row = 0; row < rows_; ++row) {
        if (unknown[static_cast<size_t>(currency->i32()[row])] != 0) {
          out_.flags[row] |= kFlagCurrency;
        }
      }
    }
    if (plan_.date_end_col >= 0) {
      for (size_t row = 0; row < rows_; ++row) {
        out_.flags[row] |= kFlagSuspect;  // range rows are rare; let preprocess look at each
      }
    }
  }

  void compact() {
    if (bad_rows_ == 0 && out_.total_rows_skipped == 0) {
      return;
    }
    std::vector<uint8_t> keep(rows_);
    for (size_t row = 0; row < rows_; ++row) {
      keep[row] = state_[row] == kGood ? 1 : 0;
    }
    out_.table.filter(keep);
    auto filter = [&](auto& values) {
      size_t kept = 0;
      for (size_t row = 0; row < rows_; ++row) {
        if (keep[row] != 0) {
          values[kept++] = values[row];
        }
      }
      values.resize(kept);
    };
    filter(out_.flags);
    filter(out_.entity_hash);
    filter(out_.row_hash);
    filter(out_.line_offset);
  }

  // Rows the tokenizer could not read join the conversion problems, in line order.
  void add_tokenizer_issues() {
    for (const auto& issue : batch_.issues()) {
      const auto source = static_cast<size_t>(issue.column - 1);
      out_.problems.push_back(RowProblem{issue.line_offset, issue.column,
                                         source < plan_.headers.size() ? plan_.headers[source] : "",
                                         issue.message, issue.hint, issue.raw});
      ++out_.rows_seen;
    }
    std::stable_sort(out_.problems.begin(), out_.problems.end(),
                     [](const RowProblem& a, const RowProblem& b) { return a.line_offset < b.line_offset; });
  }

  const ConvertPlan& plan_;
  const csv::RowBatch& batch_;
  ConvertedChunk& out_;
  size_t rows_;
  std::vector<uint8_t> state_;
  size_t bad_rows_ = 0;
};

}  // namespace

ConvertedChunk convert_batch(const ConvertPlan& plan, const csv::RowBatch& batch) {
  ConvertedChunk out;
  BatchConverter(plan, batch, out).run();
  return out;
}

}  // namespace adpilot::ingest::detail
