#include "adpilot/cli/copy_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "adpilot/ingest/csv/read_all.h"
#include "adpilot/ingest/csv/utf8.h"

namespace adpilot::cli {

namespace {

std::string trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) {
    ++begin;
  }
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) {
    --end;
  }
  return std::string(text.substr(begin, end - begin));
}

std::string lower_name(std::string_view text) {
  std::string out = trim(text);
  for (auto& ch : out) {
    ch = ch == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

// "headline_2" → ("headline", true); "headline" → ("headline", true); "final_url" → (.., false).
std::optional<nlp::FieldKind> copy_column_kind(const std::string& name) {
  auto base_is = [&](std::string_view base) {
    if (name == base) {
      return true;
    }
    if (!name.starts_with(base) || name.size() < base.size() + 2 || name[base.size()] != '_') {
      return false;
    }
    return name.find_first_not_of("0123456789", base.size() + 1) == std::string::npos;
  };
  if (base_is("headline")) {
    return nlp::FieldKind::kHeadline;
  }
  if (base_is("description")) {
    return nlp::FieldKind::kDescription;
  }
  if (base_is("path")) {
    return nlp::FieldKind::kPath;
  }
  if (name == "primary_text" || name == "body") {
    return nlp::FieldKind::kPrimaryText;
  }
  return std::nullopt;
}

std::vector<std::string> split_keywords(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find_first_of(";|", start);
    std::string item = trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!item.empty()) {
      out.push_back(std::move(item));
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

Result<std::string> read_whole(const std::string& path) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return make_error(ErrorCode::kIo, "cannot open the file", ErrorContext{path, 0, 0, "", ""});
  }
  std::string out;
  char buffer[1 << 16];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof(buffer), file)) > 0) {
    out.append(buffer, got);
  }
  const bool failed = std::ferror(file) != 0;
  if (file != stdin) {
    std::fclose(file);
  }
  if (failed) {
    return make_error(ErrorCode::kIo, "cannot read the file", ErrorContext{path, 0, 0, "", ""});
  }
  return out;
}

}  // namespace

Result<std::vector<nlp::AdCopy>> read_ad_copy(const std::string& path, std::optional<nlp::Platform> platform) {
  auto all = csv::read_all_rows(path);
  if (!all.ok()) {
    return all.error();
  }
  const auto& rows = all->rows;
  if (rows.empty()) {
    return make_error(ErrorCode::kParse, "the ad-copy file is empty", ErrorContext{path, 0, 0, "", ""});
  }
  const int64_t header_line = all->lines[0];
  std::vector<std::string> names;
  for (const auto& cell : rows[0]) {
    names.push_back(lower_name(cell));
  }
  auto column = [&](std::string_view name) -> std::optional<size_t> {
    for (size_t idx = 0; idx < names.size(); ++idx) {
      if (names[idx] == name) {
        return idx;
      }
    }
    return std::nullopt;
  };
  const auto id_column = column("ad_id");
  if (!id_column) {
    return make_error(ErrorCode::kSchema, "the ad-copy file has no ad_id column",
                      ErrorContext{path, header_line, 0, "ad_id", ""},
                      "the header needs ad_id plus copy columns such as headline_1, description_1 or primary_text");
  }
  std::vector<std::pair<size_t, nlp::FieldKind>> copy_columns;
  for (size_t idx = 0; idx < names.size(); ++idx) {
    if (auto kind = copy_column_kind(names[idx])) {
      copy_columns.emplace_back(idx, *kind);
    }
  }
  if (copy_columns.empty()) {
    return make_error(ErrorCode::kSchema, "the ad-copy file has no copy columns", ErrorContext{path, header_line, 0, "", ""},
                      "expected headline_1.., description_1.., path_1.., primary_text, headline or description");
  }
  const auto format_column = column("format");
  const auto channel_column = column("channel");
  const auto campaign_column = column("campaign_id");
  const auto url_column = column("final_url");
  const auto keywords_column = column("keywords");
  auto cell = [&](const std::vector<std::string>& row, std::optional<size_t> idx) -> std::string {
    return idx && *idx < row.size() ? trim(row[*idx]) : std::string();
  };

  std::vector<nlp::AdCopy> ads;
  std::map<std::string, int64_t> first_line;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const int64_t line = all->lines[r];
    nlp::AdCopy ad;
    ad.ad_id = cell(row, id_column);
    ad.source_file = path;
    ad.source_line = line;
    if (ad.ad_id.empty()) {
      return make_error(ErrorCode::kParse, "the ad_id is empty", ErrorContext{path, line, static_cast<int64_t>(*id_column) + 1, "ad_id", ""});
    }
    if (auto [it, inserted] = first_line.emplace(ad.ad_id, line); !inserted) {
      return make_error(ErrorCode::kData, fmt::format("ad_id '{}' is also on line {}", ad.ad_id, it->second),
                        ErrorContext{path, line, static_cast<int64_t>(*id_column) + 1, "ad_id", ""},
                        "each ad needs one row; merge the rows or give them distinct ids");
    }
    if (platform) {
      ad.platform = *platform;
    } else {
      const std::string format = cell(row, format_column);
      const std::string channel = cell(row, channel_column);
      const std::string& stated = !format.empty() ? format : channel;
      const char* field = !format.empty() ? "format" : "channel";
      if (!stated.empty()) {
        const auto parsed = nlp::parse_platform(stated);
        if (!parsed) {
          const auto idx = !format.empty() ? format_column : channel_column;
          return make_error(ErrorCode::kParse, fmt::format("'{}' is neither a Google nor a Meta ad", stated),
                            ErrorContext{path, line, static_cast<int64_t>(*idx) + 1, field, ""},
                            "use rsa or meta (format), google_ads or meta_ads (channel), or set --platform");
        }
        ad.platform = *parsed;
      } else {
        const bool has_primary = std::any_of(copy_columns.begin(), copy_columns.end(), [&](const auto& c) {
          return c.second == nlp::FieldKind::kPrimaryText && !cell(row, c.first).empty();
        });
        ad.platform = has_primary ? nlp::Platform::kMeta : nlp::Platform::kGoogle;
      }
    }
    for (const auto& [idx, kind] : copy_columns) {
      std::string text = cell(row, idx);
      if (text.empty()) {
        continue;
      }
      // A Google ad has no primary text and a Meta ad no display paths.
      if ((ad.platform == nlp::Platform::kGoogle && kind == nlp::FieldKind::kPrimaryText) ||
          (ad.platform == nlp::Platform::kMeta && kind == nlp::FieldKind::kPath)) {
        continue;
      }
      ad.fields.push_back(nlp::CopyField{names[idx], kind, std::move(text)});
    }
    ad.campaign_id = cell(row, campaign_column);
    ad.final_url = cell(row, url_column);
    ad.keywords = split_keywords(cell(row, keywords_column));
    ads.push_back(std::move(ad));
  }
  return ads;
}

