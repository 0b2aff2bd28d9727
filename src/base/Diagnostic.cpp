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

namespace {

// A source line as the terminal shows it, and where each byte of it lands.
struct QuotedLine {
	std::string text;
	std::vector<size_t> columns;   // columns[i]: the display column of byte i; one past the end too
	[[nodiscard]] size_t column_of(size_t byte) const
	{
		return byte < columns.size() ? columns[byte] : columns.back() + (byte - (columns.size() - 1));
	}
};

// The length of the valid UTF-8 sequence at `s`, or 0.
size_t utf8_length(std::string_view s)
{
	auto u = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
	size_t n = u(0) >= 0xf0 && u(0) <= 0xf4 ? 4 : u(0) >= 0xe0 ? 3 : u(0) >= 0xc2 && u(0) < 0xe0 ? 2 : 0;
	if (n == 0 || s.size() < n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((u(i) & 0xc0) != 0x80)
			return 0;
	return n;
}

// Tabs become one space, so the caret lines up; control bytes (ESC, BEL, ...) and bytes
// that are not UTF-8 become \xNN, so a quoted line cannot drive the terminal; UTF-8
// (an identifier, a comment) is shown as it is, one column a character.
QuotedLine quote_line(std::string_view line)
{
	QuotedLine q;
	size_t col = 0;
	for (size_t i = 0; i < line.size();) {
		auto c = static_cast<unsigned char>(line[i]);
		size_t n = c >= 0x80 ? utf8_length(line.substr(i)) : 1;
		if (c == '\t') {
			q.text += ' ';
		} else if (c < 0x20 || c == 0x7f || n == 0) {
			q.text += fmt::format("\\x{:02x}", c);
			n = 1;
			q.columns.push_back(col);
			col += 4;
			i++;
			continue;
		} else {
			q.text.append(line.substr(i, n));
		}
		for (size_t k = 0; k < n; k++)
			q.columns.push_back(col);
		col++;
		i += n;
	}
	q.columns.push_back(col);
	return q;
}

}  // namespace

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
	QuotedLine shown = quote_line(line);
	std::string gutter = fmt::format("{:5}", d.loc.line);
	out += fmt::format("{} | {}\n", gutter, shown.text);
	size_t from = shown.column_of(d.loc.col > 0 ? d.loc.col - 1 : 0);
	size_t to = shown.column_of((d.loc.col > 0 ? d.loc.col - 1 : 0) + std::max<uint32_t>(d.length, 1));
	std::string caret(from, ' ');
	caret += '^';
	if (to > from + 1)
		caret += std::string(to - from - 1, '~');
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
