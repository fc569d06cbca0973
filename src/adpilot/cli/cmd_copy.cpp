// adpilot copy — ad-copy intelligence: `copy sentiment FILE` scores texts; `copy FILE` lints an
// ad-copy table, suggests rewrites (rule-based, or from an LLM with --llm-url), and with --perf
// reports which copy features go with higher CTR and CVR in the account's own data; `copy
// tokenize` is cmd_copy_tokenize.cpp.
#include <fmt/format.h>

#include "adpilot/cli/commands.h"
#include "adpilot/cli/copy_analysis.h"
#include "adpilot/cli/copy_input.h"
#include "adpilot/cli/copy_render.h"
#include "adpilot/cli/copy_scorer.h"
#include "adpilot/cli/output.h"

namespace adpilot::cli {

namespace {

Result<void> copy_sentiment(const Settings& settings, Io& io, const std::string& file) {
  auto format = choose_output_format(settings.text("format"), io.out_is_terminal && settings.text("out").empty());
  if (!format.ok()) {
    return format.error();
  }
  auto texts = read_texts(file, settings.text("column"));
  if (!texts.ok()) {
    return texts.error();
  }
  auto scorer = make_copy_scorer(settings);
  if (!scorer.ok()) {
    return scorer.error();
  }
  std::vector<std::string> batch;
  batch.reserve(texts->size());
  for (const auto& item : *texts) {
    batch.push_back(item.text);
  }
  auto results = (*scorer)->score(batch);
  if (!results.ok()) {
    return results.error();
  }
  const std::string model = (*scorer)->model_name();
  Table table;
  Column& text = table.add_column("text", ColumnType::kString);
  Column& label = table.add_column("label", ColumnType::kString);
  Column& score = table.add_column("score", ColumnType::kDouble);
  Column& model_column = table.add_column("model", ColumnType::kString);
  for (size_t idx = 0; idx < batch.size(); ++idx) {
    text.append_string(batch[idx]);
    label.append_string((*results)[idx].label);
    score.f64().push_back((*results)[idx].score);
    score.valid().push_back(1);
    model_column.append_string(model);
  }
  std::string rendered;
  switch (*format) {
    case OutputFormat::kCsv: rendered = render_csv(table); break;
    case OutputFormat::kJson: rendered = render_json(table); break;
    case OutputFormat::kTable: rendered = render_pretty(table, ""); break;
  }
  return write_output(settings.text("out"), rendered, io.out);
}

Result<int> copy_analyze(const Settings& settings, Io& io, const std::string& file) {
  auto format = choose_output_format(settings.text("format"), io.out_is_terminal && settings.text("out").empty());
  if (!format.ok()) {
    return format.error();
  }
  std::optional<nlp::Platform> platform;
  if (const std::string text = settings.text("platform"); !text.empty()) {
    platform = nlp::parse_platform(text);
  }
  auto ads = read_ad_copy(file, platform);
  if (!ads.ok()) {
    return ads.error();
  }
  auto scorer = make_copy_scorer(settings);
  if (!scorer.ok()) {
    return scorer.error();
  }
  std::optional<AdPerformanceData> performance;
  if (const auto files = settings.list("perf"); !files.empty()) {
    auto read = read_ad_performance(files, settings);
    if (!read.ok()) {
      return read.error();
    }
    performance = std::move(*read);
  }
  CopyAnalysisOptions options;
  options.llm = llm_settings_from(settings);
  if (!settings.flag("quiet")) {
    // Retries are worth a line on stderr: the user is waiting on a remote model.
    options.http.log = [&io](const std::string& line) { std::fputs(("adpilot: " + line + "\n").c_str(), io.err); };
  }
  auto analysis = analyze_copy(file, std::move(*ads), **scorer, performance ? &*performance : nullptr, options);
  if (!analysis.ok()) {
    return analysis.error();
  }
  std::string rendered;
  switch (*format) {
    case OutputFormat::kCsv: rendered = render_csv(copy_findings_table(*analysis)); break;
    case OutputFormat::kJson: rendered = render_copy_json(*analysis); break;
    case OutputFormat::kTable: rendered = render_copy_report(*analysis); break;
  }
  if (auto written = write_output(settings.text("out"), rendered, io.out); !written.ok()) {
    return written.error();
  }
  // Like a linter: errors or warnings make the exit status 1; advice does not.
  return analysis->errors + analysis->warnings > 0 ? kExitFindings : kExitOk;
}

Result<int> copy(const Settings& settings, Io& io) {
  const auto& args = settings.positional;
  if (args.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "copy needs an ad-copy FILE, or `sentiment FILE`", {},
                      "e.g. adpilot copy data/sample/ad_copy.csv, adpilot copy sentiment texts.txt");
  }
  if (args[0] == "sentiment") {
    if (args.size() != 2) {
      return make_error(ErrorCode::kInvalidArgument, "copy sentiment takes one FILE (one text per line, or a CSV with --column)");
    }
    if (auto done = copy_sentiment(settings, io, args[1]); !done.ok()) {
      return done.error();
    }
    return kExitOk;
  }
  if (args.size() != 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("copy takes one ad-copy FILE, got {}; performance files go in --perf", args.size()), {},
                      "e.g. adpilot copy ad_copy.csv --perf performance.csv");
  }
  return copy_analyze(settings, io, args[0]);
}

}  // namespace

int run_copy(const Settings& settings, Io& io) {
  if (!settings.positional.empty() && settings.positional[0] == "tokenize") {
    return run_copy_tokenize(settings, io);  // cli/cmd_copy_tokenize.cpp
  }
  auto done = guard([&] { return copy(settings, io); });
  return done.ok() ? *done : report_error(done.error(), io);
}

}  // namespace adpilot::cli
