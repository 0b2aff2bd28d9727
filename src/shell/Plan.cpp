// Checks each parsed command against what init.sh supports and turns it into a Step:
// what the generated C has to do, with every argument already validated, so that a
// mistake in the script is a diagnostic at its word and never a surprise at run time.
#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <map>
#include <set>
#include <span>

#include "abi/Signal.h"
#include "shell/Applets.h"
#include "shell/Script.h"

namespace kctx::shell {

namespace {

// The commands init.sh knows, besides ./PROGRAM.
const std::vector<std::string_view> kCommands = {
	":", "[", "awk", "cat", "chgrp", "chmod", "chown", "crash", "dd", "dmesg", "echo", "exit",
	"false", "grep", "head", "insmod", "journalctl", "kill", "ln", "ls", "lsmod", "mkfifo", "mknod", "printf", "ps",
	"rm", "rmmod", "set", "sleep", "stap", "tail", "test", "true", "wait", "wc",
};

// The commands that run as a child process of their own when they are in a pipeline,
// in the background or redirected (busybox applets: Applets.cpp, AppletSources.cpp).
const std::vector<std::string_view> kStageApplets = {
	"[", "awk", "cat", "chgrp", "chmod", "chown", "crash", "dd", "dmesg", "echo", "false", "grep",
	"head", "journalctl", "ln", "ls", "lsmod", "mknod", "printf", "rm", "sleep", "stap", "tail", "test", "true", "wc",
};
// Of those, the ones that have no pid-1 builtin form: always a child process.
const std::vector<std::string_view> kChildOnly = {
	"[", "awk", "chgrp", "chmod", "chown", "crash", "grep", "head", "journalctl", "ln", "ls", "mknod", "printf", "rm",
	"stap", "tail", "test", "wc",
};
// test's file operators that the test applet does not have (a terminal test, and the
// binary ones that compare two files' inodes and times), refused by init.sh.
const std::vector<std::string_view> kFileTests = {"-t", "-ef", "-nt", "-ot"};

[[nodiscard]] bool contains(const std::vector<std::string_view>& list, std::string_view name)
{
	return std::find(list.begin(), list.end(), name) != list.end();
}

// Shell syntax that is more than a simple command.
const std::vector<std::string_view> kReserved = {
	"!",    "{",  "}",   "[[",       "]]", "case", "do",     "done", "elif",  "else",
	"esac", "fi", "for", "function", "if", "in",   "select", "then", "until", "while",
};

[[nodiscard]] bool all_digits(std::string_view s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A file name the scenario's directory can hold: NAME of NAME.c.
[[nodiscard]] bool plain_name(std::string_view s)
{
	if (s.empty() || s == "." || s == "..")
		return false;
	return std::all_of(s.begin(), s.end(), [](char c) {
		return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
		       c == '+';
	});
}

// ./NAME.stp: a SystemTap script init.sh runs as a program.
[[nodiscard]] bool is_stap_script(std::string_view name)
{
	return name.size() > 6 && name.starts_with("./") && name.ends_with(".stp") &&
	       plain_name(name.substr(2, name.size() - 6));
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

void append_literal(Text& t, std::string_view s)
{
	if (s.empty())
		return;
	if (t.empty() || t.back().param)
		t.push_back({});
	t.back().text += s;
}

[[nodiscard]] std::string literal_text(const Text& t)
{
	std::string s;
	for (const WordPart& p : t)
		s += p.text;
	return s;
}

void append(Text& t, const Text& more)
{
	for (const WordPart& p : more) {
		if (p.param)
			t.push_back(p);
		else
			append_literal(t, p.text);
	}
}

class Planner {
public:
	Planner(std::string script_name, DiagnosticSink& diags, uint32_t background_jobs,
		std::set<std::string> program_names)
	    : m_diags(diags), m_program_names(std::move(program_names))
	{
		m_plan.script_name = std::move(script_name);
		m_plan.background_jobs = background_jobs;
	}

	void command(const Command& c);
	// A pipeline (one command or more joined by '|'), run if `condition` holds.
	void pipeline(std::span<const Command> commands, Condition condition);
	// The pipeline after its parameters were expanded (expand()).
	void expanded_pipeline(std::span<const Command> commands, Condition condition);
	[[nodiscard]] ScriptPlan take() { return std::move(m_plan); }
	// A step of if/elif/else/fi's control flow.
	void control(uint32_t line, std::string source, Action action)
	{
		m_plan.steps.push_back({line, std::move(source), std::move(action), Condition::Always, false});
	}
	// Inside an if's lists an assignment is not known when the script is compiled.
	void set_branch_depth(size_t depth) { m_branch_depth = depth; }
	// The steps added from now on: whether `set -e` applies to them.
	void set_errexit(bool applies) { m_errexit = applies; }

private:
	void error(const Word& w, std::string message) { m_diags.error(w.loc, std::move(message), w.length); }

	[[nodiscard]] std::optional<Command> expand(const Command& c);
	[[nodiscard]] bool expand_word(const Word& w, bool split, std::vector<Word>& fields);
	[[nodiscard]] int32_t plan_subst(const std::vector<Command>& commands, const Word& where);
	void assign(const Command& c, Condition condition);
	[[nodiscard]] std::optional<Action> run_program(const Command& c, const std::string& name);
	[[nodiscard]] std::optional<Action> insmod(const Command& c);
	[[nodiscard]] std::optional<Action> rmmod(const Command& c);
	[[nodiscard]] std::optional<Action> sleep(const Command& c);
	[[nodiscard]] std::optional<Action> kill(const Command& c);
	[[nodiscard]] std::optional<Action> wait(const Command& c);
	[[nodiscard]] std::optional<Action> echo(const Command& c);
	[[nodiscard]] std::optional<Action> cat(const Command& c);
	[[nodiscard]] std::optional<Action> dd(const Command& c);
	[[nodiscard]] std::optional<Action> mkfifo(const Command& c);
	[[nodiscard]] std::optional<Action> exit(const Command& c);
	[[nodiscard]] std::optional<Action> set(const Command& c);
	[[nodiscard]] std::optional<std::string> positional_value(const std::string& name) const;
	[[nodiscard]] std::optional<Action> no_arguments(const Command& c, Action action);
	[[nodiscard]] std::optional<Stage> stage(const Command& c);
	[[nodiscard]] bool builtin_form(const Command& c) const;
	[[nodiscard]] std::optional<int32_t> signal(const Word& w, std::string_view text);
	[[nodiscard]] std::optional<Target> target(const Word& w, std::string_view command);
	void not_found(const Word& w, const std::string& name);

	static uint32_t index_of(std::vector<std::string>& list, const std::string& name)
	{
		auto it = std::find(list.begin(), list.end(), name);
		if (it != list.end())
			return static_cast<uint32_t>(it - list.begin());
		list.push_back(name);
		return static_cast<uint32_t>(list.size() - 1);
	}
	// index_of() for a program or module, remembering where it is first named.
	static uint32_t index_of(std::vector<std::string>& list, std::vector<NameUse>& uses, const std::string& name,
				 const Word& named)
	{
		uint32_t i = index_of(list, name);
		if (uses.size() < list.size())
			uses.push_back({named.loc, named.length});
		return i;
	}

	DiagnosticSink& m_diags;
	std::set<std::string> m_program_names;
	// The shell's variables as the plan reaches each command: the value when it is known
	// now (assigned unconditionally from literal text), nullopt when only the run knows it
	// (a $(...), $?, or an assignment after '&&'/'||'). Known values are put in when the
	// script is compiled, so `insmod ./$module.ko` names its module as a written-out one
	// does. busybox init's environment (init/init.c) and ash's PWD start it.
	std::map<std::string, std::optional<std::string>> m_vars = {
		{"HOME", "/"}, {"PATH", "/sbin:/usr/sbin:/bin:/usr/bin"}, {"SHELL", "/bin/sh"}, {"USER", "root"}, {"PWD", "/"},
	};
	std::set<std::string> m_warned;   // names never assigned, warned about once
	ScriptPlan m_plan;
	Condition m_condition = Condition::Always;   // of the steps command() adds
	size_t m_branch_depth = 0;   // ifs around the commands being planned
	bool m_errexit = true;       // Step::errexit of the steps being added
};

void Planner::command(const Command& c)
{
	const Word& first = c.words.front();
	std::string name = first.literal();
	if (!first.quoted && std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end()) {
		error(first, fmt::format("'{}' is not supported in init.sh: only simple commands are", name));
		return;
	}
	bool program = name.starts_with("./");
	if (c.background && !program) {
		error(first, fmt::format("'{}' cannot run in the background in init.sh", name));
		return;
	}
	if (!c.redirects.empty() && name != "echo") {
		const Redirect& r = c.redirects.front();
		m_diags.error(r.loc, fmt::format("'{}' cannot be redirected in init.sh", name), r.length);
		return;
	}

	std::optional<Action> action;
	if (program)
		action = run_program(c, name);
	else if (name.find('/') != std::string::npos)
		error(first,
		      fmt::format(
			      "'{}': init.sh runs only the scenario's own programs, as ./NAME (built from "
			      "NAME.c)",
			      name));
	else if (name == "insmod")
		action = insmod(c);
	else if (name == "rmmod")
		action = rmmod(c);
	else if (name == "sleep")
		action = sleep(c);
	else if (name == "kill")
		action = kill(c);
	else if (name == "wait")
		action = wait(c);
	else if (name == "echo")
		action = echo(c);
	else if (name == "cat")
		action = cat(c);
	else if (name == "dd")
		action = dd(c);
	else if (name == "mkfifo")
		action = mkfifo(c);
	else if (name == "lsmod")
		action = no_arguments(c, RunApplet{index_of(m_plan.applets, "lsmod"), {"lsmod"}});
	else if (name == "exit")
		action = exit(c);
	else if (name == "ps")
		action = no_arguments(c, Ps{});
	else if (name == "dmesg")
		action = no_arguments(c, Dmesg{});
	else if (name == "set")
		action = set(c);
	else if (name == "true" || name == ":")
		action = SetStatus{0};
	else if (name == "false")
		action = SetStatus{1};
	else
		not_found(first, name);
	if (action)
		m_plan.steps.push_back({c.loc.line, c.source, std::move(*action), m_condition, m_errexit});
}

// Whether a lone command runs as it always has in init.sh (in pid 1, or a program and
// dd and lsmod as children with pid 1's own files): no pipe, no redirection but echo's
// > and >>, no '&' but a program's.
bool Planner::builtin_form(const Command& c) const
{
	std::string name = c.words.front().literal();
	if (contains(kChildOnly, name) || is_stap_script(name))
		return false;
	// dmesg's options (-r, -n LEVEL) are the applet's: pid 1's builtin dmesg takes none.
	if (name == "dmesg" && c.words.size() > 1)
		return false;
	// An unquoted $NAME or $(...) only the run knows becomes as many arguments as it has
	// fields: echo's applet gets them as its argv.
	// So does a pattern's pathname expansion: echo's and cat's applets get the names.
	if ((name == "echo" || name == "cat") && std::any_of(c.words.begin(), c.words.end(), [](const Word& w) {
		    return std::any_of(w.parts.begin(), w.parts.end(),
				       [](const WordPart& p) { return p.split || p.glob; });
	    }))
		return false;
	bool program = name.starts_with("./");
	if (c.background && !program)
		return !contains(kStageApplets, name);   // command() says why it cannot be
	if (c.redirects.empty())
		return true;
	if (!contains(kStageApplets, name) && !program)
		return true;   // command() says why it cannot be
	const Redirect& r = c.redirects.front();
	return name == "echo" && c.redirects.size() == 1 && r.fd == 1 &&
	       (r.mode == RedirectMode::Truncate || r.mode == RedirectMode::Append);
}

std::optional<Stage> Planner::stage(const Command& c)
{
	const Word& first = c.words.front();
	std::string name = first.literal();
	Stage st;
	st.name = name;
	if (is_stap_script(name)) {
		// ./NAME.stp: a SystemTap script run as a program. The kernel's binfmt_script
		// (fs/binfmt_script.c) reads its "#!/usr/bin/stap" line and runs stap with the
		// script's path before the arguments (kernel::ScriptFile); the loader checks that line.
		(void)index_of(m_plan.applets, "stap");
		st.kind = Stage::Kind::StapScript;
		st.index = index_of(m_plan.stap_scripts, m_plan.stap_script_uses, name.substr(2), first);
	} else if (name.starts_with("./")) {
		std::optional<Action> run = run_program(c, name);
		if (!run)
			return std::nullopt;
		st.index = std::get<RunProgram>(*run).program;
	} else if (contains(kStageApplets, name)) {
		if (name == "dd" && !dd(c))
			return std::nullopt;
		// ln: symlinks only; kctx's file systems have no hard links.
		if (name == "ln" && std::none_of(c.words.begin() + 1, c.words.end(), [](const Word& w) {
			    return w.is_literal() && w.literal().starts_with("-") && w.literal() != "--" &&
				   w.literal().find('s') != std::string::npos;
		    })) {
			error(first, "ln: hard links are not supported in init.sh: write ln -s TARGET LINK");
			return std::nullopt;
		}
		if (name == "test" || name == "[") {
			for (const Word& w : c.words) {
				if (w.is_literal() && contains(kFileTests, w.literal())) {
					error(w, fmt::format("{}: file tests ('{}') are not supported in init.sh", name,
							     w.literal()));
					return std::nullopt;
				}
			}
		}
		st.kind = Stage::Kind::Applet;
		st.index = index_of(m_plan.applets, name);
	} else {
		if (std::find(kCommands.begin(), kCommands.end(), name) == kCommands.end()) {
			not_found(first, name);
			return std::nullopt;
		}
		error(first, fmt::format("'{}' cannot run in a pipeline, in the background or with a redirection in "
					 "init.sh",
					 name));
		return std::nullopt;
	}
	for (const Word& w : c.words)
		st.argv.push_back(w.parts);
	if (c.redirects.size() > 6) {
		m_diags.error(c.redirects[6].loc, "at most 6 redirections per command in init.sh", c.redirects[6].length);
		return std::nullopt;
	}
	for (const Redirect& r : c.redirects) {
		if (r.mode != RedirectMode::Dup && (!r.target.is_literal() || r.target.literal().empty())) {
			error(r.target, "the file of a redirection must be written out in init.sh");
			return std::nullopt;
		}
		st.redirects.push_back(r);
	}
	return st;
}

void Planner::pipeline(std::span<const Command> commands, Condition condition)
{
	// NAME=VALUE ... on its own: each value expanded after the assignments before it.
	if (commands.size() == 1 && commands.front().words.front().assignment) {
		assign(commands.front(), condition);
		return;
	}
	std::vector<Command> expanded;
	for (const Command& c : commands) {
		std::optional<Command> e = expand(c);
		if (!e)
			return;
		expanded.push_back(std::move(*e));
	}
	for (const Command& c : expanded) {
		if (c.words.empty()) {
			// Every word expanded to nothing: ash runs no command, and $? is 0.
			if (expanded.size() == 1) {
				m_plan.steps.push_back({c.loc.line, c.source, SetStatus{0}, condition, m_errexit});
				return;
			}
			m_diags.error(c.loc, "a command of a pipeline expands to nothing in init.sh", c.length);
			return;
		}
		if (c.words.front().assignment) {
			error(c.words.front(), "assignments before a command or in a pipeline are not supported in init.sh: "
					       "write NAME=VALUE on its own");
			return;
		}
	}
	expanded_pipeline(expanded, condition);
}

void Planner::expanded_pipeline(std::span<const Command> commands, Condition condition)
{
	const Command& last = commands.back();
	for (const Command& c : commands) {
		if (!c.words.front().is_literal()) {
			error(c.words.front(), "a command name must be written out in init.sh: it cannot come from $NAME, $(...), "
					       "$?, $! or $$");
			return;
		}
	}
	if (last.background && condition != Condition::Always) {
		error(last.words.front(), "a '&&' or '||' list cannot run in the background in init.sh");
		return;
	}
	m_condition = condition;
	if (commands.size() == 1 && builtin_form(last)) {
		command(last);
		return;
	}
	Pipeline p;
	p.background = last.background;
	std::string source;
	for (const Command& c : commands) {
		std::string name = c.words.front().literal();
		if (!c.words.front().quoted && std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end()) {
			error(c.words.front(), fmt::format("'{}' is not supported in init.sh: only simple commands are", name));
			return;
		}
		std::optional<Stage> st = stage(c);
		if (!st)
			return;
		p.stages.push_back(std::move(*st));
		source += (source.empty() ? "" : " | ") + c.source;
	}
	m_plan.steps.push_back({commands.front().loc.line, source, std::move(p), condition, m_errexit});
}

// Field splitting of a known value (IFS's default: blanks and newlines), onto `fields`
// whose last word is being built.
void split_into(std::string_view value, std::vector<Word>& fields, bool& open)
{
	for (char ch : value) {
		if (ch == ' ' || ch == '\t' || ch == '\n') {
			open = false;
			continue;
		}
		if (!open) {
			Word w = fields.back();
			w.parts.clear();
			w.quoted = false;
			w.assignment = false;
			if (!fields.back().parts.empty())
				fields.push_back(std::move(w));
			open = true;
		}
		append_literal(fields.back().parts, std::string_view(&ch, 1));
		if (ch == '*' || ch == '?' || ch == '[')
			fields.back().parts.back().glob = true;   // an unquoted value's pattern is one too
	}
}

bool Planner::expand_word(const Word& w, bool split, std::vector<Word>& fields)
{
	Word first = w;
	first.parts.clear();
	fields.push_back(std::move(first));
	size_t start = fields.size() - 1;
	bool open = true;   // the last field takes more bytes
	auto add = [&](const WordPart& p) {
		if (!open) {
			Word next = w;
			next.parts.clear();
			next.quoted = false;
			next.assignment = false;
			fields.push_back(std::move(next));
			open = true;
		}
		if (p.param) {
			fields.back().parts.push_back(p);
			return;
		}
		append_literal(fields.back().parts, p.text);
		if (p.glob && !fields.back().parts.empty())
			fields.back().parts.back().glob = true;
	};
	for (const WordPart& p : w.parts) {
		if (p.param == Param::Subst) {
			WordPart q = p;
			q.split = p.split && split;
			q.subst = plan_subst(*p.commands, w);
			if (q.subst < 0)
				return false;
			add(q);
			continue;
		}
		if (p.param != Param::Variable) {
			add(p);
			continue;
		}
		if (std::optional<std::string> value = positional_value(p.name)) {
			if (p.split && split)
				split_into(*value, fields, open);
			else
				add(WordPart{*value, std::nullopt});
			continue;
		}
		index_of(m_plan.variables, p.name);
		auto it = m_vars.find(p.name);
		if (it != m_vars.end() && !it->second) {
			WordPart q = p;
			q.split = p.split && split;
			add(q);   // only the run knows it
			continue;
		}
		if (it == m_vars.end() && m_warned.insert(p.name).second)
			m_diags.warning(w.loc,
					fmt::format("'${}' is not assigned before this line in init.sh: it expands to nothing",
						    p.name),
					w.length);
		std::string value = it == m_vars.end() ? std::string() : *it->second;
		if (p.split && split) {
			split_into(value, fields, open);
			continue;
		}
		add(WordPart{value, std::nullopt});
	}
	// An unquoted word that expanded to nothing is no field at all; a quoted one is "".
	if (fields.back().parts.empty() && (fields.size() > start + 1 || !w.quoted))
		fields.pop_back();
	else if (fields.back().parts.empty())
		fields.back().parts.push_back({});
	return true;
}

std::optional<Command> Planner::expand(const Command& c)
{
	Command out = c;
	out.words.clear();
	bool leading = true;   // NAME=VALUE words before the command name are not split
	for (const Word& w : c.words) {
		leading = leading && w.assignment;
		if (!expand_word(w, !leading, out.words))
			return std::nullopt;
	}
	for (Redirect& r : out.redirects) {
		if (r.mode == RedirectMode::Dup)
			continue;
		std::vector<Word> fields;
		if (!expand_word(r.target, false, fields))
			return std::nullopt;
		if (fields.size() != 1) {
			error(r.target, "the file of a redirection expands to nothing");
			return std::nullopt;
		}
		r.target = std::move(fields.front());
	}
	return out;
}

// $(...): one pipeline, each of whose commands runs as a child writing to the pipe the
// shell reads.
int32_t Planner::plan_subst(const std::vector<Command>& commands, const Word& where)
{
	for (size_t i = 0; i + 1 < commands.size(); i++) {
		if (commands[i].next != Connector::Pipe) {
			error(where, "only one pipeline can be inside $(...) in init.sh");
			return -1;
		}
	}
	if (commands.back().background) {
		error(where, "'&' inside $(...) is not supported in init.sh");
		return -1;
	}
	Pipeline p;
	for (const Command& c : commands) {
		std::optional<Command> e = expand(c);
		if (!e)
			return -1;
		if (e->words.empty() || e->words.front().assignment || !e->words.front().is_literal()) {
			error(where, "each command inside $(...) must be a command written out in init.sh");
			return -1;
		}
		std::string name = e->words.front().literal();
		if (!name.starts_with("./") && !contains(kStageApplets, name)) {
			if (std::find(kCommands.begin(), kCommands.end(), name) == kCommands.end())
				not_found(e->words.front(), name);
			else
				error(e->words.front(), fmt::format("'{}' cannot run inside $(...) in init.sh", name));
			return -1;
		}
		std::optional<Stage> st = stage(*e);
		if (!st)
			return -1;
		p.stages.push_back(std::move(*st));
	}
	m_plan.substs.push_back(std::move(p));
	return static_cast<int32_t>(m_plan.substs.size() - 1);
}

// NAME=VALUE ...: each value is kept for the run; a literal one assigned unconditionally is
// also known from here on.
void Planner::assign(const Command& c, Condition condition)
{
	Assign a;
	if (!c.redirects.empty()) {
		m_diags.error(c.redirects.front().loc, "an assignment cannot be redirected in init.sh",
			      c.redirects.front().length);
		return;
	}
	for (const Word& raw : c.words) {
		if (!raw.assignment) {
			error(raw, "assignments before a command are not supported in init.sh: write NAME=VALUE on its own");
			return;
		}
		std::vector<Word> fields;
		if (!expand_word(raw, false, fields))
			return;
		const Word& w = fields.front();
		std::string head = w.parts.front().text;
		size_t eq = head.find('=');
		std::string name = head.substr(0, eq);
		Text value;
		append_literal(value, std::string_view(head).substr(eq + 1));
		append(value, Text(w.parts.begin() + 1, w.parts.end()));
		index_of(m_plan.variables, name);
		bool known = condition == Condition::Always && m_branch_depth == 0 &&
			     std::none_of(value.begin(), value.end(), [](const WordPart& p) { return p.param.has_value(); });
		m_vars[name] = known ? std::optional<std::string>(literal_text(value)) : std::nullopt;
		a.vars.emplace_back(name, std::move(value));
	}
	m_plan.steps.push_back({c.loc.line, c.source, std::move(a), condition, m_errexit});
}

void Planner::not_found(const Word& w, const std::string& name)
{
	std::string message = fmt::format("{}: not found", name);
	if (m_program_names.contains(name)) {
		error(w, message + fmt::format("; did you mean './{}'?", name));
		return;
	}
	if (std::string guess = closest_match(name, kCommands); !guess.empty()) {
		error(w, message + fmt::format("; did you mean '{}'?", guess));
		return;
	}
	error(w, message);
	m_diags.note(w.loc,
		     fmt::format("init.sh runs the scenario's programs as ./NAME, and the commands {}",
				 fmt::join(kCommands, " ")),
		     w.length);
}

std::optional<Action> Planner::run_program(const Command& c, const std::string& name)
{
	std::string_view file = std::string_view(name).substr(2);
	if (!plain_name(file)) {
		error(c.words.front(),
		      file.find('/') != std::string_view::npos
			      ? fmt::format("'{}': programs must be in the scenario's directory: ./NAME runs "
					    "NAME.c",
					    name)
			      : fmt::format("'{}' is not a program name: expected ./NAME, built from NAME.c",
					    name));
		return std::nullopt;
	}
	RunProgram run;
	run.program = index_of(m_plan.programs, m_plan.program_uses, std::string(file), c.words.front());
	run.name = name;
	run.background = c.background;
	for (const Word& w : c.words)
		run.argv.push_back(w.parts);
	return run;
}

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

// busybox init runs its script without arguments: $# is 0, $1 ... $9, $* and $@ are
// empty, and $0 is the script's name.
std::optional<std::string> Planner::positional_value(const std::string& name) const
{
	if (name == "#")
		return "0";
	if (name == "0")
		return m_plan.script_name;
	if (name == "*" || name == "@" || (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0]))))
		return "";
	return std::nullopt;
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

// if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi, as labels and jumps:
//
//	if A; then B; elif C; then D; else E; fi
//	    A  jump-if-failure L1  B  jump L0
//	L1: C  jump-if-failure L2  D  jump L0
//	L2: E
//	L0:
//
// Without else, the last label sets $? to 0: an if none of whose conditions held
// succeeds (POSIX 2.9.4.4). Messages are ash's ("syntax error: unexpected "fi"").
class IfBuilder {
public:
	IfBuilder(Planner& planner, DiagnosticSink& diags) : m_planner(planner), m_diags(diags) {}

