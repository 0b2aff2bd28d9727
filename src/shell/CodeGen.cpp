// Generates pid 1's C program from the checked steps. The program is plain kernel C
// (no extensions), one commented block per command, and small helpers above main()
// that give the commands busybox ash's behaviour: what it prints and what $? becomes.
// Only the helpers a script uses are emitted, so a short script reads short.
#include <algorithm>
#include <set>
#include <fmt/format.h>

#include "abi/Signal.h"
#include "shell/Script.h"

namespace kctx::shell {

namespace {

// The parts of the runtime a script can need, in the order they are emitted (each
// after what it uses).
enum Helper : uint32_t {
	kExitStatus = 1u << 0,
	kReportSignal = 1u << 1,
	kSpawnFailed = 1u << 2,
	kJobs = 1u << 3,
	kForeground = 1u << 4,
	kBackground = 1u << 5,
	kKill = 1u << 6,
	kWaitPid = 1u << 7,
	kWaitAll = 1u << 8,
	kInsmod = 1u << 9,
	kRmmod = 1u << 10,
	kSleep = 1u << 11,
	kEcho = 1u << 12,
	kRedirect = 1u << 13,
	kCat = 1u << 14,
	kLastBackground = 1u << 15,   // the $! variables
	kMkfifo = 1u << 16,
	kStages = 1u << 17,   // pipelines and redirected commands: sh_stage_*()
	kVars = 1u << 18,     // shell variables: sh_v_NAME, sh_strdup()
	kCapture = 1u << 19,  // $(...): sh_stage_capture(), sh_capture_read()
	kFields = 1u << 20,   // field splitting of an expansion into arguments: sh_field()
	kStageOpen = 1u << 21,   // N<FILE, N>FILE in a pipeline: sh_stage_open()
	kStageDup = 1u << 22,    // N>&M in a pipeline: sh_stage_dup()
};

// A C string literal with the same bytes as s.
[[nodiscard]] std::string c_string(std::string_view s)
{
	std::string out = "\"";
	for (size_t i = 0; i < s.size(); i++) {
		auto c = static_cast<unsigned char>(s[i]);
		switch (c) {
		case '"': out += "\\\""; continue;
		case '\\': out += "\\\\"; continue;
		case '\n': out += "\\n"; continue;
		case '\t': out += "\\t"; continue;
		case '\r': out += "\\r"; continue;
		default: break;
		}
		// '?' is escaped only where it could start a trigraph.
		if (c == '?' && i + 1 < s.size() && s[i + 1] == '?') {
			out += "\\?";
			continue;
		}
		if (c < 0x20 || c >= 0x7f) {
			// Always three digits, so a following digit cannot extend the escape.
			out += fmt::format("\\{:03o}", c);
			continue;
		}
		out += static_cast<char>(c);
	}
	return out + "\"";
}

// A Text whose size only the run knows: it names a variable or a $(...).
[[nodiscard]] bool is_dynamic(const Text& t)
{
	return std::any_of(t.begin(), t.end(), [](const WordPart& p) {
		return p.param == Param::Variable || p.param == Param::Subst;
	});
}

// Whether t is split into fields when it becomes arguments.
[[nodiscard]] bool is_split(const Text& t)
{
	return std::any_of(t.begin(), t.end(), [](const WordPart& p) { return p.split; });
}

// Whether t is a pattern for pathname expansion when it becomes arguments.
[[nodiscard]] bool is_glob(const Text& t)
{
	return std::any_of(t.begin(), t.end(), [](const WordPart& p) { return p.glob; });
}

// sh_field()'s flags for an argument: 1 split into fields, 2 expand patterns.
[[nodiscard]] int field_flags(const Text& t)
{
	bool split = is_split(t) && is_dynamic(t);
	return (split ? 1 : 0) | (split || is_glob(t) ? 2 : 0);
}

[[nodiscard]] bool is_literal(const Text& t)
{
	return std::none_of(t.begin(), t.end(), [](const WordPart& p) { return p.param.has_value(); });
}

[[nodiscard]] std::string literal_of(const Text& t)
{
	std::string s;
	for (const WordPart& p : t)
		s += p.text;
	return s;
}

class Generator {
public:
	explicit Generator(const ScriptPlan& plan) : m_plan(plan) {}
	[[nodiscard]] std::string run();

private:
	void step(const Step& s);
	void line(std::string_view text)
	{
		m_body.append(m_indent, '\t');
		m_body += text;
		m_body += '\n';
	}
	void open_block()
	{
		line("{");
		m_indent++;
	}
	void close_block()
	{
		m_indent--;
		line("}");
	}
	// An expression for t: a string literal, or a buffer that a snprintf() declared
	// into `decls` fills when the command runs.
	[[nodiscard]] std::string text(const Text& t, std::string_view buffer,
				       std::vector<std::string>& decls);
	// "init.sh: line 7": how ash starts a message about a command of its script.
	[[nodiscard]] std::string where(uint32_t line) const
	{
		return fmt::format("{}: line {}", m_plan.script_name, line);
	}
	[[nodiscard]] std::string target_pid(const Target& t);
	[[nodiscard]] std::string helpers() const;
	void pipeline(uint32_t line, const Pipeline& p, std::vector<std::string>& decls,
		      std::vector<std::string>& stmts, std::string_view prefix = {}, bool capture = false);
	// The array `name` of a command's words, whose buffers are named `arg`N: the array's
	// name and its count's expression.
	[[nodiscard]] std::pair<std::string, std::string> arguments(const std::vector<Text>& argv,
								    const std::string& name, std::string_view arg,
								    std::vector<std::string>& decls);
	// A $(...) run into a string named sub{N}, before the command that uses it.
	[[nodiscard]] std::string substitution(int32_t index, std::vector<std::string>& decls);
	std::set<std::string> m_vars;   // the variables the program reads or writes: sh_v_NAME
	uint32_t m_line = 0;       // of the step being generated
	uint32_t m_substs = 0;     // $(...)s generated so far: their names
	uint32_t m_buffers = 0;    // dynamic text buffers so far

