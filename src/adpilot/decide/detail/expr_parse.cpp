// Lexer and recursive-descent parser of rule expressions. Errors say what was expected and point
// at the offending column, since rule files are written by hand.
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "adpilot/decide/detail/expr_node.h"
#include "adpilot/decide/expr.h"

namespace adpilot::decide {

namespace {

enum class Tok : uint8_t { kNumber, kString, kName, kDot, kLParen, kRParen, kComma, kOp, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // as written
  double number = 0.0;
  Unit unit = Unit::kNone;
  bool multiplier = false;  // 2x
  size_t begin = 0;
  size_t end = 0;
};

class ParseFailure : public std::exception {
 public:
  ParseFailure(std::string message, size_t offset) : error{std::move(message), offset} {}
  const char* what() const noexcept override { return error.message.c_str(); }
  ExprError error;
};

std::string describe(const Token& token) {
  switch (token.kind) {
    case Tok::kEnd:
      return "the end of the expression";
    case Tok::kString:
      return fmt::format("the text {}", token.text);
    case Tok::kNumber:
      return fmt::format("the number '{}'", token.text);
    case Tok::kName:
      return fmt::format("the name '{}'", token.text);
    default:
      return fmt::format("'{}'", token.text);
  }
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<Token> lex(const std::string& s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
      continue;
    }
    Token token;
    token.begin = i;
    if (is_digit(c) || c == '$' || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
      const bool money = c == '$';
      size_t j = money ? i + 1 : i;
      const size_t digits_begin = j;
      while (j < s.size() && (is_digit(s[j]) || s[j] == '.' || (money && s[j] == ','))) {
        ++j;
      }
      std::string digits;
      for (size_t k = digits_begin; k < j; ++k) {
        if (s[k] != ',') {
          digits += s[k];
        }
      }
      if (digits.empty()) {
        throw ParseFailure("expected digits after '$'", i);
      }
      const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), token.number);
      if (parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size()) {
        throw ParseFailure(fmt::format("'{}' is not a number", s.substr(i, j - i)), i);
      }
      token.unit = money ? Unit::kMoney : Unit::kNone;
      if (!money && j < s.size() && s[j] == '%') {
        token.number /= 100.0;
        token.unit = Unit::kPercent;
        ++j;
      } else if (!money && j < s.size() && s[j] == 'x' && (j + 1 >= s.size() || !is_name_char(s[j + 1]))) {
        token.multiplier = true;
        ++j;
      } else if (j < s.size() && is_name_start(s[j])) {
        size_t k = j;
        while (k < s.size() && is_name_char(s[k])) {
          ++k;
        }
        throw ParseFailure(fmt::format("unknown unit '{}' after a number (units: x, %, and $ "
                                       "before the number)", s.substr(j, k - j)), j);
      }
      token.kind = Tok::kNumber;
      token.end = j;
      token.text = s.substr(i, j - i);
      tokens.push_back(token);
      i = j;
      continue;
    }
    if (is_name_start(c)) {
      size_t j = i;
      while (j < s.size() && is_name_char(s[j])) {
        ++j;
      }
      token.kind = Tok::kName;
      token.text = s.substr(i, j - i);
      token.end = j;
      if (token.text == "and" || token.text == "or" || token.text == "not") {
        token.kind = Tok::kOp;
      }
      tokens.push_back(token);
      i = j;
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c) {
        ++j;
      }
      if (j >= s.size()) {
        throw ParseFailure(fmt::format("unterminated text: no closing {}", c), i);
      }
      token.kind = Tok::kString;
      token.text = s.substr(i, j + 1 - i);
      token.end = j + 1;
      tokens.push_back(token);
      i = j + 1;
      continue;
    }
    const std::string two = s.substr(i, 2);
    if (two == "<=" || two == ">=" || two == "==" || two == "!=") {
      token.kind = Tok::kOp;
      token.text = two;
      token.end = i + 2;
      tokens.push_back(token);
      i += 2;
      continue;
    }
    if (two == "&&" || two == "||") {
      throw ParseFailure(fmt::format("unknown operator '{}'; write '{}'", two, two == "&&" ? "and" : "or"), i);
    }
    token.end = i + 1;
    token.text = std::string(1, c);
    switch (c) {
      case '<': case '>': case '+': case '-': case '*': case '/':
        token.kind = Tok::kOp;
        break;
      case '.': token.kind = Tok::kDot; break;
      case '(': token.kind = Tok::kLParen; break;
      case ')': token.kind = Tok::kRParen; break;
      case ',': token.kind = Tok::kComma; break;
      case '=':
        throw ParseFailure("unknown operator '='; compare with '=='", i);
      case '!':
        throw ParseFailure("unknown operator '!'; write 'not'", i);
      default:
        throw ParseFailure(fmt::format("unexpected character '{}'", c), i);
    }
    tokens.push_back(token);
    ++i;
  }
  Token end;
  end.kind = Tok::kEnd;
  end.begin = end.end = s.size();
  tokens.push_back(end);
  return tokens;
}

