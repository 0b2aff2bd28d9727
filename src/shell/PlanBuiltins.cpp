// The commands with rules of their own: each checked word by word when the script is
// compiled (a module's file, a signal's name, a job's number, a duration), into the Action
// that pid 1's generated C carries out.
#include <charconv>
#include <fmt/format.h>

#include "abi/Signal.h"
#include "shell/Applets.h"
#include "shell/Planner.h"

namespace kctx::shell::plan {

namespace {

[[nodiscard]] bool all_digits(std::string_view s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename T>
[[nodiscard]] std::optional<T> parse_int(std::string_view s)
{
	T v{};
	if (!all_digits(s))
		return std::nullopt;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || end != s.data() + s.size())
		return std::nullopt;
	return v;
}

// busybox sleep: N[.frac][smhd], in nanoseconds; nullopt if malformed or absurdly long.
[[nodiscard]] std::optional<uint64_t> parse_duration(std::string_view s)
{
	size_t i = 0;
	uint64_t whole = 0;
	uint64_t frac = 0;
	bool digits = false;
	for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, s[i] - '0', &whole))
			return std::nullopt;
		digits = true;
	}
	if (i < s.size() && s[i] == '.') {
		uint64_t scale = 100000000;   // the first decimal is tenths of a second
		for (i++; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
			frac += static_cast<uint64_t>(s[i] - '0') * scale;
			scale /= 10;
			digits = true;
		}
	}
	if (!digits)
		return std::nullopt;
	uint64_t unit = 1;
	if (i < s.size()) {
		switch (s[i]) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		default: return std::nullopt;
		}
		if (++i != s.size())
			return std::nullopt;
	}
	uint64_t ns = 0;
	if (__builtin_mul_overflow(whole, 1000000000ULL, &ns) || __builtin_add_overflow(ns, frac, &ns) ||
	    __builtin_mul_overflow(ns, unit, &ns))
		return std::nullopt;
	return ns;
}

// echo -e: the escapes busybox echo turns into bytes. Returns false at "\c": no more
// output, not even the newline.
[[nodiscard]] bool unescape(std::string_view in, std::string& out)
{
	auto octal = [](char c) { return c >= '0' && c <= '7'; };
	for (size_t i = 0; i < in.size(); i++) {
		if (in[i] != '\\' || i + 1 == in.size()) {
			out += in[i];
			continue;
		}
		char c = in[++i];
		switch (c) {
		case 'a': out += '\a'; continue;
		case 'b': out += '\b'; continue;
		case 'e': out += '\x1b'; continue;
		case 'f': out += '\f'; continue;
		case 'n': out += '\n'; continue;
		case 'r': out += '\r'; continue;
		case 't': out += '\t'; continue;
		case 'v': out += '\v'; continue;
		case '\\': out += '\\'; continue;
		case 'c': return false;
		default: break;
		}
		if (c == 'x' && i + 1 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1]))) {
			int v = 0;
			for (int n = 0; n < 2 && i + 1 < in.size() &&
					std::isxdigit(static_cast<unsigned char>(in[i + 1]));
			     n++)
				v = v * 16 + (std::isdigit(static_cast<unsigned char>(in[++i]))
						      ? in[i] - '0'
						      : (in[i] | 0x20) - 'a' + 10);
			out += static_cast<char>(v);
			continue;
		}
		if (octal(c)) {
			// \0NNN and \NNN: up to three octal digits after an optional leading 0.
			if (c == '0' && i + 1 < in.size() && octal(in[i + 1]))
				c = in[++i];
			int v = c - '0';
			for (int n = 1; n < 3 && i + 1 < in.size() && octal(in[i + 1]); n++)
				v = v * 8 + (in[++i] - '0');
			out += static_cast<char>(v);
			continue;
		}
		out += '\\';
		out += c;
	}
	return true;
}

}   // namespace

