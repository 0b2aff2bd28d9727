// Files: the sleep of poll(2) and select(2) (fs/select.c).
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace kctx::kernel::run {

// Which system call a Poll frame serves: they share do_poll()'s loop and differ in how
// they read their descriptors, count what is ready and hand the result back.
enum class PollKind : uint8_t {
	Poll,     // poll(2): an array of struct pollfd, revents written back
	Select,   // select(2): three fd_set bitmaps, rewritten with the ready ones
};

// One descriptor a poll or select watches.
struct PollEntry {
	int32_t fd = -1;
	uint32_t events = 0;    // poll: pollfd->events; select: the poll_table key (wait_key_set())
	uint32_t revents = 0;   // poll: the masked result; select: bit 0 in, 1 out, 2 ex ready
	uint8_t sets = 0;       // select: bit 0 in readfds, 1 in writefds, 2 in exceptfds
	bool operator==(const PollEntry&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(fd, events, revents, sets); }
};

// A poll or select without a timeout: Poll::end_ns.
inline constexpr uint64_t kPollForever = ~0ull;

// do_poll() / do_select() (fs/select.c): passes over the descriptors, calling each file's
// ->poll, then poll_schedule_timeout() until one is ready, the time is up or a signal
// comes. The first pass registers the task on the wait queues ->poll hands poll_wait()
// (pt->_qproc set); later passes only look.
struct Poll {
	enum class Resume : uint8_t {
		Pass,           // start a pass over the descriptors at `next`
		DriverPolled,   // back from a driver's ->poll for entries[next]: its mask in `ret`
		Sleeping,       // back from poll_schedule_timeout(): woken, timed out or signalled
	};
	Resume resume = Resume::Pass;
	PollKind kind = PollKind::Poll;
	std::vector<PollEntry> entries;
	uint32_t next = 0;          // the entry this pass is at
	int32_t count = 0;          // ready so far in this pass (poll: descriptors; select: bits)
	bool qproc = true;          // pt->_qproc: poll_wait() registers the task
	bool triggered = false;     // pollwake() came while the task was awake (poll_wqueues.triggered)
	bool timed_out = false;
	uint64_t end_ns = 0;        // absolute expiry on the CPU clock; kPollForever for none
	std::vector<uint64_t> queues;   // the wait queues poll_wait() put the task on
	uint64_t ufds = 0;          // poll: the user's struct pollfd array
	std::array<uint64_t, 3> sets{};   // select: the user's readfds, writefds, exceptfds
	int32_t nbits = 0;          // select: n, clamped to max_fds
	bool operator==(const Poll&) const = default;
	template <typename Ar> void serialize(Ar& ar)
	{
		ar(resume, kind, entries, next, count, qproc, triggered, timed_out, end_ns, queues, ufds, sets, nbits);
	}
};

}  // namespace kctx::kernel::run