class Parser {
 public:
  Parser(const std::string& source, std::vector<Token> tokens) : source_(source), tokens_(std::move(tokens)) {}

  std::unique_ptr<ExprNode> parse() {
    if (peek().kind == Tok::kEnd) {
      throw ParseFailure("the expression is empty", 0);
    }
    auto node = parse_or();
    if (peek().kind != Tok::kEnd) {
      const Token& t = peek();
      throw ParseFailure(fmt::format("expected an operator (and, or, <, +, …) or the end, found {}",
                                     describe(t)), t.begin);
    }
    return node;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_++]; }
  bool at_op(const char* op) const { return peek().kind == Tok::kOp && peek().text == op; }

  std::unique_ptr<ExprNode> binary(std::string op, std::unique_ptr<ExprNode> left,
                                   std::unique_ptr<ExprNode> right) {
    auto node = std::make_unique<ExprNode>();
    node->kind = ExprNode::Kind::kBinary;
    node->text = std::move(op);
    node->begin = left->begin;
    node->end = right->end;
    node->left = std::move(left);
    node->right = std::move(right);
    return node;
  }

  std::unique_ptr<ExprNode> parse_or() {
    auto left = parse_and();
    while (at_op("or")) {
      next();
      left = binary("or", std::move(left), operand_after("or", &Parser::parse_and));
    }
    return left;
  }
  std::unique_ptr<ExprNode> parse_and() {
    auto left = parse_not();
    while (at_op("and")) {
      next();
      left = binary("and", std::move(left), operand_after("and", &Parser::parse_not));
    }
    return left;
  }
  std::unique_ptr<ExprNode> parse_not() {
    if (at_op("not")) {
      const Token& t = next();
      auto node = std::make_unique<ExprNode>();
      node->kind = ExprNode::Kind::kNot;
      node->begin = t.begin;
      node->left = operand_after("not", &Parser::parse_not);
      node->end = node->left->end;
      return node;
    }
    return parse_comparison();
  }
  std::unique_ptr<ExprNode> parse_comparison() {
    auto left = parse_sum();
    for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
      if (at_op(op)) {
        next();
        auto node = binary(op, std::move(left), operand_after(op, &Parser::parse_sum));
        for (const char* again : {"<", "<=", ">", ">=", "==", "!="}) {
          if (at_op(again)) {
            throw ParseFailure(fmt::format("comparisons do not chain: write 'a {} b and b {} c'", op, again),
                               peek().begin);
          }
        }
        return node;
      }
    }
    return left;
  }
  std::unique_ptr<ExprNode> parse_sum() {
    auto left = parse_product();
    while (at_op("+") || at_op("-")) {
      const std::string op = next().text;
      left = binary(op, std::move(left), operand_after(op, &Parser::parse_product));
    }
    return left;
  }
  std::unique_ptr<ExprNode> parse_product() {
    auto left = parse_unary();
    while (at_op("*") || at_op("/")) {
      const std::string op = next().text;
      left = binary(op, std::move(left), operand_after(op, &Parser::parse_unary));
    }
    return left;
  }
  std::unique_ptr<ExprNode> parse_unary() {
    if (at_op("+")) {  // +20%: a sign for readability
      next();
      return operand_after("+", &Parser::parse_unary);
    }
    if (at_op("-")) {
      const Token& t = next();
      auto node = std::make_unique<ExprNode>();
      node->kind = ExprNode::Kind::kNegate;
      node->begin = t.begin;
      node->left = operand_after("-", &Parser::parse_unary);
      node->end = node->left->end;
      return node;
    }
    return parse_primary();
  }

  // The operand an operator needs; a clear message when it is missing.
  std::unique_ptr<ExprNode> operand_after(const std::string& op, std::unique_ptr<ExprNode> (Parser::*rule)()) {
    const Token& t = peek();
    const bool starts_operand = t.kind == Tok::kNumber || t.kind == Tok::kString || t.kind == Tok::kName ||
                                t.kind == Tok::kLParen ||
                                (t.kind == Tok::kOp && (t.text == "-" || t.text == "+" || t.text == "not"));
    if (!starts_operand) {
      throw ParseFailure(fmt::format("expected a value after '{}', found {}", op, describe(t)), t.begin);
    }
    return (this->*rule)();
  }

  bool starts_primary() const {
    const Tok kind = peek().kind;
    return kind == Tok::kNumber || kind == Tok::kName || kind == Tok::kLParen;
  }

  std::unique_ptr<ExprNode> parse_primary() {
    const Token& t = peek();
    auto node = std::make_unique<ExprNode>();
    node->begin = t.begin;
    switch (t.kind) {
      case Tok::kNumber: {
        next();
        node->kind = ExprNode::Kind::kNumber;
        node->number = t.number;
        node->unit = t.unit;
        node->end = t.end;
        if (t.multiplier && starts_primary()) {
          // "2x account.median(cpa)": the multiplier applies to the term that follows.
          auto term = parse_primary();
          return binary("*", std::move(node), std::move(term));
        }
        return node;
      }
      case Tok::kString:
        next();
        node->kind = ExprNode::Kind::kString;
        node->text = t.text.substr(1, t.text.size() - 2);
        node->end = t.end;
        return node;
      case Tok::kLParen: {
        next();
        if (peek().kind == Tok::kRParen) {
          throw ParseFailure("expected a value inside '()'", peek().begin);
        }
        auto inner = parse_or();
        if (peek().kind != Tok::kRParen) {
          throw ParseFailure(fmt::format("expected ')' to close the '(' at column {}, found {}", t.begin + 1,
                                         describe(peek())), peek().begin);
        }
        node->end = next().end;
        inner->begin = node->begin;
        inner->end = node->end;
        return inner;
      }
      case Tok::kName:
        return parse_name();
      default:
        throw ParseFailure(fmt::format("expected a value, found {}", describe(t)), t.begin);
    }
  }

  std::vector<std::string> dotted_name() {
    std::vector<std::string> path{next().text};
    while (peek().kind == Tok::kDot) {
      next();
      if (peek().kind != Tok::kName) {
        throw ParseFailure(fmt::format("expected a name after '.', found {}", describe(peek())), peek().begin);
      }
      path.push_back(next().text);
    }
    return path;
  }

  std::unique_ptr<ExprNode> parse_name() {
    const Token& first = peek();
    auto node = std::make_unique<ExprNode>();
    node->begin = first.begin;
    if (first.text == "true" || first.text == "false") {
      next();
      node->kind = ExprNode::Kind::kBool;
      node->boolean = first.text == "true";
      node->end = first.end;
      return node;
    }
    node->kind = ExprNode::Kind::kName;
    node->name.offset = first.begin;
    node->name.path = dotted_name();
    node->end = tokens_[pos_ - 1].end;
    if (peek().kind == Tok::kLParen) {
      const Token& open = next();
      node->name.is_call = true;
      if (peek().kind != Tok::kRParen) {
        while (true) {
          if (peek().kind != Tok::kName) {
            throw ParseFailure(fmt::format("expected a metric name as the argument, found {}", describe(peek())),
                               peek().begin);
          }
          node->name.args.push_back(dotted_name());
          if (peek().kind == Tok::kComma) {
            next();
            continue;
          }
          break;
        }
      }
      if (peek().kind != Tok::kRParen) {
        throw ParseFailure(fmt::format("expected ')' to close the call at column {}, found {}", open.begin + 1,
                                       describe(peek())), peek().begin);
      }
      node->end = next().end;
    }
    node->name.text = source_.substr(node->begin, node->end - node->begin);
    return node;
  }

  const std::string& source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

