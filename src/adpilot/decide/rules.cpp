#include "adpilot/decide/rules.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "adpilot/core/hash.h"
#include "adpilot/decide/detail/expr_node.h"
#include "adpilot/decide/detail/facts.h"

namespace adpilot::decide {

namespace {

// Throws a rules error at a YAML node: file:line:column, the rule it belongs to.
class RulesReader {
 public:
  RulesReader(const std::string& text, std::string file) : file_(std::move(file)) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      lines_.push_back(line);
    }
  }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message, std::string hint = {},
                         int column_offset = 0) const {
    ErrorContext context;
    context.file = file_;
    if (mark.line >= 0) {
      context.line = mark.line + 1;
      context.column = mark.column + 1 + column_offset;
    }
    context.field = field_;
    const std::string prefix = rule_.empty() ? "" : fmt::format("rule '{}': ", rule_);
    throw_error(ErrorCode::kParse, prefix + message, context, std::move(hint));
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message, std::string hint = {}) const {
    fail(node.Mark(), message, std::move(hint));
  }

  void set_rule(std::string name) { rule_ = std::move(name); }
  void set_field(std::string field) { field_ = std::move(field); }

  std::string scalar(const YAML::Node& node, const char* what) const {
    if (!node.IsScalar()) {
      fail(node, fmt::format("{} must be a single value", what));
    }
    return node.Scalar();
  }

  // 30%, $1,000, 3x, 40: a constant in the expression language.
  Value quantity(const YAML::Node& node, const char* what) const {
    const std::string text = scalar(node, what);
    auto expr = parse_expr(text);
    if (!expr.ok()) {
      fail(node, fmt::format("{} '{}' is not a number: {}", what, text, expr.error().message),
           "write a number, a percentage (20%), a multiple (2x) or an amount ($50)");
    }
    if (!expr_names(*expr).empty()) {
      fail(node, fmt::format("{} '{}' must be a constant, not an expression over names", what, text));
    }
    class NoNames : public ExprEnvironment {
     public:
      std::optional<std::string> check(const NameRef&) const override { return std::nullopt; }
      Value lookup(const NameRef&) override { return Value::undefined(); }
    } env;
    Value value = evaluate(*expr, env).value;
    if (!value.is_number()) {
      fail(node, fmt::format("{} '{}' is not a number", what, text));
    }
    return value;
  }

  // Where a scalar's text starts in the file: past the opening quote of a quoted scalar.
  int text_column(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line >= 0 && static_cast<size_t>(mark.line) < lines_.size()) {
      const std::string& line = lines_[static_cast<size_t>(mark.line)];
      if (static_cast<size_t>(mark.column) < line.size()) {
        const char c = line[static_cast<size_t>(mark.column)];
        if (c == '"' || c == '\'') {
          return mark.column + 1;
        }
        if (c == '|' || c == '>') {
          return -1;  // a block scalar: the text starts on the next lines
        }
      }
    }
    return mark.column;
  }

 private:
  std::string file_;
  std::vector<std::string> lines_;
  std::string rule_;
  std::string field_;
};

void check_keys(const RulesReader& reader, const YAML::Node& map, std::initializer_list<const char*> keys,
                const char* where) {
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    bool known = false;
    std::string list;
    for (const char* k : keys) {
      known = known || key == k;
      list += (list.empty() ? "" : ", ") + std::string(k);
    }
    if (!known) {
      reader.fail(entry.first, fmt::format("unknown key '{}' in {}", key, where),
                  fmt::format("{} takes: {}", where, list));
    }
  }
}

RuleWindow parse_window(const RulesReader& reader, const YAML::Node& node) {
  RuleWindow window;
  window.text = reader.scalar(node, "window");
  if (window.text == "this_month") {
    window.this_month = true;
    window.days = 0;
    return window;
  }
  auto days = parse_day_count(window.text);
  if (!days || *days < 1 || *days > 3660) {
    reader.fail(node, fmt::format("window '{}' is not a number of days", window.text),
                "write 7d, 14d, 30d, 4w or this_month");
  }
  window.days = *days;
  return window;
}