	const ScriptPlan& m_plan;
	std::string m_body;
	size_t m_indent = 1;
	uint32_t m_needs = kWaitAll;   // the end of the script reaps children
};

std::string Generator::text(const Text& t, std::string_view buffer, std::vector<std::string>& decls)
{
	if (is_literal(t))
		return c_string(literal_of(t));
	if (t.size() == 1 && t.front().param == Param::LastBackgroundPid) {
		m_needs |= kLastBackground;
		return "sh_bg_text";
	}
	std::string format;
	std::vector<std::string> args;
	size_t size = 1;
	for (const WordPart& p : t) {
		if (!p.param) {
			std::string escaped;
			for (char c : p.text)
				escaped += c == '%' ? std::string("%%") : std::string(1, c);
			format += escaped;
			size += p.text.size();
			continue;
		}
		size += 12;   // "-2147483648" and its sign fit
		switch (*p.param) {
		case Param::LastStatus:
			format += "%d";
			args.emplace_back("sh_status");
			break;
		case Param::LastBackgroundPid:
			format += "%s";
			args.emplace_back("sh_bg_text");
			m_needs |= kLastBackground;
			break;
		case Param::ShellPid:
			format += "%d";
			args.emplace_back("getpid()");
			break;
		case Param::Variable:
			m_needs |= kVars;
			m_vars.insert(p.name);
			format += "%s";
			args.push_back("sh_v_" + p.name);
			break;
		case Param::Subst:
			format += "%s";
			args.push_back(substitution(p.subst, decls));
			break;
		}
	}
	if (!is_dynamic(t)) {
		decls.push_back(fmt::format("char {}[{}];", buffer, size));
		decls.push_back(fmt::format("snprintf({}, sizeof({}), {}, {});", buffer, buffer, c_string(format),
					    fmt::join(args, ", ")));
		return std::string(buffer);
	}
	// A variable's or a substitution's length is the run's: the buffer is sized for it.
	decls.push_back(fmt::format("int {}_size = snprintf(NULL, 0, {}, {}) + 1;", buffer, c_string(format),
				    fmt::join(args, ", ")));
	decls.push_back(fmt::format("char {}[{}_size];", buffer, buffer));
	decls.push_back(fmt::format("snprintf({}, {}_size, {}, {});", buffer, buffer, c_string(format),
				    fmt::join(args, ", ")));
	return std::string(buffer);
}

std::pair<std::string, std::string> Generator::arguments(const std::vector<Text>& argv, const std::string& name,
							  std::string_view arg, std::vector<std::string>& decls)
{
	std::vector<std::string> texts;
	for (size_t a = 0; a < argv.size(); a++)
		texts.push_back(text(argv[a], fmt::format("{}{}", arg, a), decls));
	if (std::none_of(argv.begin(), argv.end(), [](const Text& t) { return field_flags(t) != 0; })) {
		texts.emplace_back("NULL");
		decls.push_back(fmt::format("const char *{}[] = {{ {} }};", name, fmt::join(texts, ", ")));
		return {name, std::to_string(argv.size())};
	}
	// An unquoted $NAME or $(...) whose value only the run knows: its fields are
	// arguments, as many as it has (none for an empty one); a pattern, the names it
	// matches.
	m_needs |= kFields;
	std::string count = "argc" + name.substr(4);
	decls.push_back(fmt::format("const char *{}[SH_MAX_ARGS + 1];", name));
	decls.push_back(fmt::format("int {} = 0;", count));
	for (size_t a = 0; a < argv.size(); a++) {
		int flags = field_flags(argv[a]);
		decls.push_back(fmt::format("{} = sh_field({}, {}, {}{}, {});", count, name, count,
					    is_dynamic(argv[a]) ? "" : "(char *)", texts[a], flags));
	}
	decls.push_back(fmt::format("{}[{}] = NULL;", name, count));
	return {name, count};
}

std::string Generator::substitution(int32_t index, std::vector<std::string>& decls)
{
	m_needs |= kCapture;
	std::string name = fmt::format("sub{}", m_substs++);
	const Pipeline& p = m_plan.substs.at(static_cast<size_t>(index));
	decls.push_back(fmt::format("/* $(...) #{} */", index));
	pipeline(m_line, p, decls, decls, "_" + name, true);
	decls.push_back(fmt::format("char *{} = sh_capture_read();", name));
	decls.push_back(fmt::format("sh_subst_status = sh_stages_wait(pid_{}, {});", name, p.stages.size()));
	return name;
}

std::string Generator::target_pid(const Target& t)
{
	switch (t.kind) {
	case Target::Kind::Pid: return std::to_string(t.value);
	case Target::Kind::LastBackground: m_needs |= kLastBackground; return "sh_bg_pid";
	case Target::Kind::Job:
		// A job the script never starts can only be an error at run time.
		if (m_plan.background_jobs == 0)
			return "0";
		m_needs |= kJobs;
		return fmt::format("sh_job_pid({})", t.value);
	}
	return "0";
}

void Generator::step(const Step& s)
{
	line(fmt::format("/* {}:{}: {} */", m_plan.script_name, s.line, s.source));
	m_line = s.line;
	std::vector<std::string> decls;
	std::vector<std::string> stmts;

	if (const auto* run = std::get_if<RunProgram>(&s.action)) {
		auto [argv, argc] = arguments(run->argv, "argv", "arg", decls);
		std::string spawn = fmt::format("__kctx_spawn({}, {}, {})", run->program, argc, argv);
		std::string what = c_string(fmt::format("{}: {}", where(s.line), run->name));
		m_needs |= run->background ? kBackground : kForeground;
		stmts.push_back(fmt::format("sh_status = {}({}, {});",
					    run->background ? "sh_background" : "sh_foreground", spawn,
					    what));
	} else if (const auto* ins = std::get_if<Insmod>(&s.action)) {
		m_needs |= kInsmod | kReportSignal | kExitStatus;
		std::string params = text(ins->params, "params", decls);
		stmts.push_back(fmt::format("sh_status = sh_insmod(__kctx_insmod({}, {}), {});", ins->module,
					    params, c_string(ins->file)));
	} else if (const auto* rm = std::get_if<Rmmod>(&s.action)) {
		m_needs |= kRmmod;
		// busybox rmmod stops at the first module it cannot unload.
		for (size_t i = 0; i < rm->names.size(); i++)
			stmts.push_back(fmt::format("{}sh_status = sh_rmmod({});",
						    i ? "if (sh_status == 0)\n\t" : "",
						    c_string(rm->names[i])));
	} else if (const auto* sl = std::get_if<Sleep>(&s.action)) {
		m_needs |= kSleep;
		stmts.push_back(fmt::format("sh_status = sh_sleep({}, {});", sl->sec, sl->nsec));
	} else if (const auto* k = std::get_if<Kill>(&s.action)) {
		m_needs |= kKill;
		// busybox kill goes on after a failure and counts the failures.
		std::string_view name = abi::signal_name(k->sig);
		std::string sig =
			name.empty() ? std::to_string(k->sig) : fmt::format("{} /* SIG{} */", k->sig, name);
		for (size_t i = 0; i < k->targets.size(); i++) {
			const Target& t = k->targets[i];
			std::string what = c_string(fmt::format("{}: kill: {}", where(s.line), t.text));
			stmts.push_back(fmt::format("sh_status {}= sh_kill({}, {}, {});", i ? "+" : "",
						    target_pid(t), sig, what));
		}
	} else if (const auto* w = std::get_if<Wait>(&s.action)) {
		if (w->targets.empty())
			stmts.emplace_back("sh_status = sh_wait_all();");
		else
			m_needs |= kWaitPid;
		for (const Target& t : w->targets) {
			std::string what = c_string(fmt::format("{}: wait: {}", where(s.line), t.text));
			stmts.push_back(fmt::format("sh_status = sh_wait_pid({}, {});", target_pid(t), what));
		}
	} else if (std::holds_alternative<Ps>(s.action)) {
		stmts.emplace_back("sh_status = __kctx_ps() < 0 ? 1 : 0;");
	} else if (std::holds_alternative<Dmesg>(s.action)) {
		stmts.emplace_back("sh_status = __kctx_dmesg() < 0 ? 1 : 0;");
	} else if (const auto* e = std::get_if<Echo>(&s.action)) {
		m_needs |= kEcho;
		std::string out = text(e->text, "text", decls);
		if (!e->mode) {
			stmts.push_back(fmt::format("sh_status = sh_echo(1, {});", out));
		} else {
			// ash: a redirection that cannot be opened fails the command with status 2.
			m_needs |= kRedirect;
			std::string flags = e->mode == RedirectMode::Append ? "O_WRONLY | O_CREAT | O_APPEND"
									    : "O_WRONLY | O_CREAT | O_TRUNC";
			decls.push_back(fmt::format("int fd = sh_redirect({}, {}, {});", c_string(e->path),
						    flags, c_string(where(s.line))));
			stmts.emplace_back("sh_status = 2;");
			stmts.push_back(fmt::format(
				"if (fd >= 0) {{\n\tsh_status = sh_echo(fd, {});\n\tclose(fd);\n}}", out));
		}
	} else if (const auto* cat = std::get_if<Cat>(&s.action)) {
		m_needs |= kCat;
		for (size_t i = 0; i < cat->files.size(); i++)
			stmts.push_back(fmt::format("sh_status {}= sh_cat({});", i ? "|" : "",
						    c_string(cat->files[i])));
	} else if (const auto* app = std::get_if<RunApplet>(&s.action)) {
		// ash forks for a NOEXEC applet: it runs as its own process, in the foreground.
		std::vector<std::string> argv;
		for (const std::string& a : app->argv)
			argv.push_back(c_string(a));
		argv.emplace_back("NULL");
		decls.push_back(fmt::format("const char *argv[] = {{ {} }};", fmt::join(argv, ", ")));
		m_needs |= kForeground;
		size_t program = m_plan.programs.size() + app->applet;
		stmts.push_back(fmt::format("sh_status = sh_foreground(__kctx_spawn({} /* busybox {} */, {}, argv), {});",
					    program, app->argv.front(), app->argv.size(),
					    c_string(fmt::format("{}: {}", where(s.line), app->argv.front()))));
	} else if (const auto* mk = std::get_if<Mkfifo>(&s.action)) {
		m_needs |= kMkfifo;
		for (size_t i = 0; i < mk->paths.size(); i++)
			stmts.push_back(fmt::format("sh_status {}= sh_mkfifo({});", i ? "|" : "", c_string(mk->paths[i])));
	} else if (const auto* p = std::get_if<Pipeline>(&s.action)) {
		pipeline(s.line, *p, decls, stmts);
	} else if (const auto* as = std::get_if<Assign>(&s.action)) {
		// ash: an assignment's $? is its last command substitution's status, else 0.
		m_needs |= kVars;
		uint32_t substs = m_substs;
		// Left to right: a value may use the variables assigned before it.
		for (size_t i = 0; i < as->vars.size(); i++) {
			std::string value = text(as->vars[i].second, fmt::format("value{}", i), decls);
			m_vars.insert(as->vars[i].first);
			decls.push_back(fmt::format("sh_v_{} = sh_strdup({});", as->vars[i].first, value));
		}
		stmts.emplace_back(m_substs != substs ? "sh_status = sh_subst_status;" : "sh_status = 0;");
	} else if (const auto* st = std::get_if<SetStatus>(&s.action)) {
		stmts.push_back(fmt::format("sh_status = {};", st->status));
	} else if (const auto* ex = std::get_if<Exit>(&s.action)) {
		stmts.push_back(ex->status ? fmt::format("exit({});", *ex->status) : "exit(sh_status);");
	} else if (const auto* label = std::get_if<Label>(&s.action)) {
		// A label at the level of main()'s body, outside every command's block.
		line(fmt::format("sh_label{}:;", label->id));
		return;
	} else if (const auto* jump = std::get_if<Jump>(&s.action)) {
		line(jump->when == JumpWhen::IfFailure ? fmt::format("if (sh_status != 0) goto sh_label{};", jump->label)
						       : fmt::format("goto sh_label{};", jump->label));
		return;
	} else if (const auto* set = std::get_if<SetErrexit>(&s.action)) {
		stmts.push_back(fmt::format("sh_errexit = {};", set->on ? 1 : 0));
		stmts.emplace_back("sh_status = 0;");
	}
	// set -e: a command that fails ends the script with its status (ash's errexit),
	// where POSIX lets it.
	if (m_plan.uses_errexit && s.errexit && !std::holds_alternative<SetErrexit>(s.action) &&
	    !std::holds_alternative<Exit>(s.action))
		stmts.emplace_back("if (sh_errexit && sh_status != 0)\n\texit(sh_status);");

	if (s.condition != Condition::Always) {
		line(s.condition == Condition::IfSuccess ? "if (sh_status == 0)" : "if (sh_status != 0)");
		if (decls.empty())
			decls.emplace_back("/* '&&' or '||': only if the list so far succeeded or failed */");
	}
	bool block = !decls.empty();
	if (block)
		open_block();
	for (const std::string& d : decls)
		line(d);
	for (const std::string& st : stmts) {
		// A statement may span lines; each line gets the block's indentation.
		size_t start = 0;
		while (start <= st.size()) {
			size_t nl = st.find('\n', start);
			line(std::string_view(st).substr(start, nl == std::string::npos ? std::string::npos
											: nl - start));
			if (nl == std::string::npos)
				break;
			start = nl + 1;
		}
	}
	if (block)
		close_block();
}

void Generator::pipeline(uint32_t line, const Pipeline& p, std::vector<std::string>& decls,
			 std::vector<std::string>& stmts, std::string_view prefix, bool capture)
{
	m_needs |= kStages | kExitStatus | kReportSignal | kSpawnFailed;
	size_t n = p.stages.size();
	std::string pids = fmt::format("pid{}", prefix);
	decls.push_back(fmt::format("int {}[{}];", pids, n));
	// Every argument first: a $(...) among them runs to its end before this pipeline starts.
	std::vector<std::pair<std::string, std::string>> argvs;
	for (size_t i = 0; i < n; i++)
		argvs.push_back(arguments(p.stages[i].argv, fmt::format("argv{}{}", i, prefix),
					  fmt::format("arg{}{}_", i, prefix), decls));
	std::vector<std::string> spawns;
	for (size_t i = 0; i < n; i++) {
		const Stage& st = p.stages[i];
		spawns.push_back(fmt::format("sh_stage_begin({});", i + 1 == n ? 1 : 0));
		if (capture && i + 1 == n)
			spawns.emplace_back("sh_stage_capture();");
		for (const Redirect& r : st.redirects) {
			if (r.mode == RedirectMode::Dup) {
				m_needs |= kStageDup;
				spawns.push_back(fmt::format("sh_stage_dup({}, {});", r.fd, r.dup_from));
				continue;
			}
			m_needs |= kStageOpen;
			std::string_view flags = r.mode == RedirectMode::Input    ? "O_RDONLY"
						 : r.mode == RedirectMode::Append ? "O_WRONLY | O_CREAT | O_APPEND"
										  : "O_WRONLY | O_CREAT | O_TRUNC";
			spawns.push_back(fmt::format("sh_stage_open({}, {}, {}, {});", r.fd, c_string(r.target.literal()),
						     flags, c_string(where(line))));
		}
		size_t program = st.kind == Stage::Kind::Program ? st.index
				 : st.kind == Stage::Kind::Applet ? m_plan.programs.size() + st.index
								  : m_plan.programs.size() + m_plan.applets.size() + st.index;
		std::string what = c_string(fmt::format("{}: {}", where(line), st.name));
		spawns.push_back(fmt::format("{}[{}] = sh_stage_spawn({}{}, {}, {}, {});", pids, i, program,
					     st.kind == Stage::Kind::Applet ? fmt::format(" /* busybox {} */", st.name) : "", argvs[i].second,
					     argvs[i].first, what));
	}
	for (std::string& sp : spawns)
		stmts.push_back(std::move(sp));
	if (capture)
		return;
	if (p.background) {
		m_needs |= kBackground;
		stmts.push_back(fmt::format("sh_status = {}[{}] > 0 ? sh_background({}[{}], \"\") : 0;", pids, n - 1, pids, n - 1));
		return;
	}
	stmts.push_back(fmt::format("sh_status = sh_stages_wait({}, {});", pids, n));
}

std::string Generator::run()
{
	for (const Step& s : m_plan.steps)
		step(s);

	std::string out;
	out += "/*\n";
	out += fmt::format(" * {}, compiled by kctx (src/shell) into the program pid 1 runs: one block\n",
			   m_plan.script_name);
	out += " * per command of the script, and helpers that give the commands busybox ash's\n";
	out += " * behaviour (what they print, what $? becomes).\n";
	auto list = [&](std::string_view what, const std::vector<std::string>& names, std::string_view prefix,
			std::string_view suffix) {
		if (names.empty())
			return;
		out += fmt::format(" * {}:", what);
		for (size_t i = 0; i < names.size(); i++)
			out += fmt::format(" {} = {}{}{}", i, prefix, names[i], suffix);
		out += "\n";
	};
	out += " *\n";
	list("programs (__kctx_spawn's first argument)", m_plan.programs, "./", "");
	list("modules (__kctx_insmod's first argument)", m_plan.modules, "", ".ko");
	if (!m_plan.applets.empty()) {
		out += " * busybox applets, run as child processes:";
		for (size_t i = 0; i < m_plan.applets.size(); i++)
			out += fmt::format(" {} = {}", m_plan.programs.size() + i, m_plan.applets[i]);
		out += "\n";
	}
	if (m_plan.programs.empty() && m_plan.modules.empty())
		out += " * The script starts no program and loads no module.\n";
	out += " */\n";
	// Any known header brings in the whole user prelude; the list is what a C compiler
	// would need for the same program.
	out += "#include <errno.h>\n#include <fcntl.h>\n#include <signal.h>\n#include <stdio.h>\n";
	out += "#include <stdlib.h>\n#include <string.h>\n";
	out += (m_needs & kMkfifo) ? "#include <sys/stat.h>\n" : "";
	out += "#include <time.h>\n#include <unistd.h>\n\n";
	out += helpers();
	out += "int main(void)\n{\n";
	out += m_body;
	out += "\t/*\n";
	out += fmt::format(
		"\t * The end of {}. Like busybox init once its rc script is done, pid 1 stays to\n",
		m_plan.script_name);
	out += "\t * reap children, and ends when it has none left.\n";
	out += "\t */\n";
	out += "\tsh_wait_all();\n";
	out += "\treturn sh_status;\n";
	out += "}\n";
	return out;
}

std::string Generator::helpers() const
{
	uint32_t needs = m_needs;
	// What the helpers use.
	if (needs & kBackground)
		needs |= kSpawnFailed | kLastBackground;
	if (needs & kForeground)
		needs |= kSpawnFailed | kReportSignal | kExitStatus;
	if (needs & kCapture)
		needs |= kStages;
	if (needs & kStages)
		needs |= kSpawnFailed | kReportSignal | kExitStatus;
	if (needs & kWaitPid)
		needs |= kExitStatus;
	if (m_plan.background_jobs > 0 && (needs & (kBackground | kWaitPid | kWaitAll)))
		needs |= kJobs;
	bool jobs = needs & kJobs;

	std::string out = "/* $?: the status of the last command. */\nstatic int sh_status;\n";
	if (m_plan.uses_errexit)
		out += "/* set -e: whether a failing command ends the script. */\nstatic int sh_errexit;\n";
	if (needs & kLastBackground)
		out += "/* $!: the pid of the last background command, as a number and as its text. */\n"
		       "static int sh_bg_pid;\nstatic char sh_bg_text[16];\n";
	if (jobs)
		out += fmt::format(
			"/*\n"
			" * The job table: the pid of job %N at [N - 1], 0 when the slot is free. The\n"
			" * script starts {} background command{}, so it never needs more.\n"
			" */\n"
			"#define SH_MAX_JOBS {}\n"
			"static int sh_jobs[SH_MAX_JOBS];\n",
			m_plan.background_jobs, m_plan.background_jobs == 1 ? "" : "s",
			m_plan.background_jobs);
	out += "\n";

	if (needs & kExitStatus)
		out += R"c(/* $? from a wait status: the exit code, or 128 + the signal that killed the child. */
static int sh_exit_status(int ws)
{
	if ((ws & 0x7f) == 0)
		return (ws >> 8) & 0xff;
	return 128 + (ws & 0x7f);
}

)c";
	if (needs & kReportSignal) {
		out += R"c(/*
 * ash reports a foreground command that a signal killed, in strsignal()'s words, but
 * not SIGINT or SIGPIPE, and adds " (core dumped)" when the status says a core was
 * written (WCOREDUMP, busybox's sprint_status48()).
 */
static void sh_report_signal(int ws)
{
	const char *what;

	switch (ws & 0x7f) {
	case 0:
)c";
		out += fmt::format("\tcase {}:\n\tcase {}:\n\t\treturn;\n", static_cast<int>(abi::kSIGINT),
				   static_cast<int>(abi::kSIGPIPE));
		for (int32_t sig = 1; sig < abi::kNSIG; sig++) {
			if (sig == abi::kSIGINT || sig == abi::kSIGPIPE)
				continue;
			out += fmt::format("\tcase {}: what = {}; break;\n", sig, c_string(abi::signal_description(sig)));
		}
		out += R"c(	default:
		fprintf(stderr, "Unknown signal %d\n", ws & 0x7f);
		return;
	}
	fprintf(stderr, "%s%s\n", what, (ws & 0x80) ? " (core dumped)" : "");
}

)c";
	}
	if (needs & kSpawnFailed)
		out += R"c(/* A command that could not start: ash's words, and its $? (127 when not found). */
static int sh_spawn_failed(int err, const char *what)
{
	if (err == -ENOENT) {
		fprintf(stderr, "%s: not found\n", what);
		return 127;
	}
	fprintf(stderr, "%s: %s\n", what, strerror(-err));
	return 126;
}

)c";
	if (jobs)
		out += R"c(/* Job %N's pid, or 0 if there is no such job (not started, or waited for). */