std::optional<Action> Planner::insmod(const Command& c)
{
	if (c.words.size() < 2) {
		error(c.words.front(), "insmod: missing module file: insmod NAME.ko [param=value ...]");
		return std::nullopt;
	}
	const Word& f = c.words[1];
	std::string file = f.literal();
	std::string_view path = file;
	if (path.starts_with("./"))
		path.remove_prefix(2);
	if (!f.is_literal() || path.starts_with("-")) {
		error(f, f.is_literal() ? "insmod: options are not supported in init.sh"
					: "insmod: the module file must be written out: NAME.ko");
		return std::nullopt;
	}
	std::string_view stem = path.substr(0, path.size() >= 3 ? path.size() - 3 : 0);
	if (!path.ends_with(".ko") || !plain_name(stem)) {
		error(f, fmt::format("insmod: '{}' is not a module of the scenario: expected NAME.ko, built "
				     "from NAME.c",
				     file));
		return std::nullopt;
	}
	Insmod ins;
	ins.module = index_of(m_plan.modules, m_plan.module_uses, std::string(stem), f);
	ins.file = file;
	bool ok = true;
	for (size_t i = 2; i < c.words.size(); i++) {
		const Word& w = c.words[i];
		// The name must be written out; the value may use $? and $!.
		if (w.parts.empty() || w.parts.front().param) {
			error(w, "insmod: expected param=value");
			ok = false;
			continue;
		}
		std::string_view head = w.parts.front().text;
		size_t eq = head.find('=');
		std::string_view pname = head.substr(0, eq);
		bool valid = !pname.empty() && std::all_of(pname.begin(), pname.end(), [](char ch) {
			return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
		});
		if (!valid || (eq == std::string_view::npos && w.parts.size() > 1)) {
			error(w,
			      fmt::format("insmod: bad parameter '{}': expected param=value", w.literal()));
			ok = false;
			continue;
		}
		Text value;
		if (eq != std::string_view::npos)
			append_literal(value, head.substr(eq + 1));
		append(value, Text(w.parts.begin() + 1, w.parts.end()));
		std::string literal_value;
		for (const WordPart& p : value)
			literal_value += p.text;
		if (literal_value.find('"') != std::string::npos) {
			error(w, "insmod: a parameter value cannot contain '\"': the kernel's parser has no "
				 "escape for it");
			ok = false;
			continue;
		}
		// The kernel splits parameters at blanks outside double quotes
		// (kernel/params.c: next_arg()), so a value with a blank is quoted, as
		// busybox modprobe does.
		bool quote = literal_value.find_first_of(" \t") != std::string::npos;
		append_literal(ins.params, i > 2 ? " " : "");
		append_literal(ins.params, pname);
		if (eq == std::string_view::npos)
			continue;
		append_literal(ins.params, quote ? "=\"" : "=");
		append(ins.params, value);
		append_literal(ins.params, quote ? "\"" : "");
	}
	if (!ok)
		return std::nullopt;
	return ins;
}

std::optional<Action> Planner::rmmod(const Command& c)
{
	if (c.words.size() < 2) {
		error(c.words.front(), "rmmod: missing module name: rmmod NAME");
		return std::nullopt;
	}
	Rmmod rm;
	for (size_t i = 1; i < c.words.size(); i++) {
		const Word& w = c.words[i];
		std::string arg = w.literal();
		if (!w.is_literal() || arg.starts_with("-")) {
			error(w, w.is_literal() ? "rmmod: options are not supported in init.sh"
						: "rmmod: the module name must be written out");
			return std::nullopt;
		}
		// busybox filename2modname(): the basename, without ".ko", with '-' as '_'.
		std::string name = arg.substr(arg.rfind('/') == std::string::npos ? 0 : arg.rfind('/') + 1);
		if (name.ends_with(".ko"))
			name.resize(name.size() - 3);
		std::replace(name.begin(), name.end(), '-', '_');
		if (!plain_name(name)) {
			error(w, fmt::format("rmmod: bad module name '{}'", arg));
			return std::nullopt;
		}
		rm.names.push_back(name);
	}
	return rm;
}

