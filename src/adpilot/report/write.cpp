#include "adpilot/report/write.h"

#include <fmt/format.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "adpilot/report/detail/chart_files.h"
#include "adpilot/report/html.h"
#include "adpilot/report/json.h"
#include "adpilot/report/markdown.h"

namespace adpilot::report {

namespace {

namespace fs = std::filesystem;

// What a report folder may hold: anything else means the path is not ours to replace.
const std::set<std::string>& report_entries() {
  static const std::set<std::string> names = {"report.html", "report.md", "report.json", "charts"};
  return names;
}

[[noreturn]] void fail(const fs::path& path, const std::string& message,
                       const std::string& hint = {}) {
  ErrorContext context;
  context.file = path.string();
  throw_error(ErrorCode::kIo, message, context, hint);
}

// A fresh, uniquely named folder beside the target: ".<name>.<tag>-XXXXXX".
fs::path make_sibling(const fs::path& parent, const std::string& name, const std::string& tag) {
  std::string pattern = (parent / ("." + name + "." + tag + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    const std::error_code ec(errno, std::generic_category());
    fail(parent, fmt::format("cannot create a folder in '{}': {}", parent.string(), ec.message()),
         "the report is written beside its folder first; check that the parent is writable");
  }
  return pattern;
}

// Removes the temporary folder unless the write went through.
class RemoveOnFailure {
 public:
  explicit RemoveOnFailure(fs::path path) : path_(std::move(path)) {}
  RemoveOnFailure(const RemoveOnFailure&) = delete;
  RemoveOnFailure& operator=(const RemoveOnFailure&) = delete;
  ~RemoveOnFailure() {
    if (!path_.empty()) {
      std::error_code ignored;
      fs::remove_all(path_, ignored);
    }
  }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    fail(path, fmt::format("cannot write '{}'", path.string()));
  }
}

// The folder as given, without a trailing separator ("out/" names "out").
fs::path target_path(const std::string& folder) {
  fs::path target = fs::path(folder).lexically_normal();
  if (target.filename().empty()) {
    target = target.parent_path();
  }
  return target;
}

// An existing target must be a folder that holds nothing but an earlier report.
void check_replaceable(const fs::path& target) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(target, ec);
  if (status.type() == fs::file_type::not_found) {
    return;
  }
  if (status.type() != fs::file_type::directory) {
    fail(target, fmt::format("'{}' exists and is not a folder", target.string()),
         "--out names the report's folder; choose another path or remove the file");
  }
  for (fs::directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (report_entries().count(name) == 0) {
      fail(target,
           fmt::format("'{}' holds '{}', which is not part of a report; refusing to "
                       "replace the folder",
                       target.string(), name),
           "choose an empty or new folder for --out, or an earlier report's folder");
    }
  }
  if (ec) {
    fail(target, fmt::format("cannot read '{}': {}", target.string(), ec.message()));
  }
}

}  // namespace

Result<WrittenReport> write_report(const Report& report, const std::string& folder,
                                   const OutputOptions& options) {
  return guard([&]() -> Result<WrittenReport> {
    if (folder.empty()) {
      ErrorContext context;
      context.option = "out";
      return make_error(ErrorCode::kInvalidArgument, "no folder given for the report", context);
    }
    const fs::path target = target_path(folder);
    fs::path parent = target.parent_path();
    if (parent.empty()) {
      parent = ".";
    }
    const std::string name = target.filename().string();
    check_replaceable(target);

    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
      fail(parent, fmt::format("cannot create '{}': {}", parent.string(), ec.message()));
    }

    // 1. Everything goes into a temporary sibling folder.
    const fs::path temp = make_sibling(parent, name, "tmp");
    RemoveOnFailure cleanup(temp);
    fs::permissions(temp,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);  // mkdtemp's 0700 would hide the report from other readers

    WrittenReport written;
    written.folder = folder;
    const auto emit = [&](const std::string& relative, const std::string& text) {
      write_text(temp / relative, text);
      written.files.push_back(relative);
    };
    if (options.html) {
      emit("report.html", render_html(report));
    }
    if (options.markdown) {
      const std::string extension = options.png ? "png" : (options.svg ? "svg" : "");
      emit("report.md", render_markdown(report, "charts", extension));
    }
    if (options.json) {
      emit("report.json", render_json(report));
    }
    if ((options.png || options.svg) && !report.series.empty()) {
      fs::create_directory(temp / "charts", ec);
      if (ec) {
        fail(temp / "charts",
             fmt::format("cannot create '{}': {}", (temp / "charts").string(), ec.message()));
      }
      const std::vector<std::string> ids = detail::unique_chart_ids(report.series);
      const std::string& symbol = report.summary.currency_symbol;
      for (size_t i = 0; i < report.series.size(); ++i) {
        for (const bool png : {true, false}) {
          if (png ? !options.png : !options.svg) {
            continue;
          }
          const std::string relative = "charts/" + ids[i] + (png ? ".png" : ".svg");
          const std::string path = (temp / relative).string();
          auto drawn = png ? write_chart_png(report.series[i], symbol, path, options.chart)
                           : write_chart_svg(report.series[i], symbol, path, options.chart);
          if (!drawn) {
            return drawn.error();
          }
          written.files.push_back(relative);
        }
      }
    }

    // 2. The old report is moved aside, the new one renamed in, then the old one removed; if
    // the second rename fails the old report goes back, so the folder is never half-written.
    fs::path aside;
    if (fs::exists(fs::symlink_status(target, ec))) {
      aside = make_sibling(parent, name, "old");
      fs::rename(target, aside, ec);
      if (ec) {
        std::error_code ignored;
        fs::remove(aside, ignored);
        fail(target, fmt::format("cannot move the previous report '{}' aside: {}", target.string(),
                                 ec.message()));
      }
    }
    fs::rename(temp, target, ec);
    if (ec) {
      if (!aside.empty()) {
        std::error_code ignored;
        fs::rename(aside, target, ignored);
      }
      fail(target, fmt::format("cannot rename the new report into '{}': {}", target.string(),
                               ec.message()));
    }
    cleanup.release();
    if (!aside.empty()) {
      fs::remove_all(aside, ec);  // a leftover hidden folder is untidy, not a failed report
    }
    return written;
  });
}

}  // namespace adpilot::report
