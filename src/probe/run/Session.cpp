#include "probe/run/Session.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "probe/run/Interp.h"

namespace kctx::probe {

Session::Session(Pass1 pass1, Resolved resolved, SessionOptions options)
	: m_pass1(std::move(pass1)), m_resolved(std::move(resolved)), m_options(std::move(options))
{
	for (const Global& g : m_pass1.script.globals) {
		GlobalVar& v = m_globals[g.name];
		// A declared size is capped as -D MAXMAPENTRIES is (src/cli/Stap.cpp): host memory stays bounded.
		v.max_entries = std::min<int64_t>(g.max_entries.value_or(0), 1'000'000);
		v.wrap = g.wrap;
		if (g.init)
			v.scalar = g.init->kind == ExprKind::String ? Value::of(g.init->text) : Value::of(g.init->value);
	}
	// -G name=value overrides an initializer; a number stays a number.
	for (const auto& [name, value] : m_options.globals) {
		auto it = m_globals.find(name);
		if (it == m_globals.end())
			continue;
		char* end = nullptr;
		long long n = std::strtoll(value.c_str(), &end, 0);
		it->second.scalar = !value.empty() && end && *end == '\0' ? Value::of(static_cast<int64_t>(n)) : Value::of(value);
	}
	for (const Function& f : m_pass1.script.functions)
		m_functions.emplace(f.name, &f);
}

Session::~Session() = default;

GlobalVar* Session::global(const std::string& name)
{
	auto it = m_globals.find(name);
	return it == m_globals.end() ? nullptr : &it->second;
}

const Function* Session::function(const std::string& name) const
{
	auto it = m_functions.find(name);
	return it == m_functions.end() ? nullptr : it->second;
}

void Session::warn(const std::string& text)
{
	if (!m_options.suppress_warnings)
		m_err += "WARNING: " + text + "\n";
}

void Session::runtime_error(const std::string& message)
{
	// MAXERRORS is 0: the first error ends the session (runtime/runtime_context.h).
	m_err += "ERROR: " + message + "\n";
	m_errors++;
	if (m_state == SessionState::Running || m_state == SessionState::Exiting)
		m_state = SessionState::Failed;
}

void Session::request_exit()
{
	if (m_state == SessionState::Running)
		m_state = SessionState::Exiting;
}

void Session::run_ordered(Event e, const ProbeContext& ctx)
{
	std::vector<size_t> order;
	for (size_t i = 0; i < m_resolved.sites.size(); i++)
		if (m_resolved.sites[i].event == e)
			order.push_back(i);
	std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
		return m_resolved.sites[a].priority < m_resolved.sites[b].priority;
	});
	for (size_t i : order) {
		m_hits++;
		run_handler(*this, m_resolved.sites[i], ctx);
		if (m_resolved.sites[i].oneshot)
			request_exit();
		// A begin probe's error ends the session before the others run.
		if (m_state == SessionState::Failed && e == Event::Begin)
			return;
	}
}

void Session::start(const ProbeContext& ctx)
{
	run_ordered(Event::Begin, ctx);
}

void Session::fire(size_t i, const ProbeContext& ctx)
{
	if (m_state != SessionState::Running)
		return;
	m_hits++;
	// Host time, for -v and `make bench` only: it never reaches the script or the machine.
	auto begin = std::chrono::steady_clock::now();
	run_handler(*this, m_resolved.sites[i], ctx);
	m_host_ns += static_cast<uint64_t>(
		std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - begin).count());
}

void Session::stop(const ProbeContext& ctx)
{
	if (m_state == SessionState::Done)
		return;
	// stapprobes(3stap): after an error the end probes are skipped and the error probes run.
	bool failed = m_state == SessionState::Failed;
	m_state = SessionState::Exiting;
	run_ordered(failed ? Event::Error : Event::End, ctx);
	if (m_errors > 0)
		m_err += fmt::format("WARNING: Number of errors: {}, skipped probes: 0\n", m_errors);
	m_state = SessionState::Done;
}

std::string Session::thread_indent(const ProbeContext& ctx, int64_t delta)
{
	int64_t now_us = static_cast<int64_t>(ctx.now_ns() / 1000);
	Indent& in = m_indent[ctx.tid()];
	if (in.depth == 0)
		in.start_us = now_us;
	int64_t shown = in.depth + std::max<int64_t>(delta, 0);
	in.depth = std::max<int64_t>(0, in.depth + delta);
	int64_t pad = std::clamp<int64_t>(shown - 1, 0, 200);
	return fmt::format("{:>6} {}({}):{}", now_us - in.start_us, ctx.execname(), ctx.tid(),
			   std::string(static_cast<size_t>(pad), ' '));
}

std::string Session::take_output()
{
	return std::exchange(m_out, {});
}

std::string Session::take_errors()
{
	return std::exchange(m_err, {});
}

}  // namespace kctx::probe
