#pragma once
// A stap session attached to the simulated kernel: a kernel::Hooks observer that runs the
// handlers of the sites each tracepoint matches, and the session's timers, which the
// driver fires between slices of the run (fire_timers). It reads the machine and never
// changes it.

#include <cstdint>
#include <vector>

#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"
#include "probe/run/Session.h"

namespace kctx::probe {

class KernelProbes final : public kernel::Hooks {
public:
	KernelProbes(Session& session, const kernel::Kernel& k);

	// Runs the begin probes, in the context of CPU 0's current task; the timers start now.
	void start();
	// The earliest time a timer probe is due (~0 when there is none).
	[[nodiscard]] uint64_t next_timer() const;
	// Fires every timer probe due at or before `now`, in time order.
	void fire_timers(uint64_t now);
	// Ends the session: end (or error) probes.
	void stop();

	void sched_switch(const kernel::Machine& m, uint32_t cpu, bool preempt, kernel::TaskId prev,
			  kernel::TaskId next, uint32_t prev_state) override;
	void sched_wakeup(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t target_cpu) override;
	void sys_enter(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall,
		       std::span<const uint64_t> args) override;
	void sys_exit(const kernel::Machine& m, uint32_t cpu, kernel::TaskId t, uint32_t syscall, int64_t ret) override;
	void irq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vector) override;
	void irq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vector) override;
	void softirq_entry(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void softirq_exit(const kernel::Machine& m, uint32_t cpu, uint32_t vec) override;
	void timer_expire_entry(const kernel::Machine& m, uint32_t cpu, uint64_t timer, uint64_t fn) override;
	void timer_expire_exit(const kernel::Machine& m, uint32_t cpu, uint64_t timer) override;

private:
	struct Timer {
		size_t site;
		uint64_t next;
		uint64_t period;
		bool profile;
	};
	class EventContext;
	void dispatch(Event e, const EventContext& ctx, const std::string& syscall = {});

	Session& m_session;
	const kernel::Kernel& m_kernel;
	std::vector<Timer> m_timers;
	// Sites by event, so a hook finds its handlers at once.
	std::vector<std::vector<size_t>> m_by_event;
	// Whether a tapset alias's site listens to the event: only then are its locals made.
	std::vector<bool> m_has_alias;
};

}  // namespace kctx::probe
