#pragma once
// A running stap session: the script's globals, its probe handlers run by a tree-walking
// interpreter (run/Interp.cpp), its output, and how it ends. The attach layer calls
// start(), fire() for each event a site matches, and stop(); the session never touches
// the machine, it only reads the event through ProbeContext.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "probe/FrontEnd.h"
#include "probe/run/Context.h"
#include "probe/run/Resolve.h"
#include "probe/run/Stats.h"
#include "probe/run/Value.h"

namespace kctx::probe {

// stap's -D limits (runtime/common_session_state.h and translate.cxx defaults).
struct Limits {
	int64_t maxaction = 1000;
	int64_t maxmapentries = 2048;
	int64_t maxstringlen = 128;
};

struct SessionOptions {
	Limits limits;
	std::vector<std::pair<std::string, std::string>> globals;   // -G name=value
	bool suppress_warnings = false;                            // -w
};

// A global: a scalar, an array, a statistic or an array of statistics, by how the script
// uses it.
struct GlobalVar {
	Value scalar;
	std::map<Key, Value> array;
	Stat stat;
	std::map<Key, Stat> stats;
	int64_t max_entries = 0;   // `global a[N]`; 0: MAXMAPENTRIES
	bool wrap = false;         // `global a%[N]`: the oldest entry makes room
	std::vector<Key> order;    // insertion order, for wrap-around arrays
};

// How the session stands: running, asked to end (exit(), a signal, the end of the
// run), or failed with a runtime error; Done once the end (or error) probes ran.
enum class SessionState { Running, Exiting, Failed, Done };

class Session {
public:
	Session(Pass1 pass1, Resolved resolved, SessionOptions options);
	~Session();
	Session(const Session&) = delete;
	Session& operator=(const Session&) = delete;

	[[nodiscard]] const std::vector<ProbeSite>& sites() const { return m_resolved.sites; }
	[[nodiscard]] SessionState state() const { return m_state; }
	[[nodiscard]] bool running() const { return m_state == SessionState::Running; }

	// Runs the begin probes (in priority order).
	void start(const ProbeContext& ctx);
	// Runs site `i`'s handler for one event (nothing once the session stopped running).
	void fire(size_t i, const ProbeContext& ctx);
	// The session ends: end probes (or error probes after an error), then Done.
	void stop(const ProbeContext& ctx);
	// exit() from a handler, SIGINT/SIGTERM, or the end of the run.
	void request_exit();

	// What the script printed since the last call (stap's stdout), and its warnings and
	// errors (stderr).
	[[nodiscard]] std::string take_output();
	[[nodiscard]] std::string take_errors();
	[[nodiscard]] int64_t errors() const { return m_errors; }
	[[nodiscard]] uint64_t hits() const { return m_hits; }
	// Host nanoseconds spent running handlers for events (begin and end excluded).
	[[nodiscard]] uint64_t host_ns() const { return m_host_ns; }

	// For the interpreter.
	[[nodiscard]] const Script& script() const { return m_pass1.script; }
	[[nodiscard]] const Limits& limits() const { return m_options.limits; }
	// What pass 2 found @var expression `e` to name (null: nothing).
	[[nodiscard]] const CTypes* cast_types(const Expr* e) const
	{
		auto it = m_resolved.casts.find(e);
		return it == m_resolved.casts.end() ? nullptr : it->second.get();
	}
	[[nodiscard]] const ModuleGlobalInfo* atvar(const Expr* e) const
	{
		auto it = m_resolved.atvars.find(e);
		return it == m_resolved.atvars.end() ? nullptr : &it->second;
	}
	[[nodiscard]] GlobalVar* global(const std::string& name);
	[[nodiscard]] const Function* function(const std::string& name) const;
	void print(const std::string& text) { m_out += text; }
	void warn(const std::string& text);
	void runtime_error(const std::string& message);
	// thread_indent(delta): "%6d execname(tid):" and the thread's indentation
	// (tapset/indent.stp's behaviour: microseconds since the thread's first call).
	[[nodiscard]] std::string thread_indent(const ProbeContext& ctx, int64_t delta);

private:
	void run_ordered(Event e, const ProbeContext& ctx);

	Pass1 m_pass1;
	Resolved m_resolved;
	SessionOptions m_options;
	std::map<std::string, GlobalVar> m_globals;
	std::map<std::string, const Function*> m_functions;
	SessionState m_state = SessionState::Running;
	std::string m_out, m_err;
	int64_t m_errors = 0;
	struct Indent {
		int64_t depth = 0;
		int64_t start_us = 0;
	};
	std::map<int64_t, Indent> m_indent;   // by tid
	uint64_t m_hits = 0;
	uint64_t m_host_ns = 0;
};

}  // namespace kctx::probe
