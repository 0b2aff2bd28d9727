#include "cli/HostGuard.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <new>
#include <unistd.h>

namespace kctx::cli {

namespace {

constexpr double kMaxWallSeconds = 1e6;
constexpr uint64_t kMinMemoryMb = 16, kMaxMemoryMb = 1ull << 30;
// How often the watchdog looks, and how long a stopped run may take to wind down before
// the watchdog ends the process itself.
constexpr auto kSamplePeriod = std::chrono::milliseconds(20);
constexpr auto kGrace = std::chrono::seconds(1);

uint64_t resident_bytes()
{
	std::FILE* f = std::fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	unsigned long long size = 0, resident = 0;
	int n = std::fscanf(f, "%llu %llu", &size, &resident);
	std::fclose(f);
	return n == 2 ? resident * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

// Writes with write(2) alone: usable while another thread may hold stdio's locks.
void say(const std::string& line)
{
	std::string s = line + "\n";
	(void)!::write(STDERR_FILENO, s.data(), s.size());
}

}  // namespace

Result<CheckedLimits> check_host_limits(const HostLimits& limits)
{
	CheckedLimits c;
	if (limits.max_wall) {
		const std::string& v = *limits.max_wall;
		double s = 0;
		auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
		bool digits = !v.empty() && (std::isdigit(static_cast<unsigned char>(v[0])) || v[0] == '.');
		if (!digits || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(s) || s <= 0 ||
		    s > kMaxWallSeconds)
			return Error{fmt::format("kctx: error: --max-wall: must be a number of seconds greater than 0 and "
						 "at most 1000000, got '{}'",
						 v)};
		c.wall_seconds = s;
	}
	if (limits.max_host_memory) {
		const std::string& v = *limits.max_host_memory;
		uint64_t mb = 0;
		auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), mb);
		if (v.empty() || ec != std::errc() || end != v.data() + v.size() || mb < kMinMemoryMb || mb > kMaxMemoryMb)
			return Error{fmt::format("kctx: error: --max-host-memory: must be an integer number of MB from {} "
						 "to {}, got '{}'",
						 kMinMemoryMb, kMaxMemoryMb, v)};
		c.memory_bytes = mb << 20;
	}
	return c;
}

HostGuard::HostGuard(CheckedLimits limits) : m_limits(limits)
{
	if (m_limits.wall_seconds > 0 || m_limits.memory_bytes > 0)
		m_thread = std::thread([this] { watch(); });
}

HostGuard::~HostGuard()
{
	stopped();
	if (m_thread.joinable())
		m_thread.join();
}

std::string HostGuard::reason() const
{
	std::lock_guard lock(m_mutex);
	return m_reason;
}

void HostGuard::stopped()
{
	std::lock_guard lock(m_mutex);
	m_done = true;
	m_wake.notify_all();
}

void HostGuard::trip(std::string why)
{
	std::lock_guard lock(m_mutex);
	m_reason = std::move(why);
	m_tripped.store(true, std::memory_order_release);
}

void HostGuard::watch()
{
	using Clock = std::chrono::steady_clock;
	const Clock::time_point start = Clock::now();
	std::unique_lock lock(m_mutex);
	while (!m_done && !m_tripped.load()) {
		m_wake.wait_for(lock, kSamplePeriod);
		if (m_done)
			return;
		double wall = std::chrono::duration<double>(Clock::now() - start).count();
		uint64_t rss = m_limits.memory_bytes ? resident_bytes() : 0;
		lock.unlock();
		if (m_limits.wall_seconds > 0 && wall > m_limits.wall_seconds)
			trip(fmt::format("kctx: stopped: the run took more than --max-wall {} seconds of wall time",
					 m_limits.wall_seconds));
		else if (m_limits.memory_bytes > 0 && rss > m_limits.memory_bytes)
			trip(fmt::format("kctx: stopped: kctx used {} MB of host memory, more than --max-host-memory {}",
					 rss >> 20, m_limits.memory_bytes >> 20));
		lock.lock();
	}
	// The run loop looks between steps; a step that does not end is cut short here.
	if (m_done || m_wake.wait_for(lock, kGrace, [this] { return m_done; }))
		return;
	say(m_reason + " (in the middle of a step; the console since the last one is lost)");
	::_exit(kExitHostLimit);
}

void install_out_of_memory_handler()
{
	std::set_new_handler([] {
		say("kctx: stopped: the host has no memory left for this run");
		::_exit(kExitHostLimit);
	});
}

}  // namespace kctx::cli
