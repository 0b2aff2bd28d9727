// A crash session on one target: the banner, then command lines as crash reads them,
// "cmd args", "cmd args | shell command" and "cmd args > file" (or ">> file").
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "crash/Commands.h"
#include "crash/Target.h"

namespace kctx::crash {

// What the banner calls this program: crash 8.0.2's interface, kctx's implementation.
inline constexpr std::string_view kCrashVersion = "8.0.2";

class Session {
public:
	Session(const Target& target, std::string kctx_version);
	// crash's start-up: its version, then `sys` and the context block.
	[[nodiscard]] std::string banner() const;
	// Runs one input line, writing its output to `out` (or where the line sends it).
	void execute(std::string_view line, std::FILE* out);
	// The command's text for `line`, without redirection (for tests).
	[[nodiscard]] std::string run(std::string_view line);
	[[nodiscard]] bool done() const { return m_state.quit; }
	// The session's state (its context task, gdb's value count), for a live session that
	// keeps it between requests.
	[[nodiscard]] SessionState& state() { return m_state; }

private:
	SessionState m_state;
	std::string m_kctx_version;
};

// Splits a command line into words: blanks separate, '...' and "..." quote.
[[nodiscard]] Args split_words(std::string_view line);

}  // namespace kctx::crash