std::optional<Action> Planner::sleep(const Command& c)
{
	if (c.words.size() < 2) {
		error(c.words.front(), "sleep: missing operand: sleep N[.frac][smhd]");
		return std::nullopt;
	}
	// Several operands add up, as in busybox.
	uint64_t total = 0;
	for (size_t i = 1; i < c.words.size(); i++) {
		const Word& w = c.words[i];
		std::optional<uint64_t> ns = w.is_literal() ? parse_duration(w.literal()) : std::nullopt;
		if (!ns || __builtin_add_overflow(total, *ns, &total)) {
			error(w, fmt::format("sleep: invalid number '{}'", w.literal()));
			return std::nullopt;
		}
	}
	return Sleep{total / 1000000000, static_cast<uint32_t>(total % 1000000000)};
}

std::optional<int32_t> Planner::signal(const Word& w, std::string_view text)
{
	if (all_digits(text)) {
		std::optional<int32_t> n = parse_int<int32_t>(text);
		if (!n || *n >= abi::kNSIG) {
			error(w, fmt::format("kill: bad signal number '{}'", text));
			return std::nullopt;
		}
		return *n;
	}
	std::string upper(text);
	std::transform(upper.begin(), upper.end(), upper.begin(), [](char ch) { return std::toupper(ch); });
	if (int32_t sig = abi::signal_from_name(upper); sig != 0)
		return sig;
	std::vector<std::string_view> names;
	for (int32_t s = 1; s < abi::kNSIG; s++)
		names.push_back(abi::signal_name(s));
	std::string message = fmt::format("kill: bad signal name '{}'", text);
	std::string bare = upper.starts_with("SIG") ? upper.substr(3) : upper;
	if (std::string guess = closest_match(bare, names); !guess.empty())
		message += fmt::format("; did you mean '{}'?", guess);
	error(w, message);
	return std::nullopt;
}

std::optional<Target> Planner::target(const Word& w, std::string_view command)
{
	if (w.parts.size() == 1 && w.parts.front().param == Param::LastBackgroundPid)
		return Target{Target::Kind::LastBackground, 0, "$!"};
	// $$ is the script's own pid, init's: `kill $$` signals pid 1, as ash does.
	if (w.parts.size() == 1 && w.parts.front().param == Param::ShellPid)
		return Target{Target::Kind::Pid, 1, "$$"};
	std::string s = w.literal();
	if (!w.is_literal()) {
		error(w, fmt::format("{}: expected a pid, %N or $!", command));
		return std::nullopt;
	}
	if (s.starts_with("%")) {
		std::string_view rest = std::string_view(s).substr(1);
		if (all_digits(rest)) {
			std::optional<int32_t> n = parse_int<int32_t>(rest);
			if (!n || *n == 0 || *n > 1000000) {
				error(w, fmt::format("{}: bad job number '{}': jobs are numbered from %1",
						     command, s));
				return std::nullopt;
			}
			if (static_cast<uint32_t>(*n) > m_plan.background_jobs)
				m_diags.warning(
					w.loc,
					fmt::format("job {} never exists: init.sh starts {} background job{}",
						    s, m_plan.background_jobs,
						    m_plan.background_jobs == 1 ? "" : "s"),
					w.length);
			return Target{Target::Kind::Job, *n, s};
		}
		if (rest.empty() || rest == "%" || rest == "+" || rest == "-")
			error(w, fmt::format("{}: '{}' is not supported in init.sh: name the job by number "
					     "(%1, %2, ...)",
					     command, s));
		else
			error(w, fmt::format("{}: job names ('{}') are not supported in init.sh: name the "
					     "job by number "
					     "(%1, %2, ...)",
					     command, s));
		return std::nullopt;
	}
	if (all_digits(s)) {
		std::optional<int32_t> pid = parse_int<int32_t>(s);
		if (pid && *pid > 0)
			return Target{Target::Kind::Pid, *pid, s};
		if (pid && *pid == 0) {
			error(w, fmt::format("{}: pid 0 (the process group) is not supported in init.sh",
					     command));
			return std::nullopt;
		}
	}
	if (s.size() > 1 && s[0] == '-' && all_digits(s.substr(1))) {
		error(w, fmt::format("{}: process groups ('{}') are not supported in init.sh", command, s));
		return std::nullopt;
	}
	error(w, fmt::format("{}: bad pid '{}': expected a pid, %N or $!", command, s));
	return std::nullopt;
}

