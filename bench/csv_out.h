// Small output helpers shared by the bench programs: dates, fixed-point money, RFC 4180 fields
// and an owned output file. Kept here rather than taken from src/ so the benchmark tools build
// and give comparable numbers even while the library is in the middle of a change.
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

namespace adpilot::bench {

// Days since 1970-01-01 from a proleptic Gregorian date (H. Hinnant's days_from_civil).
inline int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// "YYYY-MM-DD" for a day count (Hinnant's civil_from_days).
inline std::string format_iso_date(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day));
  return text;
}

// 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday.
inline int iso_weekday(int64_t days) {
  const int64_t shifted = (days + 3) % 7;
  return static_cast<int>(shifted < 0 ? shifted + 7 : shifted);
}

// Appends the decimal digits of value; faster than snprintf, which the 1 GB file needs.
inline char* append_uint(char* out, uint64_t value) {
  char digits[20];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) {
    *out++ = digits[--count];
  }
  return out;
}

// Cents as "123.45" (money is written with exactly two decimals).
inline char* append_cents(char* out, uint64_t cents) {
  out = append_uint(out, cents / 100);
  *out++ = '.';
  *out++ = static_cast<char>('0' + cents / 10 % 10);
  *out++ = static_cast<char>('0' + cents % 10);
  return out;
}

inline std::string cents_text(int64_t cents) {
  char text[32];
  char* end = append_cents(text, static_cast<uint64_t>(cents));
  return std::string(text, end);
}

// RFC 4180: quote a field only when it holds a comma, quote or line break; double inner quotes.
inline void append_csv_field(std::string& line, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(field);
    return;
  }
  line.push_back('"');
  for (char c : field) {
    if (c == '"') {
      line.push_back('"');
    }
    line.push_back(c);
  }
  line.push_back('"');
}

// One CSV record from fields; the caller writes it with "\n" line endings.
inline std::string csv_record(std::initializer_list<std::string_view> fields) {
  std::string line;
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) {
      line.push_back(',');
    }
    first = false;
    append_csv_field(line, field);
  }
  line.push_back('\n');
  return line;
}

// Owns a FILE* so every early return closes it; reports write errors once, at close().
class OutputFile {
 public:
  explicit OutputFile(const std::string& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {}
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
    }
  }

  bool is_open() const { return file_ != nullptr; }
  const std::string& path() const { return path_; }

  void write(std::string_view bytes) {
    if (bytes.empty()) {
      return;
    }
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      failed_ = true;
    }
  }

  // True when every write and the final flush succeeded.
  bool close() {
    const bool flushed = std::fclose(file_) == 0;
    file_ = nullptr;
    return flushed && !failed_;
  }

 private:
  std::string path_;
  std::FILE* file_;
  bool failed_ = false;
};

}  // namespace adpilot::bench
