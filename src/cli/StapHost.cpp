#include "cli/StapHost.h"

#include <algorithm>
#include <fmt/format.h>

#include "cli/CommandLine.h"

namespace kctx::cli {

namespace {

constexpr int kStapFailed = 1;

bool blank(char c)
{
	return c == ' ' || c == '\t';
}

std::string_view base_name(std::string_view path)
{
	size_t slash = path.rfind('/');
	return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<kernel::ScriptFile> stap_shebang(std::string_view line)
{
	// fs/binfmt_script.c load_script(): "#!", then blanks, the interpreter up to a blank,
	// then blanks and the rest of the line (trailing blanks cut) as one argument.
	if (!line.starts_with("#!"))
		return std::nullopt;
	line.remove_prefix(2);
	while (!line.empty() && (blank(line.back()) || line.back() == '\r'))
		line.remove_suffix(1);
	while (!line.empty() && blank(line.front()))
		line.remove_prefix(1);
	size_t end = 0;
	while (end < line.size() && !blank(line[end]))
		end++;
	std::string_view interp = line.substr(0, end), arg = line.substr(end);
	while (!arg.empty() && blank(arg.front()))
		arg.remove_prefix(1);
	kernel::ScriptFile file{.interpreter = 0, .interp = std::string(interp), .arg = std::string(arg), .env = false};
	if (base_name(interp) == "stap")
		return file;
	// env runs its first operand found on PATH: "#! /usr/bin/env stap".
	if (base_name(interp) != "env" || arg != "stap")
		return std::nullopt;
	file.env = true;
	return file;
}

bool is_stap_shebang(std::string_view line)
{
	return stap_shebang(line).has_value();
}

std::unique_ptr<StapHost> install_stap_host(kernel::Kernel& k, const kernel::Code& code,
					    const std::map<std::string, std::string>& scripts, CodeUnits units)
{
	bool runs_stap = std::any_of(code.programs.begin(), code.programs.end(),
				     [](const vm::ProgramRef& p) { return p && p->name == "stap"; });
	if (!runs_stap)
		return nullptr;
	auto host = std::make_unique<StapHost>(k, code, scripts, units);
	k.set_probe_host(host.get());
	return host;
}

StapHost::StapHost(kernel::Kernel& k, const kernel::Code& code, std::map<std::string, std::string> scripts,
		   CodeUnits units)
	: m_kernel(k), m_code(code), m_scripts(std::move(scripts)), m_units(units)
{
}

StapHost::Live* StapHost::find(const kernel::Machine& m, kernel::TaskId self)
{
	for (auto& l : m_live)
		if (l->task == self && l->pid == m.tasks[self].pid)
			return l.get();
	return nullptr;
}

StapHost::Reply StapHost::start(const kernel::Machine& m, kernel::TaskId self, std::span<const std::string> argv)
{
	// A pid's earlier session (its process was reused) is forgotten unless still attached.
	std::erase_if(m_live, [&](const auto& l) { return l->task == self && (l->done || !l->attached); });
	auto live = std::make_unique<Live>();
	live->task = self;
	live->pid = m.tasks[self].pid;
	Live& l = *live;
	m_live.push_back(std::move(live));
	// stap's command line, as `kctx stap` reads it (the same options, the same parser).
	Result<StapOptions> parsed = parse_stap_arguments(argv.empty() ? argv : argv.subspan(1));
	if (!parsed.ok()) {
		l.err = fmt::format("stap: {}\n", parsed.error().message);
		l.status = 2;
		return {1, {}};
	}
	const StapOptions& opts = *parsed;
	// kctx stap's host options name a scenario and a run: inside, the run is this one.
	// (-o FILE never gets here: the stap program opens FILE itself, StapApplet.cpp.)
	if (!opts.run_dir.empty() || !opts.output.empty() || opts.console || !opts.seconds.empty() ||
	    !opts.seed.empty() || !opts.cpus.empty()) {
		l.err = "stap: --run, --console, --seconds, --seed and --cpus are kctx stap's options on the host\n";
		l.status = 2;
		return {1, {}};
	}
	// stap reads its script from the machine's files: the scenario's *.stp files.
	auto read = [this](const std::string& path, std::string& text) {
		std::string_view name = path;
		while (name.starts_with("./"))
			name.remove_prefix(2);
		if (name.starts_with("/"))
			name.remove_prefix(1);
		auto it = m_scripts.find(std::string(name));
		if (it == m_scripts.end())
			return false;
		text = it->second;
		return true;
	};
	auto machine = [this]() -> Result<StapMachine> { return StapMachine{m_kernel.config().hz, &m_code, m_units}; };
	StapPrepared p = prepare_stap(opts, read, machine, "stap");
	l.out = std::move(p.out);
	l.err = std::move(p.err);
	l.status = p.status;
	if (!p.session)
		return {1, {}};
	l.run = std::make_unique<StapRun>(std::move(p.session), m_kernel, &m_code);
	return {0, {}};
}

void StapHost::collect(Live& l)
{
	if (!l.run)
		return;
	l.out += l.run->take_output();
	l.err += l.run->take_errors();
}

StapHost::Reply StapHost::stap_request(const kernel::Machine& m, uint32_t cpu, kernel::TaskId self, kernel::StapOp op,
				       std::span<const std::string> argv, uint64_t max)
{
	using kernel::StapOp;
	if (op == StapOp::Start)
		return start(m, self, argv);
	Live* l = find(m, self);
	// No session for this process (a run resumed from a dump has the stap task but not
	// its host-side session): it is not running, and stap ends with status 1.
	if (!l)
		return {op == StapOp::Stop ? kStapFailed : op == StapOp::Running ? 0 : -1, {}};
	switch (op) {
	case StapOp::Attach:
		if (!l->run || l->attached)
			return {-1, {}};
		l->attached = true;
		rehook();
		l->run->start(cpu, self);
		return {0, {}};
	case StapOp::Running:
		return {l->run && l->attached && l->run->running() ? 1 : 0, {}};
	case StapOp::ReadOut:
	case StapOp::ReadErr: {
		collect(*l);
		std::string& buf = op == StapOp::ReadOut ? l->out : l->err;
		Reply r{0, buf.substr(0, max)};
		buf.erase(0, r.text.size());
		return r;
	}
	case StapOp::Stop:
		if (l->run && l->attached && !l->run->stopped()) {
			l->run->stop();
			l->status = l->run->status();
		} else if (l->run && !l->attached) {
			l->status = kStapFailed;   // stopped before its module was loaded
		}
		l->done = true;
		collect(*l);
		rehook();
		return {l->status, {}};
	case StapOp::Start:
	case StapOp::Count:
		break;
	}
	return {-1, {}};
}

void StapHost::rehook()
{
	// Without an attached session the base observer alone: no fan-out on the hot path.
	std::vector<kernel::Hooks*> observers = {m_base};
	for (const auto& l : m_live)
		if (l->run && l->attached && !l->run->stopped())
			observers.push_back(&l->run->hooks());
	bool any = observers.size() > 1;
	m_fanout.set(std::move(observers));
	m_kernel.set_hooks(any ? &m_fanout : m_base);
}

uint64_t StapHost::next_timer() const
{
	uint64_t next = ~0ull;
	for (const auto& l : m_live)
		if (l->run && l->attached && l->run->running())
			next = std::min(next, l->run->next_timer());
	return next;
}

void StapHost::fire_timers(uint64_t now)
{
	for (const auto& l : m_live)
		if (l->run && l->attached && l->run->running())
			l->run->fire_timers(now);
}

std::string StapHost::finish()
{
	std::string out;
	for (const auto& l : m_live) {
		if (l->run && l->attached && !l->run->stopped())
			l->run->stop();
		collect(*l);
		out += l->out + l->err;
		l->out.clear();
		l->err.clear();
	}
	rehook();
	return out;
}

}  // namespace kctx::cli
