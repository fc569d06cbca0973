// The bundled sample's deliberate flaws (data/sample/README.md): the linter's errors and warnings
// on data/sample/ad_copy.csv are exactly those five, and nothing else.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "adpilot/nlp/copy_lint.h"

namespace adpilot::nlp {
namespace {

// RFC 4180 rows (quoted fields, doubled quotes); enough for the generated sample.
std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (ch == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += ch;
    }
  }
  if (rows.back().empty()) {
    rows.pop_back();
  }
  return rows;
}

TEST(CopyLintSampleTest, ReportsTheFiveDeliberateFlawsAndNothingElse) {
  const auto rows = read_csv(std::string(ADPILOT_SOURCE_DIR) + "/data/sample/ad_copy.csv");
  ASSERT_EQ(rows.size(), 49u);
  const auto& header = rows[0];
  std::set<std::string> found;
  for (size_t r = 1; r < rows.size(); ++r) {
    AdCopy ad;
    ad.ad_id = rows[r][0];
    for (size_t c = 0; c < header.size(); ++c) {
      const std::string& name = header[c];
      const std::string& value = rows[r][c];
      if (name == "format") {
        ad.platform = value == "rsa" ? Platform::kGoogle : Platform::kMeta;
      } else if (name == "final_url") {
        ad.final_url = value;
      }
    }
    for (size_t c = 0; c < header.size(); ++c) {
      const std::string& name = header[c];
      const std::string& value = rows[r][c];
      if (value.empty()) {
        continue;
      }
      if (name.starts_with("headline")) {
        ad.fields.push_back({name, FieldKind::kHeadline, value});
      } else if (name.starts_with("description")) {
        ad.fields.push_back({name, FieldKind::kDescription, value});
      } else if (name.starts_with("path_") && ad.platform == Platform::kGoogle) {
        ad.fields.push_back({name, FieldKind::kPath, value});
      } else if (name == "primary_text") {
        ad.fields.push_back({name, FieldKind::kPrimaryText, value});
      }
    }
    for (const auto& finding : lint_ad(ad)) {
      if (finding.severity != Severity::kAdvice) {
        found.insert(finding.ad_id + " " + finding.field + " " + finding.rule_id);
      }
    }
  }
  const std::set<std::string> expected = {
      "ad_103_1_1 headline_3 google.headline_length",
      "ad_104_1_2 headline_2 google.headline_exclamation",
      "ad_105_2_1 headline_1 google.capitals",
      "ad_106_2_2  copy.call_to_action",
      "ad_203_1_1 primary_text meta.primary_text_length",
  };
  EXPECT_EQ(found, expected);
}

}  // namespace
}  // namespace adpilot::nlp
