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
#include "shell/Planner.h"

namespace kctx::shell::plan {

namespace {

// The commands init.sh knows, besides ./PROGRAM.
const std::vector<std::string_view> kCommands = {
	":", "[", "awk", "cat", "chgrp", "chmod", "chown", "crash", "dd", "dmesg", "echo", "exit",
	"false", "grep", "head", "insmod", "journalctl", "kill", "ln", "ls", "lsmod", "mkfifo", "mknod", "printf", "ps",
	"rm", "rmmod", "set", "sleep", "stap", "tail", "tee", "test", "true", "wait", "wc",
};

// The commands that run as a child process of their own when they are in a pipeline,
// in the background or redirected (busybox applets: Applets.cpp, AppletSources.cpp).
const std::vector<std::string_view> kStageApplets = {
	"[", "awk", "cat", "chgrp", "chmod", "chown", "crash", "dd", "dmesg", "echo", "false", "grep",
	"head", "journalctl", "ln", "ls", "lsmod", "mknod", "printf", "rm", "sleep", "stap", "tail", "tee", "test", "true",
	"wc",
};
// Of those, the ones that have no pid-1 builtin form: always a child process.
const std::vector<std::string_view> kChildOnly = {
	"[", "awk", "chgrp", "chmod", "chown", "crash", "grep", "head", "journalctl", "ln", "ls", "mknod", "printf", "rm",
	"stap", "tail", "tee", "test", "wc",
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

// ./NAME.stp: a SystemTap script init.sh runs as a program.
[[nodiscard]] bool is_stap_script(std::string_view name)
{
	return name.size() > 6 && name.starts_with("./") && name.ends_with(".stp") &&
	       plain_name(name.substr(2, name.size() - 6));
}

[[nodiscard]] std::string literal_text(const Text& t)
{
	std::string s;
	for (const WordPart& p : t)
		s += p.text;
	return s;
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

}   // namespace

[[nodiscard]] bool plain_name(std::string_view s)
{
	if (s.empty() || s == "." || s == "..")
		return false;
	return std::all_of(s.begin(), s.end(), [](char c) {
		return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
		       c == '+';
	});
}

void append_literal(Text& t, std::string_view s)
{
	if (s.empty())
		return;
	if (t.empty() || t.back().param)
		t.push_back({});
	t.back().text += s;
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
	// ./DIR/NAME runs DIR/NAME.c of the scenario (lkmpg keeps its user programs in
	// other/): every component a plain name, so none climbs out of the scenario.
	bool inside = !file.empty() && file.back() != '/';
	for (size_t at = 0; inside && at < file.size();) {
		size_t slash = std::min(file.find('/', at), file.size());
		inside = plain_name(file.substr(at, slash - at));
		at = slash + 1;
	}
	if (!inside) {
		error(c.words.front(),
		      file.find('/') != std::string_view::npos
			      ? fmt::format("'{}': programs must be inside the scenario's directory: ./DIR/NAME "
					    "runs DIR/NAME.c",
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

}   // namespace kctx::shell::plan
