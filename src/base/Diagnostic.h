// Diagnostics about the user's input, printed clang-style:
//
//   cst.c:14:9: error: unknown function 'shedule'; did you mean 'schedule'?
//      14 |         shedule();
//         |         ^~~~~~~
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kctx {

// One source file known to the diagnostics printer. Ids index SourceSet::files().
struct SourceFile {
	std::string name;   // as shown to the user, e.g. "examples/cst/cst.c"
	std::string text;
};

struct SourceLoc {
	uint32_t file = 0;   // index in the SourceSet
	uint32_t line = 0;   // 1-based; 0 = no location
	uint32_t col = 0;    // 1-based, in bytes
	bool operator==(const SourceLoc&) const = default;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
	Severity severity = Severity::Error;
	SourceLoc loc;
	uint32_t length = 1;   // how many columns the caret underline covers
	std::string message;
	std::string flag;      // a warning's option, shown as clang shows it: [-Wint-conversion]
};

// What becomes of warnings: reported, dropped (-w), or errors (-Werror).
enum class WarningPolicy { Report, Ignore, Error };

// The files a compilation read, so diagnostics can quote their lines.
class SourceSet {
public:
	uint32_t add(std::string name, std::string text);
	[[nodiscard]] const SourceFile& file(uint32_t id) const { return m_files.at(id); }
	[[nodiscard]] size_t size() const { return m_files.size(); }
	[[nodiscard]] std::string_view line_text(SourceLoc loc) const;

private:
	std::vector<SourceFile> m_files;
};

// Renders "file:line:col: error: message" plus the source line and a caret line.
[[nodiscard]] std::string render(const SourceSet& sources, const Diagnostic& d);

class DiagnosticSink {
public:
	void error(SourceLoc loc, std::string message, uint32_t length = 1);
	// `flag` names the warning's option ("-Wint-conversion"); empty for one without.
	void warning(SourceLoc loc, std::string message, uint32_t length = 1, std::string flag = {});
	void note(SourceLoc loc, std::string message, uint32_t length = 1);
	void set_warning_policy(WarningPolicy p) { m_policy = p; }
	[[nodiscard]] bool has_errors() const { return m_errors > 0; }
	[[nodiscard]] bool has_warnings() const { return m_warnings > 0; }
	[[nodiscard]] const std::vector<Diagnostic>& all() const { return m_diags; }
	[[nodiscard]] std::string render_all(const SourceSet& sources) const;

private:
	std::vector<Diagnostic> m_diags;
	int m_errors = 0;
	int m_warnings = 0;
	WarningPolicy m_policy = WarningPolicy::Report;
};

// The candidate closest to `word` by edit distance, if close enough to be a likely
// misspelling ("shedule" -> "schedule"); empty otherwise.
[[nodiscard]] std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace kctx