std::optional<Action> Planner::kill(const Command& c)
{
	Kill k;
	size_t i = 1;
	const auto& words = c.words;
	if (i < words.size() && words[i].is_literal()) {
		std::string s = words[i].literal();
		if (s == "-l" || s == "-L") {
			error(words[i], "kill: listing signals (-l) is not supported in init.sh");
			return std::nullopt;
		}
		if (s == "-s") {
			if (i + 1 >= words.size() || !words[i + 1].is_literal()) {
				error(words[i], "kill: -s needs a signal name or number");
				return std::nullopt;
			}
			std::optional<int32_t> sig = signal(words[i + 1], words[i + 1].literal());
			if (!sig)
				return std::nullopt;
			k.sig = *sig;
			i += 2;
		} else if (s.size() > 1 && s[0] == '-' && s != "--") {
			std::optional<int32_t> sig = signal(words[i], std::string_view(s).substr(1));
			if (!sig)
				return std::nullopt;
			k.sig = *sig;
			i++;
		}
	}
	if (i < words.size() && words[i].is_literal() && words[i].literal() == "--")
		i++;
	if (i == words.size()) {
		error(words.front(), "kill: missing operand: kill [-SIG] PID|%JOB|$!");
		return std::nullopt;
	}
	for (; i < words.size(); i++) {
		std::optional<Target> t = target(words[i], "kill");
		if (!t)
			return std::nullopt;
		k.targets.push_back(*t);
	}
	return k;
}

std::optional<Action> Planner::wait(const Command& c)
{
	Wait w;
	for (size_t i = 1; i < c.words.size(); i++) {
		std::optional<Target> t = target(c.words[i], "wait");
		if (!t)
			return std::nullopt;
		w.targets.push_back(*t);
	}
	return w;
}

std::optional<Action> Planner::echo(const Command& c)
{
	Echo e;
	bool newline = true;
	bool escapes = false;
	size_t i = 1;
	// Options as busybox echo takes them: words of only n, e and E after a '-'.
	for (; i < c.words.size() && c.words[i].is_literal(); i++) {
		std::string s = c.words[i].literal();
		if (s.size() < 2 || s[0] != '-' || s.find_first_not_of("neE", 1) != std::string::npos)
			break;
		for (char o : s.substr(1)) {
			if (o == 'n')
				newline = false;
			else
				escapes = o == 'e';
		}
	}
	bool more = true;
	for (size_t first = i; i < c.words.size() && more; i++) {
		if (i > first)
			append_literal(e.text, " ");
		for (const WordPart& p : c.words[i].parts) {
			if (p.param) {
				e.text.push_back(p);
				continue;
			}
			if (!escapes) {
				append_literal(e.text, p.text);
				continue;
			}
			std::string out;
			more = unescape(p.text, out);
			append_literal(e.text, out);
			if (!more)
				break;
		}
	}
	if (newline && more)
		append_literal(e.text, "\n");
	if (c.redirects.size() > 1) {
		m_diags.error(c.redirects[1].loc, "only one redirection per command is supported in init.sh",
			      c.redirects[1].length);
		return std::nullopt;
	}
	if (!c.redirects.empty()) {
		const Redirect& r = c.redirects.front();
		if (!r.target.is_literal() || r.target.literal().empty()) {
			error(r.target, "the file of a redirection must be written out in init.sh");
			return std::nullopt;
		}
		e.mode = r.mode;
		e.path = r.target.literal();
	}
	return e;
}