static int sh_job_pid(int n)
{
	if (n < 1 || n > SH_MAX_JOBS)
		return 0;
	return sh_jobs[n - 1];
}

/* A job that has been waited for leaves the table; its number is free again. */
static void sh_forget_job(int pid)
{
	int i;

	for (i = 0; i < SH_MAX_JOBS; i++)
		if (sh_jobs[i] == pid)
			sh_jobs[i] = 0;
}

)c";
	if (needs & kForeground)
		out += R"c(/* A foreground command: wait for it; its status is $?. */
static int sh_foreground(int pid, const char *what)
{
	int ws;

	if (pid < 0)
		return sh_spawn_failed(pid, what);
	ws = __kctx_wait(pid);
	while (ws == -EINTR)
		ws = __kctx_wait(pid);
	if (ws < 0)
		return 127;
	sh_report_signal(ws);
	return sh_exit_status(ws);
}

)c";
	if (needs & kBackground) {
		out += R"c(/*
 * A background command: it sets $! and takes the lowest free job number, as in ash.
 * Nothing is printed when it ends; $? is 0.
 */
static int sh_background(int pid, const char *what)
{
)c";
		out += jobs ? "\tint i;\n\n" : "";
		out += R"c(	if (pid < 0) {
		sh_spawn_failed(pid, what);
		return 0;
	}
	sh_bg_pid = pid;
	snprintf(sh_bg_text, sizeof(sh_bg_text), "%d", pid);
)c";
		if (jobs)
			out += R"c(	for (i = 0; i < SH_MAX_JOBS; i++) {
		if (sh_jobs[i] == 0) {
			sh_jobs[i] = pid;
			break;
		}
	}
)c";
		out += "\treturn 0;\n}\n\n";
	}
	if (needs & kKill)
		out += R"c(/* kill, for one operand: busybox kill reports a failure and counts it in $?. */
