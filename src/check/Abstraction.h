// The explorer's view of a state: the Machine without what cannot change what happens
// next in untimed mode (docs/check.md). Two states with the same abstraction are one
// state of the search.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/Serialize.h"
#include "check/Liveness.h"
#include "check/StateWriter.h"
#include "kernel/core/Machine.h"

namespace kctx::kernel {
struct Code;
}

namespace kctx::check {

// The Machine with its clocks and the history they stamp scrubbed: CPU clocks, tick and
// NMI deadlines, run-time accounting, timer expiries (kept as their order in each CPU's
// queue), the printk log and the console. Serialized: equal bytes, equal states. With
// `code` (what the machine's images run), also the registers no frame can read again
// (check/Liveness.h) read as zero.
[[nodiscard]] std::string abstract_bytes(const kernel::Machine& m, const kernel::Code* code = nullptr);

// The same bytes without copying the Machine: the clock fields are scrubbed in place,
// serialized into a buffer this object keeps, and put back, so `m` leaves as it came.
// One per search: its buffers are reused from state to state (no allocation per state
// once warm).
class Abstractor {
public:
	// digest_pages: each memory page enters the bytes as its 64-bit hash (for the hashed
	// stores: each page is read once, not copied and then hashed).
	// code: what the machine's images run, for the dead registers (null: registers are
	// compared as they are).
	explicit Abstractor(bool digest_pages = false, const kernel::Code* code = nullptr);
	// The abstraction's bytes followed by `extra` (the search's budget). Valid until the
	// next call.
	[[nodiscard]] std::string_view bytes(kernel::Machine& m, std::string_view extra = {});
	[[nodiscard]] uint64_t hash(kernel::Machine& m);

private:
	void scrub(kernel::Machine& m);
	void restore(kernel::Machine& m);
	void scrub_dead_registers(kernel::Machine& m);
	void scrub_thread(const kernel::Machine& m, vm::Thread& t);

	struct TimerClocks {
		uint64_t expires, bucket, seq;
	};
	std::vector<uint64_t> m_clocks;    // for_each_clock()'s fields, in its order
	std::vector<uint64_t> m_wakeups;   // each CPU's reschedule IPI deadline
	std::vector<TimerClocks> m_timers;
	std::vector<TimerClocks> m_hrtimers;
	std::set<kernel::TimerQueueKey> m_timer_queue, m_hrtimer_queue;
	std::vector<kernel::LockdepIrqTrace> m_irqtrace;
	std::vector<kernel::LogRecord> m_log;
	std::string m_console;
	std::vector<kernel::IrqCpuStats> m_irq_stats;
	std::vector<std::vector<uint64_t>> m_kstat;
	uint64_t m_jiffies = 0;
	const kernel::Code* m_code = nullptr;
	Liveness m_liveness;
	std::vector<std::pair<uint64_t*, uint64_t>> m_dead;   // registers zeroed, and their values
	StateWriter m_writer;
};

}  // namespace kctx::check