std::optional<Action> Planner::cat(const Command& c)
{
	if (c.words.size() < 2) {
		error(c.words.front(), "cat: reading standard input is not supported in init.sh: cat FILE");
		return std::nullopt;
	}
	Cat cat;
	for (size_t i = 1; i < c.words.size(); i++) {
		const Word& w = c.words[i];
		if (!w.is_literal() || w.literal().starts_with("-")) {
			error(w, w.is_literal() ? "cat: options are not supported in init.sh"
						: "cat: the file must be written out in init.sh");
			return std::nullopt;
		}
		cat.files.push_back(w.literal());
	}
	return cat;
}

std::optional<Action> Planner::dd(const Command& c)
{
	// busybox dd: operands only, each checked now (busybox would print its usage).
	RunApplet run;
	run.argv.emplace_back("dd");
	for (size_t i = 1; i < c.words.size(); i++) {
		const Word& w = c.words[i];
		if (!w.is_literal()) {
			error(w, "dd: operands must be written out in init.sh");
			return std::nullopt;
		}
		if (std::optional<std::string> problem = check_dd_operand(w.literal())) {
			error(w, *problem);
			return std::nullopt;
		}
		run.argv.push_back(w.literal());
	}
	run.applet = index_of(m_plan.applets, "dd");
	return run;
}

std::optional<Action> Planner::mkfifo(const Command& c)
{
	if (c.words.size() < 2) {
		error(c.words.front(), "mkfifo: missing operand: mkfifo NAME ...");
		return std::nullopt;
	}
	Mkfifo mk;
	for (size_t i = 1; i < c.words.size(); i++) {
		const Word& w = c.words[i];
		if (!w.is_literal() || w.literal().starts_with("-")) {
			error(w, w.is_literal() ? "mkfifo: options are not supported in init.sh"
						: "mkfifo: the name must be written out in init.sh");
			return std::nullopt;
		}
		mk.paths.push_back(w.literal());
	}
	return mk;
}

std::optional<Action> Planner::exit(const Command& c)
{
	if (c.words.size() > 2) {
		error(c.words[2], "exit: too many arguments");
		return std::nullopt;
	}
	if (c.words.size() == 1)
		return Exit{};
	const Word& w = c.words[1];
	std::optional<uint32_t> n = w.is_literal() ? parse_int<uint32_t>(w.literal()) : std::nullopt;
	if (!n) {
		error(w, fmt::format("exit: Illegal number: {}", w.literal()));
		return std::nullopt;
	}
	return Exit{static_cast<int>(*n & 0xff)};
}

// set -e, set +e: ash's errexit option; the script's other options and its positional
// parameters are not there.
std::optional<Action> Planner::set(const Command& c)
{
	if (c.words.size() != 2 || !c.words[1].is_literal() ||
	    (c.words[1].literal() != "-e" && c.words[1].literal() != "+e")) {
		error(c.words.size() > 1 ? c.words[1] : c.words.front(),
		      "set: only 'set -e' and 'set +e' are supported in init.sh");
		return std::nullopt;
	}
	bool on = c.words[1].literal() == "-e";
	m_plan.uses_errexit = m_plan.uses_errexit || on;
	return SetErrexit{on};
}

std::optional<Action> Planner::no_arguments(const Command& c, Action action)
{
	if (c.words.size() > 1) {
		error(c.words[1],
		      fmt::format("{}: arguments are not supported in init.sh", c.words.front().literal()));
		return std::nullopt;
	}
	return action;
}

}   // namespace kctx::shell::plan