static int sh_kill(int pid, int sig, const char *what)
{
	if (pid <= 0) {
		fprintf(stderr, "%s: no such job\n", what);
		return 1;
	}
	if (kill(pid, sig) == 0)
		return 0;
	fprintf(stderr, "kill: can't kill pid %d: %s\n", pid, strerror(errno));
	return 1;
}

)c";
	if (needs & kWaitPid) {
		out += R"c(/* wait PID or %N: that child's status, or 127 if it is not a child (ash). */
static int sh_wait_pid(int pid, const char *what)
{
	int ws;

	if (pid <= 0) {
		fprintf(stderr, "%s: no such job\n", what);
		return 127;
	}
	ws = __kctx_wait(pid);
	while (ws == -EINTR)
		ws = __kctx_wait(pid);
)c";
		out += jobs ? "\tsh_forget_job(pid);\n" : "";
		out += R"c(	if (ws < 0)
		return 127;
	return sh_exit_status(ws);
}

)c";
	}
	out += R"c(/* wait with no operand: reap children until the kernel says there are none (ECHILD). */
static int sh_wait_all(void)
{
	int ws = __kctx_wait(-1);
)c";
	out += jobs ? "\tint i;\n\n" : "\n";
	out += R"c(	while (ws >= 0 || ws == -EINTR)
		ws = __kctx_wait(-1);
)c";
	out += jobs ? "\tfor (i = 0; i < SH_MAX_JOBS; i++)\n\t\tsh_jobs[i] = 0;\n" : "";
	out += "\treturn 0;\n}\n\n";
	if (needs & kInsmod)
		out += R"c(/* busybox modutils.c: moderror(), the words insmod gives init_module's errors. */
