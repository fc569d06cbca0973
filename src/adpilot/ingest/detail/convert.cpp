#include "adpilot/ingest/detail/convert.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "adpilot/core/hash.h"

namespace adpilot::ingest::detail {

namespace {

bool in(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool has_target(const BoundFormat& bound, const char* target) {
  return std::any_of(bound.columns.begin(), bound.columns.end(),
                     [&](const BoundColumn& c) { return c.target == target; });
}

// Names identify nothing when an id is present (campaigns get renamed); status, currency and
// the like describe a row rather than identify it.
bool is_key_target(const BoundFormat& bound, const std::string& target) {
  static const std::vector<std::string> kNeverKey = {"status", "currency", "campaign_type",
                                                     "network_revenue"};
  if (in(kNeverKey, target)) {
    return false;
  }
  if (target == "campaign_name") {
    return !has_target(bound, "campaign_id");
  }
  if (target == "ad_group_name") {
    return !has_target(bound, "ad_group_id");
  }
  if (target == "ad_name") {
    return !has_target(bound, "ad_id");
  }
  return true;
}

// Columns the checks and policies read whatever the projection.
bool always_read(const std::string& name) {
  static const std::vector<std::string> kAlways = {"date",        "date_end", "impressions",
                                                   "clicks",      "cost",     "conversions",
                                                   "revenue",     "currency"};
  return in(kAlways, name);
}

}  // namespace

Table ConvertPlan::empty_table() const {
  Table table;
  for (const auto& column : columns) {
    if (column.materialize) {
      table.add_column(column.name, storage_type(column.kind));
    }
  }
  return table;
}

ConvertPlan make_plan(const std::string& file, const BoundFormat& bound,
                      const std::vector<std::string>& headers, NumberLocale locale,
                      DateOrder date_order, int year, const std::vector<std::string>& projection) {
  ConvertPlan plan;
  plan.file = file;
  plan.bound = bound;
  plan.header_fields = bound.header_fields;
  plan.headers = headers;
  plan.locale = locale;
  plan.date_order = date_order;
  plan.year = year;
  plan.skip_total_rows = bound.spec->skip_total_rows;
  auto wanted = [&](const std::string& name) {
    return projection.empty() || in(projection, name) || always_read(name);
  };
  bool has_date = false;
  for (const auto& bc : bound.columns) {
    if (bc.kind == ValueKind::kMonthName) {
      plan.month_source = static_cast<int>(bc.source_idx);
      continue;
    }
    if (bc.kind == ValueKind::kDayOfMonth) {
      plan.day_source = static_cast<int>(bc.source_idx);
      continue;
    }
    PlanColumn column;
    column.name = bc.target;
    column.kind = bc.kind;
    column.source_idx = static_cast<int>(bc.source_idx);
    column.materialize = wanted(bc.target);
    column.key = bc.kind == ValueKind::kString && is_key_target(bound, bc.target);
    if (bc.target == "date_end") {
      column.key = true;
    }
    has_date = has_date || bc.target == "date";
    plan.columns.push_back(std::move(column));
  }
  if (plan.month_source >= 0 && plan.day_source >= 0 && !has_date) {
    PlanColumn column;
    column.name = "date";
    column.kind = ValueKind::kDate;
    plan.columns.insert(plan.columns.begin(), std::move(column));
  }
  if (!bound.spec->channel.empty() && !has_target(bound, "channel")) {
    PlanColumn column;
    column.name = "channel";
    column.constant = bound.spec->channel;
    column.materialize = wanted("channel");
    plan.columns.push_back(std::move(column));
  }
  if (!bound.header_currency.empty() && !has_target(bound, "currency")) {
    PlanColumn column;
    column.name = "currency";
    column.constant = bound.header_currency;
    plan.columns.push_back(std::move(column));
  }
  int out_idx = 0;
  for (const auto& column : plan.columns) {
    if (column.key && column.source_idx >= 0) {
      plan.key_sources.push_back(column.source_idx);
    }
    if (!column.materialize) {
      continue;
    }
    const std::string& n = column.name;
    int* slot = n == "date"          ? &plan.date_col
                : n == "date_end"    ? &plan.date_end_col
                : n == "impressions" ? &plan.impressions_col
                : n == "clicks"      ? &plan.clicks_col
                : n == "cost"        ? &plan.cost_col
                : n == "conversions" ? &plan.conversions_col
                : n == "revenue"     ? &plan.revenue_col
                : n == "currency"    ? &plan.currency_col
                                     : nullptr;
    if (slot != nullptr) {
      *slot = out_idx;
    }
    ++out_idx;
  }
  return plan;
}

namespace {

bool is_total_row(const csv::RowBatch& batch, size_t row) {
  const std::string_view first = batch.field(row, 0);
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

// Per-column cache of the previous row's string: exports are sorted by entity, so most string
// cells repeat the cell above and skip the dictionary probe.
struct LastString {
  std::string_view text;
  int32_t code = -1;
};

}  // namespace

ConvertedChunk convert_batch(const ConvertPlan& plan, const csv::RowBatch& batch) {
  ConvertedChunk out;
  out.table = plan.empty_table();
  const size_t rows = batch.num_rows();
  for (auto& column : out.table.columns()) {
    column.resize(rows);
  }
  out.entity_hash.resize(rows);
  out.row_hash.resize(rows);
  out.line_offset.resize(rows);
  std::vector<LastString> last(plan.columns.size());
  std::vector<Column*> targets(plan.columns.size(), nullptr);
  {
    size_t out_idx = 0;
    for (size_t idx = 0; idx < plan.columns.size(); ++idx) {
      if (plan.columns[idx].materialize) {
        targets[idx] = &out.table.column(out_idx++);
      }
    }
  }
  std::vector<int32_t> constant_codes(plan.columns.size(), -1);
  for (size_t idx = 0; idx < plan.columns.size(); ++idx) {
    if (targets[idx] != nullptr && plan.columns[idx].source_idx < 0 &&
        plan.columns[idx].kind == ValueKind::kString) {
      constant_codes[idx] = targets[idx]->dict().intern(plan.columns[idx].constant);
    }
  }

  size_t out_row = 0;
  for (size_t row = 0; row < rows; ++row) {
    const size_t fields = batch.num_fields(row);
    if (plan.skip_total_rows && fields > 0 && is_total_row(batch, row)) {
      ++out.total_rows_skipped;
      continue;
    }
    ++out.rows_seen;
    auto problem = [&](int64_t column, std::string field, std::string message) {
      out.problems.push_back(RowProblem{batch.line_offset(row), column, std::move(field),
                                        std::move(message), "", std::string(batch.raw_row(row))});
    };
    if (fields != plan.header_fields) {
      problem(static_cast<int64_t>(std::min(fields, plan.header_fields)) + 1, "",
              fmt::format("row has {} fields but the header has {}", fields, plan.header_fields));
      continue;
    }
    bool bad = false;
    for (size_t idx = 0; idx < plan.columns.size() && !bad; ++idx) {
      const PlanColumn& pc = plan.columns[idx];
      Column* target = targets[idx];
      if (pc.source_idx < 0) {
        if (target == nullptr) {
          continue;
        }
        if (pc.kind == ValueKind::kString) {
          target->i32()[out_row] = constant_codes[idx];
          target->valid()[out_row] = 1;
          continue;
        }
        // The derived date of a month-name + day layout.
        const int month = parse_month_name(batch.field(row, static_cast<size_t>(plan.month_source)));
        int64_t day = 0;
        const std::string_view day_text = batch.field(row, static_cast<size_t>(plan.day_source));
        const bool day_ok = parse_count(day_text, plan.locale, day) == ParseStatus::kOk;
        if (month == 0 || !day_ok || !is_valid_civil(plan.year, month, static_cast<int>(day))) {
          const bool month_bad = month == 0;
          const size_t src = static_cast<size_t>(month_bad ? plan.month_source : plan.day_source);
          problem(static_cast<int64_t>(src) + 1, plan.headers[src],
                  fmt::format("'{}' '{}' is not a date in {}",
                              batch.field(row, static_cast<size_t>(plan.month_source)), day_text,
                              plan.year));
          bad = true;
          continue;
        }
        target->i32()[out_row] = date_from_civil(plan.year, month, static_cast<int>(day));
        target->valid()[out_row] = 1;
        continue;
      }
      const std::string_view text = batch.field(row, static_cast<size_t>(pc.source_idx));
      ParseStatus status = ParseStatus::kOk;
      switch (pc.kind) {
        case ValueKind::kString: {
          if (target == nullptr) {
            continue;
          }
          LastString& cache = last[idx];
          int32_t code;
          if (cache.code >= 0 && cache.text.size() == text.size() &&
              std::memcmp(cache.text.data(), text.data(), text.size()) == 0) {
            code = cache.code;
          } else {
            code = target->dict().intern(text);
            cache = LastString{text, code};
          }
          target->i32()[out_row] = code;
          target->valid()[out_row] = text.empty() ? 0 : 1;
          continue;
        }
        case ValueKind::kDate: {
          int32_t date = 0;
          status = parse_date(text, plan.date_order, date);
          if (status == ParseStatus::kOk && target != nullptr) {
            target->i32()[out_row] = date;
          }
          if (status == ParseStatus::kMissing && pc.name == "date") {
            problem(pc.source_idx + 1, plan.headers[static_cast<size_t>(pc.source_idx)],
                    "the date is missing");
            bad = true;
            continue;
          }
          break;
        }
        case ValueKind::kCount: {
          int64_t value = 0;
          status = parse_count(text, plan.locale, value);
          if (status == ParseStatus::kOk && target != nullptr) {
            target->i64()[out_row] = value;
          }
          break;
        }
        case ValueKind::kMoney: {
          int64_t micros = 0;
          status = parse_money(text, plan.locale, micros);
          if (status == ParseStatus::kOk && target != nullptr) {
            target->i64()[out_row] = micros;
          }
          break;
        }
        case ValueKind::kDecimal: {
          double value = 0.0;
          status = parse_decimal(text, plan.locale, value);
          if (status == ParseStatus::kOk && target != nullptr) {
            target->f64()[out_row] = value;
          }
          break;
        }
        case ValueKind::kMonthName:
        case ValueKind::kDayOfMonth: break;
      }
      if (status == ParseStatus::kInvalid) {
        const std::string shown = text.size() > 40 ? std::string(text.substr(0, 40)) + "…" : std::string(text);
        problem(pc.source_idx + 1, plan.headers[static_cast<size_t>(pc.source_idx)],
                fmt::format("expected {}, got '{}'", kind_noun(pc.kind), shown));
        bad = true;
        continue;
      }
      if (target != nullptr) {
        target->valid()[out_row] = status == ParseStatus::kOk ? 1 : 0;
      }
    }
    if (bad) {
      continue;
    }
    uint64_t key = 0x51ed2701ULL;
    for (const int source : plan.key_sources) {
      key = hash_combine(key, hash_string(batch.field(row, static_cast<size_t>(source))));
    }
    const std::string_view raw = batch.raw_row(row);
    const auto fingerprint = static_cast<uint32_t>(hash_bytes(raw.data(), raw.size()));
    out.entity_hash[out_row] = key;
    out.row_hash[out_row] = fingerprint == 0 ? 1 : fingerprint;
    out.line_offset[out_row] = static_cast<int32_t>(batch.line_offset(row));
    ++out_row;
  }
  for (auto& column : out.table.columns()) {
    column.resize(out_row);
  }
  // Rows the tokenizer could not read join the conversion problems, in line order.
  for (const auto& issue : batch.issues()) {
    const auto source = static_cast<size_t>(issue.column - 1);
    out.problems.push_back(RowProblem{issue.line_offset, issue.column,
                                      source < plan.headers.size() ? plan.headers[source] : "",
                                      issue.message, issue.hint, issue.raw});
    ++out.rows_seen;
  }
  if (!batch.issues().empty()) {
    std::stable_sort(out.problems.begin(), out.problems.end(),
                     [](const RowProblem& a, const RowProblem& b) { return a.line_offset < b.line_offset; });
  }
  out.entity_hash.resize(out_row);
  out.row_hash.resize(out_row);
  out.line_offset.resize(out_row);
  return out;
}

}  // namespace adpilot::ingest::detail
