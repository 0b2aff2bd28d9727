// The explorer's view of a state: the Machine without what cannot change what happens
// next in untimed mode (docs/check.md). Two states with the same abstraction are one
// state of the search.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/Serialize.h"
#include "check/Liveness.h"
#include "check/MachineWriter.h"
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
	// Tasks::Memo: each task's part is remembered by the task object (the task table is
	// copy-on-write, base/CowVector.h, so a task no step wrote since is the same object).
	// Only for a caller that never writes a task object in place once it was abstracted:
	// the explorer, which writes only a fresh copy of a state, where every write clones.
	enum class Tasks : uint8_t { Fresh, Memo };
	explicit Abstractor(bool digest_pages = false, const kernel::Code* code = nullptr, Tasks tasks = Tasks::Fresh);
	// The abstraction's bytes followed by `extra` (the search's budget). Valid until the
	// next call.
	[[nodiscard]] std::string_view bytes(kernel::Machine& m, std::string_view extra = {});
	[[nodiscard]] uint64_t hash(kernel::Machine& m);

private:
	void scrub(kernel::Machine& m);
	void restore(kernel::Machine& m);
	void scrub_dead_registers(const kernel::Machine& m, kernel::Task& task);
	void scrub_thread(const kernel::Machine& m, vm::Thread& t);
	// Task i's part of the abstraction (its digest, or in exact mode its bytes),
	// remembered per task object.
	std::string_view task_bytes(const kernel::Machine& m, size_t i);
	void evict_task_memo();

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
	bool m_digest = false;
	bool m_memo = false;
	Liveness m_liveness;
	StateWriter m_writer;
	MachineWriter m_machine_writer;   // the Machine's own tables, the rarely written ones remembered
	// The memo of tasks: by object, its abstraction while the object lives (bounded).
	struct TaskMemo {
		std::weak_ptr<kernel::Task> alive;
		std::string bytes;
	};
	static constexpr size_t kMaxTaskMemo = 1 << 12;
	std::unordered_map<const kernel::Task*, TaskMemo> m_task_memo;
	kernel::TaskTable m_no_tasks;     // swapped in while the rest of the machine is written
	// A task being abstracted: its clocks and the dead registers zeroed in place, to be
	// put back.
	struct SavedReg {
		uint64_t* reg;
		uint64_t value;
	};
	std::vector<uint64_t> m_task_clocks;
	std::vector<SavedReg> m_saved_regs;
	StateWriter m_task_writer;
	StateWriter m_images_writer;
	std::string m_images;             // the image table the memo is for
};

}  // namespace kctx::check
