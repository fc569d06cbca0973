// The syntax tree of a rule expression (expr.h), shared by the parser and the evaluator.
#pragma once

#include <memory>
#include <string>

#include "adpilot/decide/expr.h"

namespace adpilot::decide {

struct ExprNode {
  enum class Kind : uint8_t { kNumber, kString, kBool, kName, kNegate, kNot, kBinary };
  Kind kind = Kind::kNumber;
  double number = 0.0;
  Unit unit = Unit::kNone;  // of a literal: $50 is money
  bool boolean = false;
  std::string text;         // a string literal, or a binary operator: "+", "<=", "and" …
  NameRef name;
  std::unique_ptr<ExprNode> left;   // the operand of unary nodes
  std::unique_ptr<ExprNode> right;
  size_t begin = 0;  // source span [begin, end)
  size_t end = 0;
};

}  // namespace adpilot::decide