	// If `c` starts with a reserved word of an if, takes it off and does what it says.
	bool reserved_word(Command& c, Condition condition)
	{
		const Word& w = c.words.front();
		if (w.quoted || !w.is_literal())
			return false;
		std::string word = w.literal();
		if (word != "if" && word != "then" && word != "elif" && word != "else" && word != "fi")
			return false;
		Word at = w;
		c.words.erase(c.words.begin());
		if (condition != Condition::Always) {
			unexpected(at, word == "if" ? "an if after '&&' or '||' is not supported in init.sh"
						    : fmt::format("syntax error: unexpected \"{}\"", word));
			return true;
		}
		if (c.words.empty() && (!c.redirects.empty() || c.background || c.next != Connector::None)) {
			unexpected(at, fmt::format("'{}' followed by a redirection, '&', '|', '&&' or '||' is not "
						   "supported in init.sh",
						   word));
			return true;
		}
		uint32_t line = at.loc.line;
		if (word == "if") {
			m_frames.push_back({m_labels++, m_labels++, Part::Condition, at, false});
			m_planner.set_branch_depth(m_frames.size());
			return true;
		}
		if (m_frames.empty() || !expects(word)) {
			unexpected(at, fmt::format("syntax error: unexpected \"{}\"", word));
			return true;
		}
		Frame& f = m_frames.back();
		if (!f.listed) {
			unexpected(at, fmt::format("syntax error: unexpected \"{}\"", word));
			return true;
		}
		f.listed = false;
		if (word == "then") {
			m_planner.control(line, "then", Jump{f.next, JumpWhen::IfFailure});
			f.part = Part::Body;
			return true;
		}
		if (word == "elif" || word == "else") {
			m_planner.control(line, word, Jump{f.end, JumpWhen::Always});
			m_planner.control(line, word, Label{f.next});
			f.next = m_labels++;
			f.part = word == "elif" ? Part::Condition : Part::Else;
			return true;
		}
		// fi
		if (f.part == Part::Body) {
			m_planner.control(line, "fi", Jump{f.end, JumpWhen::Always});
			m_planner.control(line, "fi", Label{f.next});
			m_planner.control(line, "fi: no condition held", SetStatus{0});
		}
		m_planner.control(line, "fi", Label{f.end});
		m_frames.pop_back();
		m_planner.set_branch_depth(m_frames.size());
		return true;
	}

