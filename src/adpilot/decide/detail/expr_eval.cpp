// Evaluation of rule expressions, with a trace of every comparison for the rationale.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "adpilot/core/format_number.h"
#include "adpilot/decide/detail/expr_node.h"
#include "adpilot/decide/expr.h"

namespace adpilot::decide {

namespace {

Unit combine_units(const Value& a, const Value& b, const std::string& op) {
  if (op == "/" && a.unit != Unit::kNone && a.unit == b.unit) {
    return Unit::kNone;  // $ / $ is a plain number
  }
  if (op == "*" || op == "/") {
    // A percentage or a count scales a quantity: 60% * target.roas is a ROAS, budget * days money.
    auto weight = [](Unit u) { return u == Unit::kNone ? 0 : (u == Unit::kPercent || u == Unit::kCount) ? 1 : 2; };
    return weight(b.unit) > weight(a.unit) && op == "*" ? b.unit : (a.unit != Unit::kNone ? a.unit : b.unit);
  }
  return a.unit != Unit::kNone ? a.unit : b.unit;
}

bool is_comparison(const std::string& op) {
  return op == "<" || op == "<=" || op == ">" || op == ">=" || op == "==" || op == "!=";
}

bool compare_numbers(double a, double b, const std::string& op) {
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == ">") return a > b;
  if (op == ">=") return a >= b;
  if (op == "==") return a == b;
  return a != b;
}

class Evaluator {
 public:
  Evaluator(const Expr& expr, ExprEnvironment& env, const EvalOptions& options)
      : expr_(expr), env_(env), options_(options) {}

  Value eval(const ExprNode& node) {
    switch (node.kind) {
      case ExprNode::Kind::kNumber:
        return Value::of_number(node.number, node.unit);
      case ExprNode::Kind::kString:
        return Value::of_string(node.text);
      case ExprNode::Kind::kBool:
        return Value::of_bool(node.boolean);
      case ExprNode::Kind::kName:
        return env_.lookup(node.name);
      case ExprNode::Kind::kNegate: {
        Value v = eval(*node.left);
        if (v.is_number()) {
          v.number = -v.number;
        }
        return v.is_number() || v.type == Value::Type::kUndefined ? v : Value::undefined();
      }
      case ExprNode::Kind::kNot: {
        const Value v = eval(*node.left);
        return Value::of_bool(!(v.type == Value::Type::kBool && v.boolean));
      }
      case ExprNode::Kind::kBinary:
        return binary(node);
    }
    return Value::undefined();
  }

  std::vector<ComparisonTrace> traces;

 private:
  std::string text_of(const ExprNode& node) const {
    return expr_.source().substr(node.begin, node.end - node.begin);
  }

  // For a confident KPI standing bare on one side of <, <=, >, >=: the bound that must clear.
  const char* bound_for(const ExprNode& side, bool is_left, const std::string& op) const {
    if (side.kind != ExprNode::Kind::kName || side.name.is_call || side.name.path.size() != 1) {
      return nullptr;
    }
    const auto& kpis = options_.confident_kpis;
    if (std::find(kpis.begin(), kpis.end(), side.name.path[0]) == kpis.end()) {
      return nullptr;
    }
    const bool greater = op == ">" || op == ">=";
    const bool less = op == "<" || op == "<=";
    if (!greater && !less) {
      return nullptr;
    }
    // kpi > x and x < kpi both need the kpi's lower bound above x.
    return (greater == is_left) ? "lower" : "upper";
  }

  Value side_value(const ExprNode& side, const char* bound, ComparisonTrace& trace) {
    if (bound == nullptr) {
      return eval(side);
    }
    const Value point = eval(side);
    if (point.is_number()) {
      trace.point_value = point.number;
    }
    trace.bound = bound;
    NameRef ref = side.name;
    ref.path.push_back(bound);
    ref.text += std::string(".") + bound;
    return env_.lookup(ref);
  }

  Value binary(const ExprNode& node) {
    const std::string& op = node.text;
    if (op == "and" || op == "or") {
      const Value left = eval(*node.left);
      const bool l = left.type == Value::Type::kBool && left.boolean;
      if (op == "and" && !l) {
        return Value::of_bool(false);
      }
      if (op == "or" && l) {
        return Value::of_bool(true);
      }
      const Value right = eval(*node.right);
      return Value::of_bool(right.type == Value::Type::kBool && right.boolean);
    }
    if (is_comparison(op)) {
      ComparisonTrace trace;
      trace.left_text = text_of(*node.left);
      trace.right_text = text_of(*node.right);
      trace.op = op;
      const char* left_bound = bound_for(*node.left, true, op);
      const char* right_bound = left_bound == nullptr ? bound_for(*node.right, false, op) : nullptr;
      trace.left = side_value(*node.left, left_bound, trace);
      trace.right = side_value(*node.right, right_bound, trace);
      const Value& a = trace.left;
      const Value& b = trace.right;
      bool result = false;
      if (a.is_number() && b.is_number()) {
        result = compare_numbers(a.number, b.number, op);
      } else if (a.type == Value::Type::kString && b.type == Value::Type::kString && (op == "==" || op == "!=")) {
        result = (a.text == b.text) == (op == "==");
      } else if (a.type == Value::Type::kBool && b.type == Value::Type::kBool && (op == "==" || op == "!=")) {
        result = (a.boolean == b.boolean) == (op == "==");
      }
      trace.result = result;
      traces.push_back(std::move(trace));
      return Value::of_bool(result);
    }
    const Value a = eval(*node.left);
    const Value b = eval(*node.right);
    if (!a.is_number() || !b.is_number()) {
      return Value::undefined(combine_units(a, b, op));
    }
    const Unit unit = combine_units(a, b, op);
    if (op == "+") return Value::of_number(a.number + b.number, unit);
    if (op == "-") return Value::of_number(a.number - b.number, unit);
    if (op == "*") return Value::of_number(a.number * b.number, unit);
    if (b.number == 0.0) {
      return Value::undefined(unit);
    }
    return Value::of_number(a.number / b.number, unit);
  }

  const Expr& expr_;
  ExprEnvironment& env_;
  const EvalOptions& options_;
};

}  // namespace

EvalResult evaluate(const Expr& expr, ExprEnvironment& env, const EvalOptions& options) {
  Evaluator evaluator(expr, env, options);
  EvalResult result;
  result.value = evaluator.eval(expr.root());
  result.comparisons = std::move(evaluator.traces);
  return result;
}

std::string format_value(const Value& value, const std::string& currency_symbol) {
  switch (value.type) {
    case Value::Type::kUndefined:
      return "undefined";
    case Value::Type::kBool:
      return value.boolean ? "true" : "false";
    case Value::Type::kString:
      return fmt::format("\"{}\"", value.text);
    case Value::Type::kNumber:
      break;
  }
  const double x = value.number;
  if (!std::isfinite(x)) {
    return x > 0 ? "∞" : "undefined";
  }
  switch (value.unit) {
    case Unit::kMoney:
      return format_money(x, currency_symbol);
    case Unit::kPercent:
      return format_percent(x);
    case Unit::kRatio:
      return fmt::format("{:.2f}x", x);
    case Unit::kCount:
      return format_count(x, std::fabs(x - std::round(x)) < 1e-9 ? 0 : 1);
    case Unit::kNone:
      break;
  }
  if (std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 1e15) {
    return format_count(x, 0);
  }
  return fmt::format("{:.4g}", x);
}

}  // namespace adpilot::decide
