// The fair class's choices on the run queues (kernel/sched/fair.c, core.c), without a
// Kernel: one or two CPUs, each with its idle task, and a few tasks.
#include "kernel/sched/RunQueues.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

struct Queues {
	std::vector<Cpu> cpus;
	TaskTable tasks;
	// CPU c's idle task is TaskId{c}; tasks added later follow.
	explicit Queues(uint32_t ncpus) : cpus(ncpus), tasks(ncpus)
	{
		for (uint32_t c = 0; c < ncpus; c++) {
			cpus[c].idle = cpus[c].curr = TaskId{c};
			tasks[c].cpu = c;
		}
	}
	TaskId add(uint32_t cpu, uint64_t vruntime, bool queued = true)
	{
		TaskId t{static_cast<uint32_t>(tasks.size())};
		tasks.emplace_back();
		tasks[t].cpu = cpu;
		tasks[t].sched.vruntime = vruntime;
		if (queued) {
			tasks[t].sched.on_rq = true;
			cpus[cpu].sched.rq.push_back(t);
		}
		return t;
	}
	RunQueues rq() { return RunQueues(cpus, tasks); }
};

TEST(RunQueues, PickNextTakesTheStopClassThenRtByPriorityThenTheLeftmost)
{
	Queues q(1);
	EXPECT_EQ(q.rq().pick_next(0), TaskId{0});   // nothing runnable: the idle task
	TaskId a = q.add(0, 500);
	TaskId b = q.add(0, 100);
	EXPECT_EQ(q.rq().pick_next(0), b);
	TaskId rt_low = q.add(0, 900);
	q.tasks[rt_low].sched.rt_priority = 10;
	TaskId rt_high = q.add(0, 900);
	q.tasks[rt_high].sched.rt_priority = 50;
	EXPECT_EQ(q.rq().pick_next(0), rt_high);
	TaskId stop = q.add(0, 999);
	q.tasks[stop].sched.stop_class = true;
	EXPECT_EQ(q.rq().pick_next(0), stop);
	q.rq().dequeue(stop);
	q.rq().dequeue(rt_high);
	q.rq().dequeue(rt_low);
	q.rq().dequeue(b);
	EXPECT_EQ(q.rq().pick_next(0), a);
	EXPECT_FALSE(q.tasks[b].sched.on_rq);
	EXPECT_EQ(q.cpus[0].sched.rq, std::vector<TaskId>{a});
}

TEST(RunQueues, UpdateCurrChargesTheRunningTaskAndMinVruntimeFollowsTheLeftmost)
{
	Queues q(1);
	TaskId cur = q.add(0, 1000);
	TaskId other = q.add(0, 4000);
	q.cpus[0].curr = cur;
	q.tasks[cur].sched.exec_start = 10'000;
	q.cpus[0].now = 12'500;
	q.rq().update_curr(0);
	EXPECT_EQ(q.tasks[cur].sched.sum_exec, 2500u);
	EXPECT_EQ(q.tasks[cur].sched.vruntime, 3500u);
	EXPECT_EQ(q.tasks[cur].sched.exec_start, 12'500u);
	EXPECT_EQ(q.cpus[0].sched.min_vruntime, 3500u);
	q.cpus[0].now = 20'000;
	q.rq().update_curr(0);   // cur passes `other`: min_vruntime stops at other's
	EXPECT_EQ(q.cpus[0].sched.min_vruntime, 4000u);
	(void)other;
}

TEST(RunQueues, AForkGoesToTheLeastLoadedCpuAWakerBackToItsIdlePreviousCpu)
{
	Queues q(2);
	q.add(0, 0);
	q.add(0, 0);
	TaskId child = q.add(0, 0, false);
	EXPECT_EQ(q.rq().select_cpu(child, 0, true), 1u);
	TaskId sleeper = q.add(1, 0, false);
	EXPECT_EQ(q.rq().select_cpu(sleeper, 0, false), 1u);   // CPU 1's queue is empty
	q.add(1, 0);
	q.add(1, 0);
	q.add(1, 0);
	EXPECT_EQ(q.rq().select_cpu(sleeper, 0, false), 0u);   // busy: the less loaded CPU 0
	q.tasks[sleeper].sched.bound = true;
	EXPECT_EQ(q.rq().select_cpu(sleeper, 0, false), 1u);   // a per-CPU kthread stays
}

// One CPU: tunable factor 1, so the period is sched_latency 6 ms and two tasks' ideal
// slice 3 ms (check_preempt_tick()).
TEST(RunQueues, TheTickPreemptsATaskThatRanPastItsIdealSlice)
{
	Queues q(1);
	TaskId cur = q.add(0, 10'000'000);
	q.add(0, 10'000'000);
	q.cpus[0].curr = cur;
	q.tasks[cur].sched.sum_exec = 2'000'000;
	EXPECT_FALSE(q.rq().tick_preempts(0));
	q.tasks[cur].sched.sum_exec = 3'000'001;
	EXPECT_TRUE(q.rq().tick_preempts(0));
	q.tasks[cur].sched.rt_priority = 1;   // SCHED_FIFO has no slice
	EXPECT_FALSE(q.rq().tick_preempts(0));
}

TEST(RunQueues, AWokenFairTaskPreemptsOnlyBeyondTheWakeupGranularity)
{
	Queues q(1);
	TaskId cur = q.add(0, 10'000'000);
	TaskId woken = q.add(0, 9'500'000);
	EXPECT_TRUE(q.rq().wakeup_preempts(woken, 0));   // curr is the idle task
	q.cpus[0].curr = cur;
	EXPECT_FALSE(q.rq().wakeup_preempts(woken, 0));   // 0.5 ms ahead: below 1 ms
	q.tasks[woken].sched.vruntime = 8'000'000;
	EXPECT_TRUE(q.rq().wakeup_preempts(woken, 0));
	q.tasks[cur].sched.rt_priority = 5;
	EXPECT_FALSE(q.rq().wakeup_preempts(woken, 0));   // fair never preempts rt
}

TEST(RunQueues, AWakingSleeperGetsAtMostHalfALatencyOfCredit)
{
	Queues q(1);
	q.cpus[0].sched.min_vruntime = 50'000'000;
	TaskId t = q.add(0, 1'000, false);
	q.rq().place_woken(t, 0);
	EXPECT_EQ(q.tasks[t].sched.vruntime, 47'000'000u);
	q.tasks[t].sched.vruntime = 60'000'000;
	q.rq().place_woken(t, 0);
	EXPECT_EQ(q.tasks[t].sched.vruntime, 60'000'000u);
}

}  // namespace
}  // namespace kctx::kernel