	// A pipeline was planned in the innermost if's current list.
	void listed()
	{
		if (!m_frames.empty())
			m_frames.back().listed = true;
	}
	[[nodiscard]] bool in_condition() const { return !m_frames.empty() && m_frames.back().part == Part::Condition; }

	void finish()
	{
		if (!m_frames.empty())
			m_diags.error(m_frames.back().where.loc, "syntax error: unexpected end of file (expecting \"fi\")",
				      m_frames.back().where.length);
	}

private:
	enum class Part : uint8_t { Condition, Body, Else };   // what the commands now being read are
	struct Frame {
		uint32_t next = 0;   // the label after this branch: the next elif, else or fi
		uint32_t end = 0;    // the label after fi
		Part part = Part::Condition;
		Word where;          // the if, for an unterminated one
		bool listed = false; // a command was read since the last reserved word
	};

	[[nodiscard]] bool expects(const std::string& word) const
	{
		Part part = m_frames.back().part;
		if (word == "then")
			return part == Part::Condition;
		return part == Part::Body || (word == "fi" && part == Part::Else);
	}
	void unexpected(const Word& at, std::string message) { m_diags.error(at.loc, std::move(message), at.length); }

	Planner& m_planner;
	DiagnosticSink& m_diags;
	std::vector<Frame> m_frames;
	uint32_t m_labels = 0;
};

}   // namespace

ScriptPlan plan_script(const std::vector<Command>& commands, std::string script_name, DiagnosticSink& diags)
{
	// Job numbers are checked against the whole script, and a bare "cst_test" is
	// recognised as a missing "./" when the script runs ./cst_test elsewhere.
	uint32_t jobs = 0;
	std::set<std::string> programs;
	for (const Command& c : commands) {
		const Word& first = c.words.front();
		if (c.background)
			jobs++;
		if (!first.is_literal() || !first.literal().starts_with("./"))
			continue;
		programs.insert(first.literal().substr(2));
	}
	Planner planner(std::move(script_name), diags, jobs, std::move(programs));
	// busybox's sudo is not there; a guide's "sudo CMD" runs CMD as init's root does.
	std::vector<Command> cmds = commands;
	for (Command& c : cmds) {
		while (c.words.size() > 1 && !c.words.front().quoted && c.words.front().is_literal() &&
		       c.words.front().literal() == "sudo")
			c.words.erase(c.words.begin());
	}
	// Pipelines are the commands joined by '|'; '&&' and '||' make the next one conditional.
	// A command that starts with if, then, elif, else or fi is that word of an if
	// (IfBuilder) and then, if more words follow, the command they make.
	Condition condition = Condition::Always;
	IfBuilder ifs(planner, diags);
	for (size_t i = 0; i < cmds.size();) {
		if (ifs.reserved_word(cmds[i], condition)) {
			if (cmds[i].words.empty())
				i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < cmds.size() && cmds[j].next == Connector::Pipe)
			j++;
		// set -e does not end the script at an if's condition, nor where '&&' or '||' goes on.
		planner.set_errexit(!ifs.in_condition() && cmds[j].next != Connector::And && cmds[j].next != Connector::Or);
		planner.pipeline(std::span<const Command>(cmds).subspan(i, j - i + 1), condition);
		ifs.listed();
		condition = cmds[j].next == Connector::And  ? Condition::IfSuccess
			    : cmds[j].next == Connector::Or ? Condition::IfFailure
							    : Condition::Always;
		i = j + 1;
	}
	ifs.finish();
	return planner.take();
}

}   // namespace kctx::shell