Requirement parse_require(const RulesReader& reader, const YAML::Node& node) {
  if (!node.IsMap()) {
    reader.fail(node, "require must be a mapping such as {conversions: 5, clicks: 100}");
  }
  check_keys(reader, node, {"impressions", "clicks", "conversions", "cost", "days"}, "require");
  Requirement out;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (key == "days" && entry.second.IsScalar()) {
      if (auto days = parse_day_count(entry.second.Scalar())) {
        out.days = static_cast<double>(*days);
        continue;
      }
    }
    const Value value = reader.quantity(entry.second, key.c_str());
    if (value.number < 0) {
      reader.fail(entry.second, fmt::format("require.{} cannot be negative", key));
    }
    if (key == "impressions") out.impressions = value.number;
    if (key == "clicks") out.clicks = value.number;
    if (key == "conversions") out.conversions = value.number;
    if (key == "cost") out.cost = value.number;
    if (key == "days") out.days = value.number;
  }
  return out;
}

ActionSpec parse_then(const RulesReader& reader, const YAML::Node& node, EntityLevel scope) {
  ActionSpec spec;
  if (node.IsScalar()) {
    spec.text = node.Scalar();
    if (spec.text == "pause") {
      spec.kind = ActionKind::kPause;
    } else if (spec.text == "enable") {
      spec.kind = ActionKind::kEnable;
    } else if (spec.text == "alert") {
      spec.kind = ActionKind::kAlert;
    } else {
      reader.fail(node, fmt::format("unknown action '{}'", spec.text),
                  "then: pause | enable | alert | {budget: +20%} | {budget: set 150} | {bid: -10%} | "
                  "{alert: \"message\"}");
    }
    return spec;
  }
  if (!node.IsMap() || node.size() != 1) {
    reader.fail(node, "then must be one action: pause, enable, alert, {budget: ±N%}, {budget: set N}, "
                      "{bid: ±N%} or {alert: \"message\"}");
  }
  const auto entry = *node.begin();
  const std::string verb = entry.first.Scalar();
  const std::string arg = reader.scalar(entry.second, verb.c_str());
  spec.text = verb + ": " + arg;
  if (verb == "alert") {
    spec.kind = ActionKind::kAlert;
    spec.message = arg;
    return spec;
  }
  if (verb != "budget" && verb != "bid") {
    reader.fail(entry.first, fmt::format("unknown action '{}'", verb),
                "then: pause | enable | alert | {budget: +20%} | {budget: set 150} | {bid: -10%}");
  }
  spec.kind = verb == "budget" ? ActionKind::kBudget : ActionKind::kBid;
  if (spec.kind == ActionKind::kBudget && scope != EntityLevel::kCampaign) {
    reader.fail(entry.first, "budget actions need scope: campaign (daily budgets belong to campaigns)");
  }
  if (arg.rfind("set ", 0) == 0) {
    if (spec.kind != ActionKind::kBudget) {
      reader.fail(entry.second, "bid takes a relative change such as +10% or -15%, not set");
    }
    YAML::Node amount(arg.substr(4));
    const Value value = reader.quantity(amount, "budget: set");
    if (value.number <= 0) {
      reader.fail(entry.second, "budget: set needs a positive daily budget");
    }
    spec.budget_set = true;
    spec.set_units = value.number;
    return spec;
  }
  if (arg.empty() || (arg[0] != '+' && arg[0] != '-') || arg.back() != '%') {
    reader.fail(entry.second, fmt::format("{} '{}' must be a signed percentage such as +20% or -30%{}", verb, arg,
                                          spec.kind == ActionKind::kBudget ? ", or set 150" : ""));
  }
  const Value value = reader.quantity(entry.second, verb.c_str());
  spec.change = value.number;
  if (spec.change <= -1.0) {
    reader.fail(entry.second, fmt::format("{} cannot fall by 100% or more; use pause", verb));
  }
  return spec;
}