void collect_names(const ExprNode& node, std::vector<NameRef>& out) {
  if (node.kind == ExprNode::Kind::kName) {
    out.push_back(node.name);
  }
  if (node.left) {
    collect_names(*node.left, out);
  }
  if (node.right) {
    collect_names(*node.right, out);
  }
}

}  // namespace

Expr::Expr() = default;
Expr::~Expr() = default;
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(Expr&&) noexcept = default;

Result<Expr> parse_expr(std::string text) {
  try {
    Expr expr;
    expr.source_ = std::move(text);
    Parser parser(expr.source_, lex(expr.source_));
    expr.root_ = parser.parse();
    return expr;
  } catch (const ParseFailure& failure) {
    Error error = make_error(ErrorCode::kParse, failure.error.message);
    error.context.column = static_cast<int64_t>(failure.error.offset + 1);
    return error;
  }
}

std::vector<NameRef> expr_names(const Expr& expr) {
  std::vector<NameRef> out;
  collect_names(expr.root(), out);
  return out;
}

Value Value::of_number(double x, Unit unit) {
  Value v;
  v.type = Type::kNumber;
  v.number = x;
  v.unit = unit;
  return v;
}
Value Value::of_bool(bool b) {
  Value v;
  v.type = Type::kBool;
  v.boolean = b;
  return v;
}
Value Value::of_string(std::string s) {
  Value v;
  v.type = Type::kString;
  v.text = std::move(s);
  return v;
}
Value Value::undefined(Unit unit) {
  Value v;
  v.unit = unit;
  return v;
}

}  // namespace adpilot::decide
