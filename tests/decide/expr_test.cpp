#include "adpilot/decide/expr.h"

#include <gtest/gtest.h>

#include <map>

namespace adpilot::decide {
namespace {

// Names resolve from a map; "cpa.lower"-style names too.
class MapEnv : public ExprEnvironment {
 public:
  std::map<std::string, Value> values;
  std::optional<std::string> check(const NameRef& ref) const override {
    return values.count(ref.text) != 0 ? std::nullopt : std::optional<std::string>("unknown " + ref.text);
  }
  Value lookup(const NameRef& ref) override {
    std::string key;
    for (const auto& part : ref.path) {
      key += (key.empty() ? "" : ".") + part;
    }
    if (ref.is_call) {
      key = ref.text;
    }
    auto it = values.find(key);
    return it == values.end() ? Value::undefined() : it->second;
  }
};

Value eval_text(const std::string& text, MapEnv& env, EvalOptions options = {}) {
  auto expr = parse_expr(text);
  EXPECT_TRUE(expr.ok()) << text << ": " << (expr.ok() ? "" : expr.error().message);
  return evaluate(*expr, env, options).value;
}

double number(const std::string& text) {
  MapEnv env;
  const Value v = eval_text(text, env);
  EXPECT_TRUE(v.is_number()) << text;
  return v.number;
}

bool truth(const std::string& text, MapEnv& env) {
  const Value v = eval_text(text, env);
  EXPECT_EQ(v.type, Value::Type::kBool) << text;
  return v.boolean;
}

// Parses and expects a failure: the message substring and the 1-based column.
void expect_error(const std::string& text, const std::string& message, int64_t column) {
  auto expr = parse_expr(text);
  ASSERT_FALSE(expr.ok()) << text;
  EXPECT_NE(expr.error().message.find(message), std::string::npos) << text << " → " << expr.error().message;
  EXPECT_EQ(expr.error().context.column, column) << text << " → " << expr.error().message;
}

TEST(ExprTest, ArithmeticPrecedenceAndUnits) {
  EXPECT_DOUBLE_EQ(number("1 + 2 * 3"), 7.0);
  EXPECT_DOUBLE_EQ(number("(1 + 2) * 3"), 9.0);
  EXPECT_DOUBLE_EQ(number("10 - 4 - 3"), 3.0);  // left-associative
  EXPECT_DOUBLE_EQ(number("12 / 4 / 3"), 1.0);
  EXPECT_DOUBLE_EQ(number("-2 * -3"), 6.0);
  EXPECT_DOUBLE_EQ(number("20%"), 0.2);
  EXPECT_DOUBLE_EQ(number("$1,250.50"), 1250.5);
  EXPECT_DOUBLE_EQ(number("2x"), 2.0);
  EXPECT_DOUBLE_EQ(number("2x 3 + 1"), 7.0);  // the multiplier binds to the next term only
  EXPECT_DOUBLE_EQ(number("1.5x (2 + 2)"), 6.0);
  EXPECT_DOUBLE_EQ(number(".5 * 4"), 2.0);
}

TEST(ExprTest, ComparisonsAndLogic) {
  MapEnv env;
  env.values["cpa"] = Value::of_number(84.2, Unit::kMoney);
  env.values["account.median(cpa)"] = Value::of_number(30.0, Unit::kMoney);
  env.values["status"] = Value::of_string("ENABLED");
  env.values["trend.ctr.significant"] = Value::of_bool(true);
  EXPECT_TRUE(truth("cpa > 2x account.median(cpa)", env));
  EXPECT_FALSE(truth("cpa > 3x account.median(cpa)", env));
  EXPECT_TRUE(truth("cpa >= 84.2 and cpa <= 84.2", env));
  EXPECT_TRUE(truth("cpa < 1 or status == \"ENABLED\"", env));
  EXPECT_TRUE(truth("not status == 'PAUSED'", env));
  EXPECT_TRUE(truth("status != 'PAUSED' and trend.ctr.significant", env));
  EXPECT_TRUE(truth("trend.ctr.significant == true", env));
  EXPECT_TRUE(truth("1 < 2 and 2 < 3 or false", env));
  EXPECT_FALSE(truth("false or 1 > 2", env));
}

TEST(ExprTest, UndefinedMakesComparisonsFalse) {
  MapEnv env;
  env.values["cpa"] = Value::undefined(Unit::kMoney);  // no conversions
  EXPECT_FALSE(truth("cpa > 10", env));
  EXPECT_FALSE(truth("cpa <= 10", env));
  EXPECT_FALSE(truth("cpa * 2 > 10", env));
  EXPECT_FALSE(truth("10 / 0 > 1", env));  // division by zero is undefined, not inf
  EXPECT_TRUE(truth("not cpa > 10", env));
}

TEST(ExprTest, TraceRecordsEveryComparisonWithUnits) {
  MapEnv env;
  env.values["cpa"] = Value::of_number(84.2, Unit::kMoney);
  env.values["account.median(cpa)"] = Value::of_number(30.0, Unit::kMoney);
  auto expr = parse_expr("cpa > 2x account.median(cpa)");
  ASSERT_TRUE(expr.ok());
  const EvalResult result = evaluate(*expr, env);
  ASSERT_EQ(result.comparisons.size(), 1U);
  const auto& trace = result.comparisons[0];
  EXPECT_EQ(trace.left_text, "cpa");
  EXPECT_EQ(trace.right_text, "2x account.median(cpa)");
  EXPECT_EQ(format_value(trace.left, "$"), "$84.20");
  EXPECT_EQ(format_value(trace.right, "$"), "$60.00");  // the multiplier keeps the unit
  EXPECT_TRUE(trace.result);
}

TEST(ExprTest, ConfidenceUsesTheBoundThatMustClear) {
  MapEnv env;
  env.values["cpa"] = Value::of_number(84.2, Unit::kMoney);
  env.values["cpa.lower"] = Value::of_number(55.0, Unit::kMoney);
  env.values["cpa.upper"] = Value::of_number(120.0, Unit::kMoney);
  EvalOptions options;
  options.confident_kpis = {"cpa"};
  EXPECT_TRUE(truth("cpa > 60", env));
  EXPECT_FALSE(eval_text("cpa > 60", env, options).boolean);   // lower bound 55 does not clear 60
  EXPECT_TRUE(eval_text("cpa > 50", env, options).boolean);
  EXPECT_FALSE(eval_text("60 < cpa", env, options).boolean);   // the same with cpa on the right
  EXPECT_FALSE(eval_text("cpa < 100", env, options).boolean);  // upper bound 120 is not below 100
  EXPECT_TRUE(eval_text("cpa < 130", env, options).boolean);
  auto expr = parse_expr("cpa > 50");
  const EvalResult traced = evaluate(*expr, env, options);
  EXPECT_EQ(traced.comparisons[0].bound, "lower");
  ASSERT_TRUE(traced.comparisons[0].point_value.has_value());
  EXPECT_DOUBLE_EQ(*traced.comparisons[0].point_value, 84.2);
}

TEST(ExprTest, NamesAreListedInSourceOrder) {
  auto expr = parse_expr("cpa > 2x account.p75(cpa) and trend.ctr.change < -10%");
  ASSERT_TRUE(expr.ok());
  const auto names = expr_names(*expr);
  ASSERT_EQ(names.size(), 3U);
  EXPECT_EQ(names[0].text, "cpa");
  EXPECT_TRUE(names[1].is_call);
  EXPECT_EQ(names[1].text, "account.p75(cpa)");
  EXPECT_EQ(names[1].offset, 9U);
  ASSERT_EQ(names[1].args.size(), 1U);
  EXPECT_EQ(names[1].args[0][0], "cpa");
  EXPECT_EQ(names[2].text, "trend.ctr.change");
}

TEST(ExprTest, EveryParseErrorSaysWhatWasExpectedAndWhere) {
  expect_error("", "the expression is empty", 1);
  expect_error("cpa >", "expected a value after '>', found the end of the expression", 6);
  expect_error("cpa > > 3", "expected a value after '>', found '>'", 7);
  expect_error("cpa = 3", "unknown operator '='; compare with '=='", 5);
  expect_error("cpa > 3 && clicks > 1", "unknown operator '&&'; write 'and'", 9);
  expect_error("cpa > 3 || clicks > 1", "unknown operator '||'; write 'or'", 9);
  expect_error("!paused", "unknown operator '!'; write 'not'", 1);
  expect_error("(cpa > 3", "expected ')' to close the '(' at column 1, found the end of the expression", 9);
  expect_error("()", "expected a value inside '()'", 2);
  expect_error("cpa > 3)", "expected an operator (and, or, <, +, …) or the end, found ')'", 8);
  expect_error("cpa 3", "expected an operator (and, or, <, +, …) or the end, found the number '3'", 5);
  expect_error("status == \"PAUSED", "unterminated text: no closing \"", 11);
  expect_error("cpa > 3 @", "unexpected character '@'", 9);
  expect_error("cpa > 3k", "unknown unit 'k' after a number", 8);
  expect_error("cpa > $", "expected digits after '$'", 7);
  expect_error("cpa > 1.2.3", "'1.2.3' is not a number", 7);
  expect_error("account.", "expected a name after '.', found the end of the expression", 9);
  expect_error("account.median(3)", "expected a metric name as the argument, found the number '3'", 16);
  expect_error("account.median(cpa", "expected ')' to close the call at column 15, found the end", 19);
  expect_error("1 < 2 < 3", "comparisons do not chain", 7);
  expect_error("cpa > 3 and", "expected a value after 'and'", 12);
  expect_error("not", "expected a value after 'not'", 4);
  expect_error("cpa > 3 or", "expected a value after 'or'", 11);
  expect_error("cpa > -", "expected a value after '-'", 8);
}

TEST(ExprTest, FormatsValuesForPeople) {
  EXPECT_EQ(format_value(Value::of_number(1234.5, Unit::kMoney), "$"), "$1,234.50");
  EXPECT_EQ(format_value(Value::of_number(0.0312, Unit::kPercent), "$"), "3.12%");
  EXPECT_EQ(format_value(Value::of_number(2.456, Unit::kRatio), "$"), "2.46x");
  EXPECT_EQ(format_value(Value::of_number(12, Unit::kCount), "$"), "12");
  EXPECT_EQ(format_value(Value::undefined(Unit::kMoney), "$"), "undefined");
  EXPECT_EQ(format_value(Value::of_string("PAUSED"), "$"), "\"PAUSED\"");
}

}  // namespace
}  // namespace adpilot::decide
