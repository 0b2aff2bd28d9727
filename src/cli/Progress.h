// Feedback on long runs: a progress line on stderr when it is a terminal and the run has
// taken more than a second of wall time, redrawn at most five times a second and erased
// at the end; and SIGINT/SIGTERM turned into a request to stop at the next step.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kctx::cli {

// What the line shows, sampled between steps of the run.
struct ProgressSample {
	uint64_t sim_ns = 0;
	uint64_t end_ns = 0;   // the run's limit (--seconds)
	uint64_t reports = 0;  // BUGs, WARNINGs, Oopses, lockups so far
};

// "kctx: 2.340 of 10.000 s simulated (23%), 1.95x real time, 1 report"
[[nodiscard]] std::string progress_text(const ProgressSample& s, double wall_seconds);

class ProgressLine {
public:
	using Clock = std::chrono::steady_clock;
	// Shown only if `enabled` (stderr is a terminal); drawn once `delay` has passed.
	ProgressLine(std::FILE* out, bool enabled, Clock::duration delay = std::chrono::seconds(1));
	ProgressLine(const ProgressLine&) = delete;
	ProgressLine& operator=(const ProgressLine&) = delete;
	~ProgressLine() { erase(); }

	// Redraws if due. `at_line_start`: the console (which may share the terminal) ended
	// its last line, so a progress line does not land in the middle of one.
	void update(const ProgressSample& s, bool at_line_start);
	// Removes the line, before the console writes or at the end.
	void erase();
	[[nodiscard]] bool shown() const { return m_shown; }

private:
	std::FILE* m_out;
	bool m_enabled;
	Clock::time_point m_start;
	Clock::time_point m_last_draw;
	Clock::duration m_delay;
	bool m_shown = false;
};

// Whether stderr is a terminal (and TERM is not "dumb"): where a progress line may go.
[[nodiscard]] bool stderr_is_terminal();
// Whether stdout is the terminal stderr is: then the console's lines and the progress line
// share it, and the progress line waits for the console to end its line.
[[nodiscard]] bool stdout_shares_stderr();

// SIGINT and SIGTERM set a flag the run loop reads between steps; a second signal of
// either kind ends kctx at once, as the default action would.
void install_stop_signals();
// The signal that asked the run to stop (SIGINT, SIGTERM), or 0.
[[nodiscard]] int stop_requested();
// "SIGINT", "SIGTERM".
[[nodiscard]] const char* signal_name(int sig);

}  // namespace kctx::cli