static const char *sh_moderror(int err)
{
	switch (err) {
	case 8: /* ENOEXEC */
		return "invalid module format";
	case ENOENT:
		return "unknown symbol in module, or unknown parameter";
	case ESRCH:
		return "module has wrong symbol version";
	case ENOSYS:
		return "kernel does not support requested operation";
	}
	return strerror(err);
}

/*
 * busybox insmod: says why init_module failed and exits with its errno. A positive
 * value is the wait status of an insmod that a signal killed (an oops in the module's
 * init: make_task_dead()), which ash reports as for any foreground command.
 */
static int sh_insmod(int err, const char *file)
{
	if (err > 0) {
		sh_report_signal(err);
		return sh_exit_status(err);
	}
	if (err == 0)
		return 0;
	fprintf(stderr, "insmod: can't insert '%s': %s\n", file, sh_moderror(-err));
	return -err & 0xff;
}

)c";
	if (needs & kRmmod)
		out += R"c(/* busybox rmmod: perror()'s words for delete_module's error, and exit status 1. */
static int sh_rmmod(const char *name)
{
	int err = __kctx_rmmod(name);

	if (err >= 0)
		return 0;
	fprintf(stderr, "rmmod: can't unload module '%s': %s\n", name, strerror(-err));
	return 1;
}

)c";
	if (needs & kSleep)
		out += R"c(/* sleep: a signal that interrupts nanosleep() does not cut the sleep short. */
