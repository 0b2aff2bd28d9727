// CFS's rules on the run queues (kernel/sched/fair.c, 6.1), with core.c's order of the
// scheduling classes (stop, rt, fair, idle).
#include "kernel/sched/RunQueues.h"

#include <algorithm>

namespace kctx::kernel {

namespace {
// kernel/sched/fair.c, before scaling by tunable_factor().
constexpr uint64_t kLatencyNs = 6'000'000;
constexpr uint64_t kMinGranularityNs = 750'000;
constexpr uint64_t kWakeupGranularityNs = 1'000'000;
constexpr uint32_t kNrLatency = 8;
}  // namespace

uint64_t RunQueues::tunable_factor() const
{
	uint32_t n = std::min(static_cast<uint32_t>(m_cpus.size()), 8u);
	uint32_t log = 0;
	while ((2u << log) <= n)
		log++;
	return 1 + log;
}

void RunQueues::dequeue(TaskId t)
{
	Task& task = m_tasks[t];
	if (!task.sched.on_rq)
		return;
	std::erase(m_cpus[task.cpu].sched.rq, t);
	task.sched.on_rq = false;
}

void RunQueues::update_curr(uint32_t cpu)
{
	Cpu& c = m_cpus[cpu];
	if (c.curr == c.idle)
		return;
	Task& cur = m_tasks[c.curr];
	uint64_t delta = c.now > cur.sched.exec_start ? c.now - cur.sched.exec_start : 0;
	cur.sched.exec_start = c.now;
	cur.sched.sum_exec += delta;
	cur.sched.vruntime += delta;   // nice 0: weight NICE_0_LOAD, so vruntime advances 1:1
	uint64_t lowest = cur.sched.on_rq ? cur.sched.vruntime : ~0ull;
	for (TaskId r : c.sched.rq)
		lowest = std::min(lowest, ro()[r].sched.vruntime);
	if (lowest != ~0ull)
		c.sched.min_vruntime = std::max(c.sched.min_vruntime, lowest);
}

TaskId RunQueues::pick_next(uint32_t cpu) const
{
	const Cpu& c = m_cpus[cpu];
	for (TaskId r : c.sched.rq)
		if (ro()[r].sched.stop_class)
			return r;
	TaskId best = kNoTask;
	for (TaskId r : c.sched.rq)
		if (ro()[r].sched.rt_priority &&
		    (best == kNoTask || ro()[r].sched.rt_priority > ro()[best].sched.rt_priority))
			best = r;
	if (best != kNoTask)
		return best;
	for (TaskId r : c.sched.rq)
		if (best == kNoTask || ro()[r].sched.vruntime < ro()[best].sched.vruntime)
			best = r;
	return best == kNoTask ? c.idle : best;
}

uint32_t RunQueues::select_cpu(TaskId t, uint32_t from_cpu, bool fork) const
{
	// A waking task goes back to its previous CPU if that is idle; a new one (and one
	// whose CPU is busy) to the least loaded CPU.
	uint32_t prev = ro()[t].cpu;
	if (!fork && (m_cpus[prev].sched.rq.empty() || ro()[t].kthread_bound()))
		return prev;
	uint32_t best = fork ? from_cpu : prev;
	for (uint32_t c = 0; c < m_cpus.size(); c++)
		if (m_cpus[c].sched.rq.size() < m_cpus[best].sched.rq.size())
			best = c;
	return best;
}

bool RunQueues::tick_preempts(uint32_t cpu) const
{
	const Cpu& c = m_cpus[cpu];
	if (c.curr == c.idle || c.sched.rq.size() < 2)
		return false;
	const Task& cur = ro()[c.curr];
	// task_tick_rt(): SCHED_FIFO has no time slice; it runs until it sleeps or yields.
	if (cur.sched.rt_priority)
		return false;
	uint64_t factor = tunable_factor();
	uint64_t nr = c.sched.rq.size();
	uint64_t period = nr > kNrLatency ? nr * kMinGranularityNs * factor : kLatencyNs * factor;
	uint64_t ideal = period / nr;
	uint64_t ran = cur.sched.sum_exec - cur.sched.slice_start_sum;
	if (ran > ideal)
		return true;
	if (ran < kMinGranularityNs * factor)
		return false;
	for (TaskId r : c.sched.rq)
		if (r != c.curr && cur.sched.vruntime > ro()[r].sched.vruntime &&
		    cur.sched.vruntime - ro()[r].sched.vruntime > ideal)
			return true;
	return false;
}

void RunQueues::place_woken(TaskId t, uint32_t cpu)
{
	const Cpu& c = m_cpus[cpu];
	uint64_t credit = kLatencyNs * tunable_factor() / 2;
	uint64_t floor = c.sched.min_vruntime > credit ? c.sched.min_vruntime - credit : 0;
	Task& task = m_tasks[t];
	task.sched.vruntime = std::max(task.sched.vruntime, floor);
}

bool RunQueues::wakeup_preempts(TaskId t, uint32_t cpu) const
{
	// A higher class preempts at once (rt over fair: the rt class's check_preempt_curr_rt()
	// on a higher priority); a fair task preempts only another fair one, and only when
	// curr is ahead of it by more than the wake-up granularity (check_preempt_wakeup()).
	const Cpu& c = m_cpus[cpu];
	const Task& task = ro()[t];
	const Task& cur = ro()[c.curr];
	if (c.curr == c.idle || task.sched.stop_class || task.sched.rt_priority > cur.sched.rt_priority)
		return true;
	return !cur.sched.rt_priority && !task.sched.rt_priority && cur.sched.vruntime > task.sched.vruntime &&
	       cur.sched.vruntime - task.sched.vruntime > kWakeupGranularityNs;
}

}  // namespace kctx::kernel
