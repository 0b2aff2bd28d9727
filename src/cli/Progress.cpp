#include "cli/Progress.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kctx::cli {

namespace {

// At most five redraws a second: enough to see it move, little enough to cost nothing.
constexpr auto kRedrawEvery = std::chrono::milliseconds(200);

// Set by the handler, read by the run loop; sig_atomic_t is what a handler may write.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int sig)
{
	g_stop_signal = sig;
	// The next SIGINT or SIGTERM is not asked twice: the default action ends kctx.
	std::signal(SIGINT, SIG_DFL);
	std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

std::string progress_text(const ProgressSample& s, double wall_seconds)
{
	double sim = static_cast<double>(s.sim_ns) / 1e9;
	double end = static_cast<double>(s.end_ns) / 1e9;
	double percent = s.end_ns ? 100.0 * static_cast<double>(s.sim_ns) / static_cast<double>(s.end_ns) : 0;
	std::string speed = wall_seconds > 0 ? fmt::format("{:.3g}x real time", sim / wall_seconds) : "";
	return fmt::format("kctx: {:.3f} of {:.3f} s simulated ({:.0f}%), {}, {} report{}", sim, end, percent, speed,
			   s.reports, s.reports == 1 ? "" : "s");
}

ProgressLine::ProgressLine(std::FILE* out, bool enabled, Clock::duration delay)
	: m_out(out), m_enabled(enabled), m_start(Clock::now()), m_delay(delay)
{
}

void ProgressLine::update(const ProgressSample& s, bool at_line_start)
{
	if (!m_enabled)
		return;
	Clock::time_point now = Clock::now();
	// Throttled whether or not the console erased the line meanwhile.
	bool drawn_before = m_last_draw != Clock::time_point{};
	if (now - m_start < m_delay || (drawn_before && now - m_last_draw < kRedrawEvery))
		return;
	if (!at_line_start) {
		erase();
		return;
	}
	double wall = std::chrono::duration<double>(now - m_start).count();
	// \r and "erase to end of line" (ECMA-48 EL): the line is replaced in place.
	std::fputs(fmt::format("\r{}\x1b[K", progress_text(s, wall)).c_str(), m_out);
	std::fflush(m_out);
	m_shown = true;
	m_last_draw = now;
}

void ProgressLine::erase()
{
	if (!m_shown)
		return;
	std::fputs("\r\x1b[K", m_out);
	std::fflush(m_out);
	m_shown = false;
}

bool stderr_is_terminal()
{
	const char* term = std::getenv("TERM");
	return isatty(STDERR_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
}

bool stdout_shares_stderr()
{
	struct stat out {}, err {};
	if (!isatty(STDOUT_FILENO) || fstat(STDOUT_FILENO, &out) != 0 || fstat(STDERR_FILENO, &err) != 0)
		return false;
	return out.st_rdev == err.st_rdev;
}

void install_stop_signals()
{
	std::signal(SIGINT, on_stop_signal);
	std::signal(SIGTERM, on_stop_signal);
}

int stop_requested()
{
	return g_stop_signal;
}

const char* signal_name(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

}  // namespace kctx::cli