static int sh_sleep(long sec, long nsec)
{
	struct timespec ts;

	ts.tv_sec = sec;
	ts.tv_nsec = nsec;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return 0;
}

)c";
	if (needs & kEcho)
		out += R"c(/* echo: the whole line in one write(), as busybox echo does. */
static int sh_echo(int fd, const char *text)
{
	if (write(fd, text, strlen(text)) >= 0)
		return 0;
	fprintf(stderr, "echo: write error: %s\n", strerror(errno));
	return 1;
}

)c";
	if (needs & kRedirect)
		out += R"c(/* A redirection's file, opened as ash opens it; -1 after ash's message if it cannot be. */
static int sh_redirect(const char *path, int flags, const char *what)
{
	int fd = open(path, flags, 0666);

	if (fd < 0)
		fprintf(stderr, "%s: can't create %s: %s\n", what, path, strerror(errno));
	return fd;
}

)c";
	if (needs & kCat)
		out += R"c(/*
 * cat FILE: copies it to standard output until end of file or an error, as busybox's
 * bb_copyfd_eof() does: a device is read until it says 0 (a /dev/kmsg reader waits for
 * the next record; /dev/zero never ends).
 */
static int sh_cat(const char *path)
{
	static char buf[4096];
	long n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "cat: can't open '%s': %s\n", path, strerror(errno));
		return 1;
	}
	n = read(fd, buf, sizeof(buf));
	while (n > 0) {
		if (write(1, buf, n) != n) {
			fprintf(stderr, "cat: write error: %s\n", strerror(errno));
			close(fd);
			return 1;
		}
		n = read(fd, buf, sizeof(buf));
	}
	close(fd);
	if (n == 0)
		return 0;
	fprintf(stderr, "cat: read error: %s\n", strerror(errno));
	return 1;
}

)c";
	if (needs & kStages)
		out += R"c(/*
 * A pipeline's commands, and commands with redirections, each run as a child whose
 * standard input, output and error are sh_io[]: set up for each command in turn as ash
 * does in its child before exec (the pipe from the previous command, a new pipe to the
 * next one, then the redirections from left to right).
 */