Result<std::vector<TextItem>> read_texts(const std::string& path, const std::string& column) {
  std::vector<TextItem> out;
  if (!column.empty()) {
    auto all = csv::read_all_rows(path);
    if (!all.ok()) {
      return all.error();
    }
    if (all->rows.empty()) {
      return make_error(ErrorCode::kParse, "the file is empty", ErrorContext{path, 0, 0, "", ""});
    }
    const auto& header = all->rows[0];
    std::optional<size_t> idx;
    for (size_t c = 0; c < header.size() && !idx; ++c) {
      if (trim(header[c]) == column) {
        idx = c;
      }
    }
    for (size_t c = 0; c < header.size() && !idx; ++c) {
      if (lower_name(header[c]) == lower_name(column)) {
        idx = c;
      }
    }
    if (!idx) {
      std::string names;
      for (const auto& name : header) {
        if (!names.empty()) {
          names += ", ";
        }
        names += trim(name);
      }
      return make_error(ErrorCode::kSchema, fmt::format("no column '{}' in the header", column),
                        ErrorContext{path, all->lines[0], 0, "", "--column"}, "the header has: " + names);
    }
    for (size_t r = 1; r < all->rows.size(); ++r) {
      std::string text = *idx < all->rows[r].size() ? trim(all->rows[r][*idx]) : "";
      if (!text.empty()) {
        out.push_back(TextItem{std::move(text), all->lines[r]});
      }
    }
    return out;
  }
  auto whole = read_whole(path);
  if (!whole.ok()) {
    return whole.error();
  }
  std::string_view rest = *whole;
  if (rest.starts_with("\xef\xbb\xbf")) {
    rest.remove_prefix(3);
  }
  int64_t line = 0;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view raw = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++line;
    const size_t bad = csv::find_invalid_utf8(raw.data(), raw.size());
    if (bad != raw.size()) {
      return make_error(ErrorCode::kParse, "the text is not valid UTF-8",
                        ErrorContext{path, line, static_cast<int64_t>(bad) + 1, "", ""},
                        "save the file as UTF-8");
    }
    std::string text = trim(raw);
    if (!text.empty()) {
      out.push_back(TextItem{std::move(text), line});
    }
  }
  return out;
}

}  // namespace adpilot::cli
