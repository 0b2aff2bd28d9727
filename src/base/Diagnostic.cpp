#include "base/Diagnostic.h"

#include <algorithm>
#include <fmt/format.h>

namespace kctx {

uint32_t SourceSet::add(std::string name, std::string text)
{
	m_files.push_back({std::move(name), std::move(text)});
	return static_cast<uint32_t>(m_files.size() - 1);
}

std::string_view SourceSet::line_text(SourceLoc loc) const
{
	if (loc.file >= m_files.size() || loc.line == 0)
		return {};
	std::string_view text = m_files[loc.file].text;
	size_t start = 0;
	for (uint32_t l = 1; l < loc.line; l++) {
		size_t nl = text.find('\n', start);
		if (nl == std::string_view::npos)
			return {};
		start = nl + 1;
	}
	size_t end = text.find('\n', start);
	return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

static const char* severity_name(Severity s)
{
	switch (s) {
	case Severity::Error: return "error";
	case Severity::Warning: return "warning";
	case Severity::Note: return "note";
	}
	return "error";
}

std::string render(const SourceSet& sources, const Diagnostic& d)
{
	std::string message = d.flag.empty() ? d.message : fmt::format("{} [{}]", d.message, d.flag);
	if (d.loc.line == 0 || d.loc.file >= sources.size()) {
		std::string where = d.loc.file < sources.size() ? sources.file(d.loc.file).name + ": " : "";
		return fmt::format("{}{}: {}\n", where, severity_name(d.severity), message);
	}
	std::string out = fmt::format("{}:{}:{}: {}: {}\n", sources.file(d.loc.file).name, d.loc.line,
				      d.loc.col, severity_name(d.severity), message);
	std::string_view line = sources.line_text(d.loc);
	// Show the line with tabs expanded to single spaces so the caret lines up, and
	// anything unprintable (a binary file's bytes) as '?'.
	std::string shown;
	for (char c : line)
		shown += c == '\t' ? ' ' : (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) ? '?' : c;
	std::string gutter = fmt::format("{:5}", d.loc.line);
	out += fmt::format("{} | {}\n", gutter, shown);
	std::string caret(d.loc.col > 0 ? d.loc.col - 1 : 0, ' ');
	caret += '^';
	if (d.length > 1)
		caret += std::string(d.length - 1, '~');
	out += fmt::format("{} | {}\n", std::string(gutter.size(), ' '), caret);
	return out;
}

void DiagnosticSink::error(SourceLoc loc, std::string message, uint32_t length)
{
	m_diags.push_back({Severity::Error, loc, length, std::move(message)});
	m_errors++;
}

void DiagnosticSink::warning(SourceLoc loc, std::string message, uint32_t length, std::string flag)
{
	switch (m_policy) {
	case WarningPolicy::Report:
		m_diags.push_back({Severity::Warning, loc, length, std::move(message), std::move(flag)});
		m_warnings++;
		return;
	case WarningPolicy::Ignore: return;
	case WarningPolicy::Error:
		// clang: "error: … [-Werror,-Wint-conversion]"
		m_diags.push_back({Severity::Error, loc, length, std::move(message),
				   flag.empty() ? "-Werror" : "-Werror," + flag});
		m_errors++;
		return;
	}
}

void DiagnosticSink::note(SourceLoc loc, std::string message, uint32_t length)
{
	m_diags.push_back({Severity::Note, loc, length, std::move(message)});
}

std::string DiagnosticSink::render_all(const SourceSet& sources) const
{
	std::string out;
	for (const Diagnostic& d : m_diags)
		out += render(sources, d);
	return out;
}

static size_t edit_distance(std::string_view a, std::string_view b)
{
	std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
	for (size_t j = 0; j <= b.size(); j++)
		prev[j] = j;
	for (size_t i = 1; i <= a.size(); i++) {
		cur[0] = i;
		for (size_t j = 1; j <= b.size(); j++) {
			size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
			cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
		}
		std::swap(prev, cur);
	}
	return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates)
{
	// Allow roughly one edit per three characters, as clang's typo correction does.
	size_t best = std::max<size_t>(1, word.size() / 3) + 1;
	std::string_view found;
	for (std::string_view c : candidates) {
		size_t d = edit_distance(word, c);
		if (d < best) {
			best = d;
			found = c;
		}
	}
	return std::string(found);
}

}  // namespace kctx