static int sh_io[3];
/* The read end of the pipe the command just started writes to: the next one's stdin. */
static int sh_pipe_in;
/* What pid 1 opened for the command about to start; closed once it has started. */
static int sh_opened[8];
static int sh_nopened;
/* A redirection failed: the command does not run and its status is 2 (ash). */
static int sh_io_failed;

static void sh_stage_begin(int last)
{
	int p[2];

	sh_io[0] = sh_pipe_in;
	sh_io[1] = 1;
	sh_io[2] = 2;
	sh_nopened = 0;
	sh_io_failed = 0;
	if (sh_pipe_in)
		sh_opened[sh_nopened++] = sh_pipe_in;
	sh_pipe_in = 0;
	if (!last && pipe(p) == 0) {
		sh_io[1] = p[1];
		sh_opened[sh_nopened++] = p[1];
		sh_pipe_in = p[0];
	}
}

)c";
	if (needs & kStageOpen)
		out += R"c(/* N<FILE, N>FILE, N>>FILE: ash's words when the file cannot be opened. */
static void sh_stage_open(int fd, const char *path, int flags, const char *what)
{
	int f;

	if (sh_io_failed)
		return;
	f = open(path, flags, 0666);
	if (f < 0) {
		fprintf(stderr, "%s: can't %s %s: %s\n", what, flags == O_RDONLY ? "open" : "create", path,
			strerror(errno));
		sh_io_failed = 1;
		return;
	}
	sh_opened[sh_nopened++] = f;
	sh_io[fd] = f;
}

)c";
	if (needs & kStageDup)
		out += R"c(/* N>&M */
static void sh_stage_dup(int fd, int from)
{
	sh_io[fd] = sh_io[from];
}

)c";
	if (needs & kStages)
		out += R"c(/* Starts the command: its pid, or minus its status if it could not start. */
static int sh_stage_spawn(int program, int argc, const char **argv, const char *what)
{
	int pid = -2;
	int i;

	if (!sh_io_failed) {
		pid = __kctx_spawn_io(program, argc, argv, sh_io);
		if (pid < 0)
			pid = -sh_spawn_failed(pid, what);
	}
	for (i = 0; i < sh_nopened; i++)
		close(sh_opened[i]);
	return pid;
}

/* A foreground pipeline: wait for every command; $? is the last one's status. */
static int sh_stages_wait(int *pids, int n)
{
	int i, ws, status = 0;

	for (i = 0; i < n; i++) {
		if (pids[i] <= 0) {
			status = -pids[i];
			continue;
		}
		ws = __kctx_wait(pids[i]);
		while (ws == -EINTR)
			ws = __kctx_wait(pids[i]);
		if (ws < 0) {
			status = 127;
			continue;
		}
		if (i == n - 1)
			sh_report_signal(ws);
		status = sh_exit_status(ws);
	}
	return status;
}

)c";
	if (needs & kVars) {
		out += "/* The script's variables: unset ones expand to nothing. */\n";
		for (const std::string& v : m_vars)
			out += fmt::format("static char *sh_v_{} = \"\";\n", v);
		out += R"c(
static char *sh_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	memcpy(p, s, n);
	return p;
}

)c";
	}
	if (needs & kCapture)
		out += R"c(/* $(...): the pipe its last command writes to, and its status for an assignment's $?. */
