#include "cli/Color.h"

#include <cstdlib>
#include <cstring>
#include <regex>
#include <unistd.h>

namespace kctx::cli {

namespace {

// gcc's "\33[...m\33[K" form: the EL after each SGR keeps a coloured background from
// running to the end of the line.
std::string sgr(std::string_view code)
{
	return "\x1b[" + std::string(code) + "m\x1b[K";
}
const std::string kReset = "\x1b[m\x1b[K";

std::string_view kind_color(std::string_view kind)
{
	if (kind == "error")
		return "01;31";
	if (kind == "warning")
		return "01;35";
	return "01;36";   // note
}

// 'name' with the name bold, as gcc quotes (it uses curly quotes; kctx's are ASCII).
std::string bold_quotes(const std::string& message)
{
	static const std::regex quoted("'([^']+)'");
	return std::regex_replace(message, quoted, "'" + sgr("01") + "$1" + kReset + "'");
}

// util-linux lib/colors: UL_COLOR_*.
constexpr std::string_view kTime = "\x1b[32m";            // green
constexpr std::string_view kSubsys = "\x1b[33m";          // brown
constexpr std::string_view kAlert = "\x1b[7m\x1b[31m";    // reverse red: emerg, alert
constexpr std::string_view kErr = "\x1b[31m";             // red
constexpr std::string_view kWarn = "\x1b[1m";             // bold
constexpr std::string_view kUlReset = "\x1b[0m";

// The level each report's first line is printed at, by how the line starts.
struct ReportLevel {
	std::string_view starts;
	std::string_view color;
};
constexpr ReportLevel kReportLevels[] = {
	{"BUG: kernel NULL pointer dereference", kAlert},   // arch/x86/mm/fault.c: pr_alert
	{"BUG: unable to handle", kAlert},                   // arch/x86/mm/fault.c: pr_alert
	{"BUG: soft lockup", kAlert},                        // kernel/watchdog.c: pr_emerg
	{"Kernel panic - not syncing", kAlert},              // kernel/panic.c: pr_emerg
	{"BUG: ", kErr},          // kernel/sched/core.c, mm/kasan: pr_err / KERN_ERR
	{"INFO: task ", kErr},    // kernel/hung_task.c: pr_err
	{"WARNING: ", kWarn},     // kernel/panic.c __warn(), lockdep: pr_warn
	{"------------[ cut here ]------------", kWarn},   // lib/bug.c: pr_warn
	{"Oops: ", kWarn},        // arch/x86/kernel/dumpstack.c: KERN_DEFAULT (warning)
};

std::string color_console_line(std::string_view line)
{
	// "[    1.004000] message"
	static const std::regex stamped(R"(^(\[ *[0-9]+\.[0-9]{6}\]) (.*)$)");
	std::string s(line);
	std::smatch m;
	if (!std::regex_match(s, m, stamped))
		return s;
	std::string message = m[2].str();
	std::string out = std::string(kTime) + m[1].str() + std::string(kUlReset) + " ";
	std::string_view level;
	for (const ReportLevel& r : kReportLevels)
		if (message.rfind(r.starts, 0) == 0) {
			level = r.color;
			break;
		}
	// dmesg's subsystem: text up to the first ": " with no blank before it.
	size_t colon = message.find(": ");
	if (colon != std::string::npos && colon > 0 && message.find_first_of(" \t") > colon) {
		out += std::string(kSubsys) + message.substr(0, colon + 1) + std::string(kUlReset) + " ";
		message = message.substr(colon + 2);
	}
	if (level.empty() || message.empty())
		return out + message;
	return out + std::string(level) + message + std::string(kUlReset);
}

}  // namespace

bool color_enabled(ColorMode mode, int fd)
{
	if (mode != ColorMode::Auto)
		return mode == ColorMode::Always;
	const char* no_color = std::getenv("NO_COLOR");
	if (no_color && *no_color)
		return false;
	const char* term = std::getenv("TERM");
	return isatty(fd) && term && std::strcmp(term, "dumb") != 0;
}

std::string color_diagnostics(std::string_view text)
{
	static const std::regex head(R"(^(\S.*?:) (error|warning|note): (.*?)( \[(-W[^\]]+)\])?$)");
	static const std::regex caret(R"(^( *[0-9]* *\| )( *)([\^~]+.*)$)");
	std::string out;
	std::string_view color = "01;36";
	size_t start = 0;
	while (start < text.size()) {
		size_t end = text.find('\n', start);
		bool newline = end != std::string_view::npos;
		std::string line(text.substr(start, newline ? end - start : std::string_view::npos));
		start = newline ? end + 1 : text.size();
		std::smatch m;
		if (std::regex_match(line, m, head)) {
			std::string kind = m[2].str();
			color = kind_color(kind);
			// m refers into line: build the coloured line aside, then replace.
			std::string coloured = sgr("01") + m[1].str() + kReset + " " + sgr(color) + kind + ": " + kReset + bold_quotes(m[3].str());
			if (m[4].matched)
				coloured += " [" + sgr(color) + m[5].str() + kReset + "]";
			line = std::move(coloured);
		} else if (std::regex_match(line, m, caret)) {
			line = m[1].str() + m[2].str() + sgr(color) + m[3].str() + kReset;
		}
		out += line;
		if (newline)
			out += '\n';
	}
	return out;
}

std::string color_console(std::string_view text)
{
	std::string out;
	size_t start = 0;
	while (start < text.size()) {
		size_t end = text.find('\n', start);
		if (end == std::string_view::npos) {
			out += text.substr(start);
			break;
		}
		out += color_console_line(text.substr(start, end - start));
		out += '\n';
		start = end + 1;
	}
	return out;
}

}  // namespace kctx::cli
