#include "adpilot/ingest/formats/registry.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace adpilot::ingest {

void FormatRegistry::add(FormatSpec spec) {
  for (auto& existing : formats_) {
    if (existing->name == spec.name) {
      *existing = std::move(spec);
      return;
    }
  }
  formats_.push_back(std::make_unique<FormatSpec>(std::move(spec)));
}

const FormatSpec* FormatRegistry::find(std::string_view name) const {
  for (const auto& spec : formats_) {
    if (spec->name == name) {
      return spec.get();
    }
  }
  return nullptr;
}

std::vector<std::string> FormatRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& spec : formats_) {
    out.push_back(spec->name);
  }
  return out;
}

namespace {

// The value kind a canonical column is stored as; anything else is text unless `type:` says so.
ValueKind kind_of_target(const std::string& target) {
  if (target == "date" || target == "date_end") {
    return ValueKind::kDate;
  }
  if (target == "impressions" || target == "clicks") {
    return ValueKind::kCount;
  }
  if (target == "cost" || target == "revenue" || target == "budget") {
    return ValueKind::kMoney;
  }
  if (target == "conversions" || target == "leads") {
    return ValueKind::kDecimal;
  }
  if (target == "month") {
    return ValueKind::kMonthName;
  }
  if (target == "day") {
    return ValueKind::kDayOfMonth;
  }
  return ValueKind::kString;
}

Error yaml_error(const std::string& file, const YAML::Mark& mark, std::string message) {
  ErrorContext context;
  context.file = file;
  context.line = mark.line >= 0 ? mark.line + 1 : 0;
  context.column = mark.column >= 0 ? mark.column + 1 : 0;
  return make_error(ErrorCode::kInvalidArgument, std::move(message), context,
                    "see docs/formats.md, section 'User mappings'");
}

ValueKind parse_kind(const std::string& name, bool& ok) {
  ok = true;
  if (name == "text" || name == "string") {
    return ValueKind::kString;
  }
  if (name == "date") {
    return ValueKind::kDate;
  }
  if (name == "count" || name == "integer") {
    return ValueKind::kCount;
  }
  if (name == "money") {
    return ValueKind::kMoney;
  }
  if (name == "number" || name == "decimal") {
    return ValueKind::kDecimal;
  }
  ok = false;
  return ValueKind::kString;
}

Result<FormatSpec> parse_user_format(const YAML::Node& node, const std::string& file) {
  FormatSpec spec;
  if (!node.IsMap() || !node["name"] || !node["columns"] || !node["columns"].IsMap()) {
    return yaml_error(file, node.Mark(), "a user format needs `name:` and a `columns:` map");
  }
  spec.name = node["name"].as<std::string>();
  spec.description = "user mapping from " + file;
  spec.priority = 5;  // a user's own mapping beats a preset that happens to fit too
  for (const auto& entry : node["columns"]) {
    const auto target = entry.first.as<std::string>();
    ColumnRule column_rule;
    column_rule.target = target;
    column_rule.kind = kind_of_target(target);
    column_rule.required = true;
    if (entry.second.IsScalar()) {
      column_rule.headers = {entry.second.as<std::string>()};
    } else if (entry.second.IsMap() && entry.second["header"]) {
      column_rule.headers = {entry.second["header"].as<std::string>()};
      if (entry.second["type"]) {
        bool ok = false;
        column_rule.kind = parse_kind(entry.second["type"].as<std::string>(), ok);
        if (!ok) {
          return yaml_error(file, entry.second["type"].Mark(),
                            "unknown column type (use text, date, count, money or number)");
        }
      }
    } else {
      return yaml_error(file, entry.second.Mark(),
                        "a column maps to a header name, or to {header: NAME, type: TYPE}");
    }
    spec.rules.push_back(std::move(column_rule));
  }
  auto has = [&](const char* target) {
    for (const auto& r : spec.rules) {
      if (r.target == target) {
        return true;
      }
    }
    return false;
  };
  for (const char* needed : {"impressions", "clicks", "cost"}) {
    if (!has(needed)) {
      return yaml_error(file, node["columns"].Mark(),
                        fmt::format("format '{}' maps no `{}` column", spec.name, needed));
    }
  }
  if (!has("campaign_id") && !has("campaign_name")) {
    return yaml_error(file, node["columns"].Mark(),
                      fmt::format("format '{}' maps neither campaign_id nor campaign_name", spec.name));
  }
  if (node["detect"]) {
    for (const auto& header : node["detect"]) {
      spec.fingerprint.push_back(header.as<std::string>());
    }
  }
  if (node["channel"]) {
    spec.channel = node["channel"].as<std::string>();
  }
  if (node["skip_total_rows"]) {
    spec.skip_total_rows = node["skip_total_rows"].as<bool>();
  }
  if (node["date_order"]) {
    const auto order = node["date_order"].as<std::string>();
    if (order == "day_first") {
      spec.date_order = DateOrder::kDayFirst;
    } else if (order == "month_first") {
      spec.date_order = DateOrder::kMonthFirst;
    } else if (order != "auto") {
      return yaml_error(file, node["date_order"].Mark(),
                        "date_order is one of auto, day_first, month_first");
    }
  }
  if (node["decimal"]) {
    const auto decimal = node["decimal"].as<std::string>();
    if (decimal != "," && decimal != ".") {
      return yaml_error(file, node["decimal"].Mark(), "decimal is \",\" or \".\"");
    }
    spec.locale.decimal = decimal[0];
    spec.locale.group = decimal[0] == ',' ? '.' : ',';
    spec.locale_set = true;
  }
  return spec;
}

}  // namespace

Result<void> FormatRegistry::add_from_yaml(const std::string& yaml_text, const std::string& file) {
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    const YAML::Node formats = root["formats"];
    if (!formats) {
      return {};
    }
    if (!formats.IsSequence()) {
      return yaml_error(file, formats.Mark(), "`formats:` is a list of user mappings");
    }
    for (const auto& node : formats) {
      auto spec = parse_user_format(node, file);
      if (!spec.ok()) {
        return spec.error();
      }
      add(std::move(spec).value());
    }
    return {};
  } catch (const YAML::Exception& e) {
    return yaml_error(file, e.mark, e.msg);
  }
}

}  // namespace adpilot::ingest