void parse_confidence(const RulesReader& reader, const YAML::Node& node, Rule& rule) {
  YAML::Node level;
  level.reset(node);  // rebinds; operator= would overwrite the node it refers to
  std::vector<std::string> kpis;
  if (node.IsMap()) {
    check_keys(reader, node, {"level", "kpis"}, "confidence");
    if (!node["level"]) {
      reader.fail(node, "confidence needs a level, such as 90%");
    }
    level.reset(node["level"]);
    if (node["kpis"]) {
      const YAML::Node list = node["kpis"];
      if (list.IsScalar()) {
        kpis.push_back(list.Scalar());
      } else {
        for (const auto& item : list) {
          kpis.push_back(reader.scalar(item, "confidence.kpis"));
        }
      }
      for (const auto& kpi : kpis) {
        if (!has_interval(kpi)) {
          reader.fail(list, fmt::format("confidence.kpis: '{}' has no interval", kpi),
                      "intervals exist for ctr, cvr, cpc, cpm, cpa and roas");
        }
      }
    }
  }
  const Value value = reader.quantity(level, "confidence");
  if (!(value.number > 0.5 && value.number < 1.0)) {
    reader.fail(level, fmt::format("confidence {} must be a level between 50% and 100%, such as 90%",
                                   level.Scalar()));
  }
  rule.confidence = value.number;
  if (kpis.empty()) {
    // Every interval KPI the condition compares.
    for (const auto& ref : expr_names(rule.when)) {
      if (!ref.is_call && ref.path.size() == 1 && has_interval(ref.path[0]) &&
          std::find(kpis.begin(), kpis.end(), ref.path[0]) == kpis.end()) {
        kpis.push_back(ref.path[0]);
      }
    }
    if (kpis.empty()) {
      reader.fail(node, "confidence is set but the condition compares no KPI with an interval "
                        "(ctr, cvr, cpc, cpm, cpa, roas)");
    }
  }
  rule.confident_kpis = std::move(kpis);
}

