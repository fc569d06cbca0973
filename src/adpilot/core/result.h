// Result<T>: the value-or-error type every public stage function returns (g++ 12 has no
// std::expected). Exceptions may be used inside a module; guard() converts them at the boundary.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace adpilot {

enum class ErrorCode {
  kInvalidArgument,  // a bad flag or option value (exit 2)
  kIo,               // a file could not be opened, read or written
  kParse,            // malformed input: CSV syntax, a value of the wrong type, bad UTF-8
  kSchema,           // the columns do not fit any known format, or a required column is absent
  kData,             // the data breaks a policy set to `error` (missing values, duplicates, …)
  kNotFound,
  kInternal,
};

const char* error_code_name(ErrorCode code);

// Where an error happened. line and column are 1-based; 0 means unknown.
struct ErrorContext {
  std::string file;
  int64_t line = 0;
  int64_t column = 0;
  std::string field;
  std::string option;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  ErrorContext context;
  std::string hint;

  // "file:line:column: message (field 'x')" followed by the hint on its own line.
  std::string to_string() const;
};

// Thrown inside a module only; guard() turns it back into an Error.
class ErrorException : public std::exception {
 public:
  explicit ErrorException(Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const Error& error() const { return std::get<1>(data_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

inline Error make_error(ErrorCode code, std::string message, ErrorContext context = {},
                        std::string hint = {}) {
  return Error{code, std::move(message), std::move(context), std::move(hint)};
}

[[noreturn]] inline void throw_error(ErrorCode code, std::string message, ErrorContext context = {},
                                     std::string hint = {}) {
  throw ErrorException(make_error(code, std::move(message), std::move(context), std::move(hint)));
}

// Runs fn at a module boundary: an ErrorException becomes its Error, any other exception an
// internal error, so nothing escapes a public function.
template <typename Fn>
auto guard(Fn&& fn) -> decltype(fn()) {
  using R = decltype(fn());
  try {
    return fn();
  } catch (const ErrorException& e) {
    return R(e.error());
  } catch (const std::bad_alloc&) {
    return R(make_error(ErrorCode::kInternal, "out of memory"));
  } catch (const std::exception& e) {
    return R(make_error(ErrorCode::kInternal, e.what()));
  }
}

}  // namespace adpilot

// For programmer errors only; never for user input.
#define ADP_ASSERT(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      ::adpilot::detail_assert_fail(#cond, __FILE__, __LINE__);                       \
    }                                                                                 \
  } while (0)

namespace adpilot {
[[noreturn]] void detail_assert_fail(const char* expr, const char* file, int line);
}
