// --max-wall SECONDS and --max-host-memory MB: bounds on the host resources one run may
// use, for running scenarios kctx does not trust (a teaching site, a CI job). A watchdog
// thread samples the wall clock and the process's resident memory; the run loop asks
// tripped() between steps and stops cleanly; should one step (or the compilation of the
// scenario) go on, the watchdog stops the process after a grace period. Either way kctx
// prints why and exits with kExitHostLimit.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/Result.h"
#include "cli/Options.h"

namespace kctx::cli {

// Exit status of a run a host limit stopped (0 clean, 1 reports, 2 bad input).
inline constexpr int kExitHostLimit = 3;

// The checked limits: wall seconds in (0, 1e6], memory MB in [16, 1<<30]; 0 = none.
struct CheckedLimits {
	double wall_seconds = 0;
	uint64_t memory_bytes = 0;
};
[[nodiscard]] Result<CheckedLimits> check_host_limits(const HostLimits& limits);

class HostGuard {
public:
	explicit HostGuard(CheckedLimits limits);
	~HostGuard();
	HostGuard(const HostGuard&) = delete;
	HostGuard& operator=(const HostGuard&) = delete;

	// Whether a limit was passed; then reason() says which, as the line to print.
	[[nodiscard]] bool tripped() const { return m_tripped.load(std::memory_order_acquire); }
	[[nodiscard]] std::string reason() const;
	// The run loop stopped: the watchdog no longer needs to end the process.
	void stopped();

private:
	void watch();
	void trip(std::string why);

	CheckedLimits m_limits;
	std::atomic<bool> m_tripped{false};
	mutable std::mutex m_mutex;
	std::condition_variable m_wake;
	bool m_done = false;
	std::string m_reason;
	std::thread m_thread;
};

// Installs a new-handler: a host allocation that fails ends kctx with a message and
// kExitHostLimit instead of an abort.
void install_out_of_memory_handler();

}  // namespace kctx::cli