Rule parse_rule(RulesReader& reader, const YAML::Node& node, int order,
                const std::map<std::string, Value>& targets, std::set<std::string>& names) {
  if (!node.IsMap()) {
    reader.fail(node, "each rule must be a mapping with name, scope, window, when and then");
  }
  Rule rule;
  rule.order = order;
  rule.line = node.Mark().line + 1;
  reader.set_rule("");
  if (!node["name"]) {
    reader.fail(node, fmt::format("rule #{} has no name", order + 1));
  }
  rule.name = reader.scalar(node["name"], "name");
  if (!names.insert(rule.name).second) {
    reader.fail(node["name"], fmt::format("two rules are named '{}'", rule.name));
  }
  reader.set_rule(rule.name);
  check_keys(reader, node,
             {"name", "description", "scope", "window", "when", "require", "confidence", "then", "cooldown",
              "priority"},
             "a rule");
  for (const char* key : {"when", "then"}) {
    if (!node[key]) {
      reader.fail(node, fmt::format("'{}' is missing", key));
    }
  }
  if (node["description"]) {
    rule.description = reader.scalar(node["description"], "description");
  }
  if (node["scope"]) {
    const std::string scope = reader.scalar(node["scope"], "scope");
    auto level = parse_entity_level(scope);
    if (!level) {
      reader.fail(node["scope"], fmt::format("scope '{}' is not campaign, ad_group or ad", scope));
    }
    rule.scope = *level;
  }
  if (node["window"]) {
    rule.window = parse_window(reader, node["window"]);
  } else {
    rule.window.text = "14d";
  }
  const YAML::Node when = node["when"];
  const std::string when_text = reader.scalar(when, "when");
  const int text_column = reader.text_column(when);
  const bool one_line = when_text.find('\n') == std::string::npos && text_column >= 0;
  rule.when_line = when.Mark().line + 1;
  rule.when_column = text_column + 1;
  reader.set_field("when");
  auto parsed = parse_expr(when_text);
  if (!parsed.ok()) {
    const int64_t column = parsed.error().context.column;
    if (one_line) {
      reader.fail(when.Mark(), "when: " + parsed.error().message, {},
                  static_cast<int>(column - 1) + (text_column - when.Mark().column));
    }
    reader.fail(when.Mark(), fmt::format("when: {} (at character {} of the condition)", parsed.error().message, column));
  }
  rule.when = std::move(*parsed);
  for (const auto& ref : expr_names(rule.when)) {
    if (auto problem = check_fact_name(ref, targets)) {
      if (one_line) {
        reader.fail(when.Mark(), "when: " + *problem, "docs/rules.md lists every name a condition can use",
                    static_cast<int>(ref.offset) + (text_column - when.Mark().column));
      }
      reader.fail(when.Mark(), "when: " + *problem, "docs/rules.md lists every name a condition can use");
    }
  }
  if (rule.when.root().kind == ExprNode::Kind::kNumber || rule.when.root().kind == ExprNode::Kind::kString ||
      (rule.when.root().kind == ExprNode::Kind::kBinary &&
       std::string("+-*/").find(rule.when.root().text) != std::string::npos)) {
    reader.fail(when, "when must be a condition (a comparison, and/or/not), not a number");
  }
  reader.set_field("");
  if (node["require"]) {
    reader.set_field("require");
    rule.require = parse_require(reader, node["require"]);
  }
  reader.set_field("then");
  rule.then = parse_then(reader, node["then"], rule.scope);
  if (node["confidence"]) {
    reader.set_field("confidence");
    parse_confidence(reader, node["confidence"], rule);
  }
  if (node["cooldown"]) {
    reader.set_field("cooldown");
    auto days = parse_day_count(reader.scalar(node["cooldown"], "cooldown"));
    if (!days || *days < 0) {
      reader.fail(node["cooldown"], fmt::format("cooldown '{}' is not a number of days", node["cooldown"].Scalar()),
                  "write 7d or 2w");
    }
    rule.cooldown_days = *days;
  }
  if (node["priority"]) {
    reader.set_field("priority");
    const Value value = reader.quantity(node["priority"], "priority");
    rule.priority = static_cast<int>(value.number);
    if (static_cast<double>(rule.priority) != value.number) {
      reader.fail(node["priority"], "priority must be a whole number");
    }
  }
  reader.set_field("");
  return rule;
}

Guardrails parse_guardrails(const RulesReader& reader, const YAML::Node& node) {
  if (!node.IsMap()) {
    reader.fail(node, "guardrails must be a mapping");
  }
  check_keys(reader, node,
             {"max_budget_change", "max_total_budget_change", "max_actions", "budget_cap", "budget_floor", "lock"},
             "guardrails");
  Guardrails out;
  auto fraction = [&](const char* key) -> std::optional<double> {
    if (!node[key]) {
      return std::nullopt;
    }
    const Value value = reader.quantity(node[key], key);
    if (value.unit != Unit::kPercent || value.number <= 0) {
      reader.fail(node[key], fmt::format("{} must be a positive percentage such as 30%", key));
    }
    return value.number;
  };
  auto amount = [&](const char* key) -> std::optional<double> {
    if (!node[key]) {
      return std::nullopt;
    }
    const Value value = reader.quantity(node[key], key);
    if (value.number < 0 || value.unit == Unit::kPercent) {
      reader.fail(node[key], fmt::format("{} must be an amount such as $500", key));
    }
    return value.number;
  };
  out.max_budget_change = fraction("max_budget_change");
  out.max_total_budget_change = fraction("max_total_budget_change");
  out.budget_cap = amount("budget_cap");
  out.budget_floor = amount("budget_floor");
  if (node["max_actions"]) {
    const Value value = reader.quantity(node["max_actions"], "max_actions");
    if (value.number < 0 || value.number != static_cast<double>(static_cast<int>(value.number))) {
      reader.fail(node["max_actions"], "max_actions must be a whole number ≥ 0");
    }
    out.max_actions = static_cast<int>(value.number);
  }
  if (node["lock"]) {
    const YAML::Node lock = node["lock"];
    if (lock.IsScalar()) {
      out.lock.push_back(lock.Scalar());
    } else if (lock.IsSequence()) {
      for (const auto& item : lock) {
        out.lock.push_back(reader.scalar(item, "lock"));
      }
    } else {
      reader.fail(lock, "lock must be a list of campaign ids or names");
    }
  }
  return out;
}

