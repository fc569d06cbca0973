// Rule conditions: a small expression language over an entity's facts.
//
//   cpa > 2x account.median(cpa) and conversions >= 5
//   not (status == "PAUSED") or roas < 80% * target.roas
//
// Operators, loosest first: or; and; not; < <= > >= == !=; + -; * /; unary -. Numbers take
// units: 2x (a multiplier, 2; "2x term" multiplies), 20% (0.2), $50 (50 in the account's
// currency). Names are dotted paths (cpa, trend.ctr.change, target.cpa) and calls
// (account.median(cpa), account.p75(roas)); which names exist is the facts module's business
// (facts.h), checked when the rules load.
//
// An undefined value (CPA with no conversions) makes every comparison it enters false, and the
// evaluation records that, so a rule never acts on a ratio with a zero denominator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::decide {

// How a value prints: cost-like figures as money, rates as percent, ROAS as a ratio.
enum class Unit : uint8_t { kNone, kMoney, kPercent, kRatio, kCount };

struct Value {
  enum class Type : uint8_t { kNumber, kBool, kString, kUndefined };
  Type type = Type::kUndefined;
  double number = 0.0;
  bool boolean = false;
  std::string text;
  Unit unit = Unit::kNone;

  static Value of_number(double x, Unit unit = Unit::kNone);
  static Value of_bool(bool b);
  static Value of_string(std::string s);
  static Value undefined(Unit unit = Unit::kNone);
  bool is_number() const { return type == Type::kNumber; }
};

struct ExprNode;

// A parsed expression. Positions are 0-based byte offsets into the source text.
class Expr {
 public:
  Expr();
  ~Expr();
  Expr(Expr&&) noexcept;
  Expr& operator=(Expr&&) noexcept;

  const std::string& source() const { return source_; }
  const ExprNode& root() const { return *root_; }

 private:
  friend Result<Expr> parse_expr(std::string text);
  std::string source_;
  std::unique_ptr<ExprNode> root_;
};

// A parse error: message ("expected a value after '>'") and the offset it points at.
struct ExprError {
  std::string message;
  size_t offset = 0;
};

// Parses; on failure the Error's context.column is the 1-based column in `text` and its message
// says what was expected.
Result<Expr> parse_expr(std::string text);

// A name or call in an expression, as the environment sees it.
struct NameRef {
  std::vector<std::string> path;  // {"account", "median"} for account.median(cpa)
  bool is_call = false;
  std::vector<std::vector<std::string>> args;  // each argument a dotted name (calls take names)
  size_t offset = 0;
  std::string text;  // as written: "account.median(cpa)"
};

// What an expression's names mean: validation at load time, values at evaluation.
class ExprEnvironment {
 public:
  virtual ~ExprEnvironment() = default;
  // nullopt when the name is known; otherwise what is wrong ("unknown name 'cpaa'; did you mean
  // 'cpa'?").
  virtual std::optional<std::string> check(const NameRef& ref) const = 0;
  virtual Value lookup(const NameRef& ref) = 0;
};

// Every name and call in the expression, in source order.
std::vector<NameRef> expr_names(const Expr& expr);

// One comparison as evaluated, for the rationale: "cpa $84.20 > 2x account.median(cpa) $61.10".
struct ComparisonTrace {
  std::string left_text;
  std::string op;
  std::string right_text;
  Value left;
  Value right;
  bool result = false;
  // Set when a confidence bound replaced a bare KPI: the point value and the bound used.
  std::optional<double> point_value;
  std::string bound;  // "lower" or "upper"
};

struct EvalOptions {
  // KPIs whose comparisons use their interval instead of the point value: in `kpi > x` the
  // lower bound must clear x, in `kpi < x` the upper bound. The environment resolves
  // "<kpi>.lower" / "<kpi>.upper".
  std::vector<std::string> confident_kpis;
};

struct EvalResult {
  Value value;
  std::vector<ComparisonTrace> comparisons;
};

EvalResult evaluate(const Expr& expr, ExprEnvironment& env, const EvalOptions& options = {});

// A value for people, in its unit: "$84.20", "3.10%", "2.45x", "12", "undefined".
std::string format_value(const Value& value, const std::string& currency_symbol);

}  // namespace adpilot::decide
