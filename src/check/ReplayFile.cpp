#include "check/ReplayFile.h"

#include <charconv>
#include <fmt/format.h>

namespace kctx::check {

namespace {
Error error_at(std::string_view name, uint32_t line, size_t col, std::string_view what)
{
	return Error{fmt::format("{}:{}:{}: error: {}", name, line, col + 1, what)};
}

bool parse_u32(std::string_view s, uint32_t& out)
{
	auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
	return ec == std::errc{} && p == s.data() + s.size();
}
}  // namespace

Result<ReplayFile> parse_replay(std::string_view name, std::string_view text)
{
	ReplayFile r;
	uint32_t lineno = 0;
	size_t pos = 0;
	bool have_cpus = false;
	while (pos < text.size()) {
		size_t end = text.find('\n', pos);
		std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
		pos = end == std::string_view::npos ? text.size() : end + 1;
		lineno++;
		size_t a = line.find_first_not_of(" \t\r");
		if (a == std::string_view::npos || line[a] == '#')
			continue;
		size_t sp = line.find_first_of(" \t", a);
		if (sp == std::string_view::npos)
			return error_at(name, lineno, a, "expected 'KIND CPU' (run, ipi, tick or timer, and a CPU number)");
		std::string_view word = line.substr(a, sp - a);
		size_t b = line.find_first_not_of(" \t", sp);
		size_t e = b == std::string_view::npos ? line.size() : line.find_last_not_of(" \t\r") + 1;
		// "run CPU VALUE": the value prandom_u32_max() returned in that step.
		size_t vsp = b == std::string_view::npos ? std::string_view::npos : line.find_first_of(" \t", b);
		std::string_view value_text;
		size_t value_col = 0;
		if (vsp != std::string_view::npos && vsp < e) {
			value_col = line.find_first_not_of(" \t", vsp);
			value_text = line.substr(value_col, e - value_col);
			e = vsp;
		}
		std::string_view num = b == std::string_view::npos ? std::string_view{} : line.substr(b, e - b);
		uint32_t n = 0;
		if (!parse_u32(num, n) || n >= 4096)
			return error_at(name, lineno, b == std::string_view::npos ? sp : b,
					fmt::format("'{}' is not a CPU number", num));
		if (word == "cpus") {
			if (n == 0)
				return error_at(name, lineno, b, "cpus must be at least 1");
			r.cpus = n;
			have_cpus = true;
			continue;
		}
		kernel::ChoiceKind kind;
		if (!kernel::parse_choice_kind(word, kind))
			return error_at(name, lineno, a, fmt::format("unknown choice '{}' (run, ipi, tick or timer)", word));
		if (have_cpus && n >= r.cpus)
			return error_at(name, lineno, b, fmt::format("CPU {} does not exist on a {}-CPU machine", n, r.cpus));
		uint32_t value = 0;
		if (!value_text.empty() && (kind != kernel::ChoiceKind::Run || !parse_u32(value_text, value)))
			return error_at(name, lineno, value_col,
					kind == kernel::ChoiceKind::Run ? fmt::format("'{}' is not a value", value_text)
									: fmt::format("only 'run' takes a value, not '{}'", word));
		r.choices.push_back({kind, n, value});
		r.lines.push_back(lineno);
	}
	if (!have_cpus)
		return Error{fmt::format("{}: error: no 'cpus N' line: not a kctx replay file", name)};
	return r;
}

std::string format_replay(const ReplayFile& r, std::string_view comment)
{
	std::string out;
	size_t pos = 0;
	while (pos < comment.size()) {
		size_t end = comment.find('\n', pos);
		if (end == std::string_view::npos)
			end = comment.size();
		out += fmt::format("# {}\n", comment.substr(pos, end - pos));
		pos = end + 1;
	}
	out += fmt::format("cpus {}\n", r.cpus);
	for (const kernel::Choice& c : r.choices)
		out += c.value ? fmt::format("{} {} {}\n", kernel::choice_kind_name(c.kind), c.cpu, c.value)
			       : fmt::format("{} {}\n", kernel::choice_kind_name(c.kind), c.cpu);
	return out;
}

}  // namespace kctx::check