bool glob_match(const std::string& pattern, const std::string& text) {
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string::npos;
  size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

}  // namespace

std::optional<int> parse_day_count(const std::string& text) {
  if (text.empty()) {
    return std::nullopt;
  }
  int value = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    value = value * 10 + (text[i] - '0');
    if (value > 100000) {
      return std::nullopt;
    }
  }
  if (i == 0) {
    return std::nullopt;
  }
  const std::string unit = text.substr(i);
  if (unit.empty() || unit == "d") {
    return value;
  }
  if (unit == "w") {
    return value * 7;
  }
  return std::nullopt;
}

bool is_locked(const Guardrails& guardrails, const std::string& id, const std::string& name) {
  for (const auto& pattern : guardrails.lock) {
    if (glob_match(pattern, id) || glob_match(pattern, name)) {
      return true;
    }
  }
  return false;
}

Result<RuleSet> parse_rules(const std::string& text, const std::string& file) {
  return guard([&]() -> Result<RuleSet> {
    RulesReader reader(text, file);
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      reader.fail(e.mark, "not valid YAML: " + e.msg);
    }
    if (!root.IsMap()) {
      reader.fail(root.Mark(), "a rules file is a mapping with `rules:` (and optionally `targets:`, `guardrails:`)");
    }
    check_keys(reader, root, {"version", "targets", "guardrails", "rules"}, "the rules file");
    RuleSet set;
    set.file = file;
    set.hash = fmt::format("{:016x}", hash_bytes(text.data(), text.size()));
    if (root["version"] && reader.scalar(root["version"], "version") != "1") {
      reader.fail(root["version"], fmt::format("version {} is not supported; this adpilot reads version 1",
                                               root["version"].Scalar()));
    }
    if (root["targets"]) {
      const YAML::Node targets = root["targets"];
      if (!targets.IsMap()) {
        reader.fail(targets, "targets must be a mapping such as {cpa: $40, roas: 3x}");
      }
      for (const auto& entry : targets) {
        const std::string key = entry.first.Scalar();
        Value value = reader.quantity(entry.second, ("targets." + key).c_str());
        if (value.unit == Unit::kNone) {
          value.unit = fact_unit(key);
        }
        set.targets[key] = value;
      }
    }
    if (root["guardrails"]) {
      set.guardrails = parse_guardrails(reader, root["guardrails"]);
    }
    if (!root["rules"] || !root["rules"].IsSequence()) {
      reader.fail(root.Mark(), "`rules:` must be a list of rules");
    }
    std::set<std::string> names;
    int order = 0;
    for (const auto& node : root["rules"]) {
      set.rules.push_back(parse_rule(reader, node, order++, set.targets, names));
    }
    return set;
  });
}

Result<RuleSet> load_rules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kIo, fmt::format("cannot open rules file '{}'", path), ErrorContext{path, 0, 0, "", ""},
                      "pass --rules FILE; data/rules.yaml holds the default rules");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_rules(buffer.str(), path);
}

}  // namespace adpilot::decide
