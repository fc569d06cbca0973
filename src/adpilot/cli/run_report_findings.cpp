#include "adpilot/cli/run_report_findings.h"

#include <fmt/format.h>

#include <algorithm>

#include "adpilot/decide/decide.h"

namespace adpilot::cli {

namespace {

void set_state(report::DecisionRow& row, const RunResults& r) {
  if (!r.outcome) {
    row.state = "planned";
    return;
  }
  for (const auto& o : r.outcome->actions) {
    if (o.index != row.index) {
      continue;
    }
    switch (o.outcome) {
      case act::Outcome::kApplied:
      case act::Outcome::kAlert:
        row.state = "applied";
        break;
      case act::Outcome::kUnchanged:
        row.state = "unchanged";
        break;
      case act::Outcome::kSkipped:
        row.state = "skipped";
        break;
      case act::Outcome::kFailed:
        row.state = "failed";
        break;
      case act::Outcome::kReverted:
        row.state = "reverted";
        break;
    }
    row.reason = o.outcome == act::Outcome::kApplied ? "" : o.detail;
    return;
  }
  row.state = "planned";
}

const char* severity_label(nlp::Severity severity) {
  switch (severity) {
    case nlp::Severity::kError:
      return "error";
    case nlp::Severity::kWarning:
      return "warning";
    default:
      return "info";
  }
}

}  // namespace

std::vector<report::DecisionRow> build_decisions(const RunResults& r) {
  std::vector<report::DecisionRow> rows;
  for (const auto& a : r.plan.actions) {
    report::DecisionRow row;
    row.index = a.index;
    row.entity_level = decide::entity_level_name(a.entity.level);
    row.entity_id = a.entity.id;
    row.entity_name = a.entity.name;
    row.action = decide::action_kind_name(a.kind);
    row.summary = a.summary;
    row.rule = a.rule;
    for (std::string line : decide::explain_action(a)) {
      line.erase(0, line.find_first_not_of(' '));
      row.rationale.push_back(std::move(line));
    }
    set_state(row, r);
    rows.push_back(std::move(row));
  }
  for (const auto& n : r.plan.not_taken) {
    report::DecisionRow row;
    row.index = -1;
    row.entity_level = decide::entity_level_name(n.entity.level);
    row.entity_id = n.entity.id;
    row.entity_name = n.entity.name;
    row.action = decide::action_kind_name(n.kind);
    row.summary = fmt::format("Not taken: {} on {} '{}' ({}) by rule {}", row.action,
                              row.entity_level, row.entity_name, row.entity_id, n.rule);
    row.rule = n.rule;
    // A lost conflict is "not taken"; a guardrail, cooldown, lock or the state itself "skipped" it.
    row.state = n.reason.rfind("conflict", 0) == 0 ? "not_taken" : "skipped";
    row.reason = n.reason;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<report::CopyFinding> build_copy(const RunResults& r) {
  std::vector<report::CopyFinding> out;
  if (!r.copy) {
    return out;
  }
  for (const auto& ad : r.copy->ads) {
    // One finding per field with lint findings; a finding about the whole ad has field "".
    std::vector<std::string> fields;
    for (const auto& f : ad.findings) {
      if (std::find(fields.begin(), fields.end(), f.field) == fields.end()) {
        fields.push_back(f.field);
      }
    }
    for (const auto& field : fields) {
      report::CopyFinding finding;
      finding.ad_id = ad.ad.ad_id;
      finding.campaign_id = ad.ad.campaign_id;
      finding.field = field.empty() ? "ad" : field;
      finding.text = ad.ad.visible_text();
      for (const auto& f : ad.ad.fields) {
        if (f.name == field) {
          finding.text = f.text;
        }
      }
      finding.sentiment_label = ad.sentiment.label;
      finding.sentiment_score = ad.sentiment.score;
      for (const auto& f : ad.findings) {
        if (f.field == field) {
          finding.issues.push_back(
              report::CopyIssue{f.rule_id, severity_label(f.severity), f.message});
        }
      }
      for (const auto& s : ad.suggestions) {
        if (s.field != field) {
          continue;
        }
        finding.suggestions.push_back(
            s.suggested.empty() ? s.reason : fmt::format("\"{}\" ({})", s.suggested, s.reason));
      }
      out.push_back(std::move(finding));
    }
  }
  // Errors first, then warnings, then advice; the file's order within each.
  auto rank = [](const report::CopyFinding& f) {
    int best = 2;
    for (const auto& issue : f.issues) {
      best = std::min(best, issue.severity == "error" ? 0 : issue.severity == "warning" ? 1 : 2);
    }
    return best;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const report::CopyFinding& a, const report::CopyFinding& b) {
                     return rank(a) < rank(b);
                   });
  return out;
}

}  // namespace adpilot::cli