static int sh_capture_fd = -1;
static int sh_subst_status;

static void sh_stage_capture(void)
{
	int p[2];

	sh_capture_fd = -1;
	if (pipe(p) == 0) {
		sh_io[1] = p[1];
		sh_opened[sh_nopened++] = p[1];
		sh_capture_fd = p[0];
	}
}

/* Everything the commands wrote, less its trailing newlines (ash's expbackq()). */
static char *sh_capture_read(void)
{
	size_t cap = 256, len = 0;
	char *buf = malloc(cap);
	long n;

	while (sh_capture_fd >= 0) {
		if (len + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
		n = read(sh_capture_fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	if (sh_capture_fd >= 0)
		close(sh_capture_fd);
	while (len > 0 && buf[len - 1] == '\n')
		len--;
	buf[len] = 0;
	return buf;
}

)c";
	if (needs & kFields)
		out += R"c(#include <dirent.h>

#define SH_MAX_ARGS 256

/* ash's pmatch(): '*', '?', [set] with ranges and '!' or '^', '\' quoting the next. */
static int sh_match(const char *p, const char *s)
{
	for (; *p; p++, s++) {
		if (*p == '*') {
			while (p[1] == '*')
				p++;
			for (;; s++) {
				if (sh_match(p + 1, s))
					return 1;
				if (!*s)
					return 0;
			}
		}
		if (!*s)
			return 0;
		if (*p == '?')
			continue;
		if (*p == '[') {
			const char *q = p + 1;
			int neg = *q == '!' || *q == '^', hit = 0;
			if (neg)
				q++;
			do {
				if (q[1] == '-' && q[2] && q[2] != ']') {
					hit |= *s >= q[0] && *s <= q[2];
					q += 3;
				} else {
					hit |= *q == *s;
					q++;
				}
			} while (*q && *q != ']');
			if (!*q) {   /* no ']': an ordinary '[' */
				if (*s != '[')
					return 0;
				continue;
			}
			if (hit == neg)
				return 0;
			p = q;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		if (*p != *s)
			return 0;
	}
	return *s == 0;
}

static int sh_has_pattern(const char *s)
{
	return strchr(s, '*') || strchr(s, '?') || strchr(s, '[');
}

static int sh_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Pathname expansion of a pattern in its last component: the names of the directory
 * that match, sorted, a leading '.' only matched by a '.'; none leaves the word as it is.
 */
static int sh_glob(const char **argv, int argc, char *pat)
{
	char *slash = strrchr(pat, '/');
	char *base = slash ? slash + 1 : pat;
	long dirlen = slash ? (slash == pat ? 1 : slash - pat) : 1;
	char *dir = malloc(dirlen + 1);
	char *names[SH_MAX_ARGS];
	int n = 0, i;
	struct dirent *e;
	DIR *d;

	memcpy(dir, slash ? pat : ".", dirlen);
	dir[dirlen] = 0;
	d = sh_has_pattern(dir) ? NULL : opendir(dir);
	while (d && (e = readdir(d)) != NULL && n < SH_MAX_ARGS) {
		char *full;
		if (e->d_name[0] == '.' && base[0] != '.')
			continue;
		if (!sh_match(base, e->d_name))
			continue;
		full = malloc(strlen(pat) + strlen(e->d_name) + 2);
		snprintf(full, strlen(pat) + strlen(e->d_name) + 2, "%.*s%s", (int)(base - pat), pat, e->d_name);
		names[n++] = full;
	}
	if (d)
		closedir(d);
	if (n == 0) {
		if (argc < SH_MAX_ARGS)
			argv[argc++] = pat;
		return argc;
	}
	qsort(names, n, sizeof(names[0]), sh_compare);
	for (i = 0; i < n && argc < SH_MAX_ARGS; i++)
		argv[argc++] = names[i];
	return argc;
}

/*
 * An argument: as it is, or (flags 1) split into fields at blanks (IFS's default) as an
 * unquoted expansion is, each field a pattern when it has one (flags 2).
 */
static int sh_field(const char **argv, int argc, char *s, int flags)
{
	if (!(flags & 1)) {
		if ((flags & 2) && sh_has_pattern(s))
			return sh_glob(argv, argc, s);
		if (argc < SH_MAX_ARGS)
			argv[argc++] = s;
		return argc;
	}
	for (;;) {
		char *field;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s || argc == SH_MAX_ARGS)
			return argc;
		field = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n')
			s++;
		if (*s)
			*s++ = 0;
		argc = sh_field(argv, argc, field, flags & 2);
	}
}

)c";
	if (needs & kMkfifo)
		out += R"c(/* busybox mkfifo: mkfifo(NAME, 0666), or perror's words and status 1. */
static int sh_mkfifo(const char *path)
{
	if (mkfifo(path, 0666) == 0)
		return 0;
	fprintf(stderr, "mkfifo: %s: %s\n", path, strerror(errno));
	return 1;
}

)c";
	return out;
}

}   // namespace

std::string generate_c(const ScriptPlan& plan)
{
	Generator g(plan);
	return g.run();
}

}   // namespace kctx::shell
