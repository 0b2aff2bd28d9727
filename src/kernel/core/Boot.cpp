// Boot: the CPUs, their idle tasks, the kernel threads a 6.1 system starts, and init.
#include <algorithm>
#include <cstring>

#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Images.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/user/Vdso.h"

namespace kctx::kernel {

std::string_view preempt_model_name(PreemptModel m)
{
	switch (m) {
	case PreemptModel::None: return "none";
	case PreemptModel::Voluntary: return "voluntary";
	case PreemptModel::Full: return "full";
	}
	return "voluntary";
}

std::string_view profile_name(Profile p) { return p == Profile::Debian ? "debian" : "debug"; }

Kernel::Kernel(const Config& config, const Code& code, Machine& machine)
	: m_config(config), m_code(code), m(machine)
{
	void install_natives(vm::NativeTable & table);
	install_natives(m_natives);
	rebuild_images();
	attach_shmem();
}

void Kernel::rebuild_images()
{
	m_images = image_table(m, m_code);
	for (const vm::Image& image : m_images)
		KCTX_CHECK(image.program != nullptr);   // every slot the kernel made names its code
}

uint64_t Kernel::jiffies_at(uint64_t ns) const
{
	// include/linux/jiffies.h: INITIAL_JIFFIES ((unsigned long)(unsigned int) (-300*HZ)),
	// so jiffies wraps 32 bits five minutes after boot.
	uint64_t initial = static_cast<uint32_t>(-300 * static_cast<int32_t>(m_config.hz));
	return initial + ns / m_config.tick_ns();
}

uint64_t Kernel::next_random()
{
	// splitmix64: the machine's own PRNG, seeded from --seed and part of the state.
	uint64_t z = (m.rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t Kernel::alloc_kernel(uint64_t size, std::string_view what)
{
	// A bump allocator in the direct map: kctx never reuses kernel memory, so a stale
	// pointer reads what was there rather than someone else's object.
	uint64_t rounded = (size + 63) & ~63ull;
	uint64_t addr = addr::kKmallocHeap + m.kmalloc_next;
	m.kmalloc_next += std::max<uint64_t>(rounded, 64);
	m.kmem.map(addr, std::max<uint64_t>(rounded, 64), std::string(what));
	return addr;
}

void Kernel::sync_task_struct(TaskId tid)
{
	// The struct task_struct that module code reads through `current`.
	namespace L = abi::layout::task_struct;
	const Task& t = m.tasks[tid];
	uint64_t a = t.task_struct_addr;
	char comm[16] = {};
	std::memcpy(comm, t.comm.data(), std::min<size_t>(t.comm.size(), 15));
	bool ok = m.kmem.store(a + L::state, t.state) && m.kmem.store(a + L::pid, t.pid) &&
		  m.kmem.store(a + L::tgid, t.tgid) && m.kmem.store(a + L::cpu, t.cpu) &&
		  m.kmem.write(a + L::comm, comm, 16) && m.kmem.store(a + L::nvcsw, t.sched.nvcsw) &&
		  m.kmem.store(a + L::nivcsw, t.sched.nivcsw) && m.kmem.store(a + L::prio, t.sched.rt_priority ? 99 - static_cast<int>(t.sched.rt_priority) : 120) &&
		  m.kmem.store(a + L::static_prio, 120) && m.kmem.store(a + L::flags, t.kthread ? 0x00200040u : 0x00400100u) &&
		  // kctx's masks have bit n for signal n; Linux's sigset_t bit n - 1.
		  m.kmem.store(a + L::blocked, t.signal.blocked >> 1) && m.kmem.store(a + L::pending_signal, t.signal.pending >> 1) &&
		  m.kmem.store(a + L::signal, a + L::own_signal);
	KCTX_CHECK(ok);
}

TaskId Kernel::create_task(std::string_view comm, bool kthread, uint32_t cpu, int32_t pid)
{
	// A freed slot first (TaskSlots.cpp), so the table grows only with the tasks alive.
	TaskId tid = static_cast<TaskId>(m.tasks.size());
	bool reused = !m.free_tasks.empty();
	if (reused) {
		tid = m.free_tasks.back();
		m.free_tasks.pop_back();
		m.tasks[tid] = Task{};
	} else {
		m.tasks.emplace_back();
	}
	Task& t = m.tasks[tid];
	// The callers checked fork_limits_check() first, so a pid is free (boot's never run out).
	if (pid > 0)
		m.pid.hold(pid);   // a pid the caller chose (init's 1); the idle tasks' 0 is no idr pid
	t.pid = pid >= 0 ? pid : m.pid.alloc(static_cast<int32_t>(m_config.pid_max)).value_or(0);
	t.tgid = t.pid;
	t.comm = std::string(comm.substr(0, 15));
	t.kthread = kthread;
	t.cpu = cpu;
	t.start_time = m.cpus[cpu].now;   // copy_process(): p->start_time = ktime_get_ns()
	t.state = abi::TASK_RUNNING;
	t.task_struct_addr = addr::kTaskStructs + tid * addr::kTaskStructStride;
	t.stack_base = addr::kStacks + tid * addr::kStackStride;
	if (!reused) {   // a reused slot's task_struct and stack are still mapped
		m.kmem.map(t.task_struct_addr, addr::kTaskStructStride, "task_struct");
		m.kmem.map(t.stack_base, addr::kThreadSize, "kernel stack");
	}
	sync_task_struct(tid);
	return tid;
}

void Kernel::boot()
{
	m = Machine{};
	m.rng = m_config.seed;
	m.cpus.resize(m_config.cpus);
	page_count().boot(m_config.mem_bytes);
	// The kmalloc caches; KASAN's quarantine holds up to 1/32 of the machine's RAM
	// (mm/kasan/quarantine.c QUARANTINE_FRACTION).
	slab_init(m.slab, m_config.kasan(), addr::kSlabs, m_config.mem_bytes / 32);
	m.images.push_back({ImageSlot::Kind::Init, 0, addr::kUserText, addr::kUserData});
	for (uint32_t i = 0; i < m_code.programs.size(); i++)
		m.images.push_back({ImageSlot::Kind::Program, i, addr::kUserText, addr::kUserData});
	m.images.push_back({ImageSlot::Kind::Vdso, 0, kVdsoText, 0});   // signal handlers return through it
	rebuild_images();

	uint64_t tick = m_config.tick_ns();
	for (uint32_t c = 0; c < m_config.cpus; c++) {
		// kernel/sched/core.c init_idle(): "swapper/%d", pid 0, preempt_count
		// PREEMPT_DISABLED while idle.
		TaskId idle = create_task("swapper/" + std::to_string(c), true, c, 0);
		push_native(idle, run::Idle{}, StackKind::Task);
		Cpu& cpu = m.cpus[c];
		cpu.idle = idle;
		cpu.curr = idle;
		cpu.preempt_count = abi::PREEMPT_DISABLED;
		// The local APIC timers of a real machine are not in phase: each CPU ticks at its
		// own offset, drawn from the seed.
		cpu.tick.next = tick + next_random() % tick;
	}
	// init (pid 1) comes first, as in Linux (rest_init forks kernel_init first).
	m.pid.next = 1;
	TaskId init = spawn_process(0, kNoTask, ~0u, std::vector<std::string>{"init"});
	(void)init;
	// kthreadd and the per-CPU threads a 6.1 kernel starts (kernel/softirq.c ksoftirqd,
	// kernel/stop_machine.c migration, kernel/workqueue.c kworker): they sleep until
	// kctx gives them work.
	std::vector<std::string> kthreads = {"kthreadd", "rcu_gp", "rcu_par_gp", "slub_flushwq", "netns"};
	for (uint32_t c = 0; c < m_config.cpus; c++) {
		kthreads.push_back("cpuhp/" + std::to_string(c));
		kthreads.push_back("migration/" + std::to_string(c));
		kthreads.push_back("ksoftirqd/" + std::to_string(c));
		kthreads.push_back("kworker/" + std::to_string(c) + ":0");
	}
	kthreads.insert(kthreads.end(), {"khungtaskd", "oom_reaper", "kcompactd0", "kswapd0"});
	for (uint32_t i = 0; i < kthreads.size(); i++) {
		const std::string& name = kthreads[i];
		uint32_t cpu = i % m_config.cpus;
		NativeRun body = run::Kthread{};
		// Per-CPU threads are bound to their CPU; two of them kctx models.
		if (size_t slash = name.find('/'); slash != std::string::npos) {
			cpu = static_cast<uint32_t>(std::stoul(name.substr(slash + 1)));
			if (name.rfind("migration/", 0) == 0)
				body = run::Stopper{};
			else if (name.rfind("kworker/", 0) == 0)
				body = run::Worker{};
			else if (name.rfind("ksoftirqd/", 0) == 0)
				body = run::Ksoftirqd{};
		}
		TaskId k = create_task(name, true, cpu);
		set_task_state(k, abi::TASK_INTERRUPTIBLE);
		m.tasks[k].ppid = 2;
		m.tasks[k].sched.bound = name.find('/') != std::string::npos;
		m.tasks[k].kstack.push_back(NativeFrame{body});
		// It has run once and gone to sleep: when woken it returns from schedule().
		push_native(k, run::Schedule{.resume = run::Schedule::Resume::Switched}, StackKind::Task);
		if (std::holds_alternative<run::Stopper>(body)) {
			m.tasks[k].sched.stop_class = true;
			m.cpus[cpu].stopper = k;
		}
		if (std::holds_alternative<run::Worker>(body))
			m.cpus[cpu].kworker = k;
		if (std::holds_alternative<run::Ksoftirqd>(body))
			m.cpus[cpu].ksoftirqd = k;
		sync_task_struct(k);
	}
	// kernel/watchdog.c: each CPU's watchdog hrtimer fires every sample period (4 s).
	for (uint32_t c = 0; c < m_config.cpus; c++)
		m.time.hrtimer_start(0xffffffff83000000ull + c * 64, HrtimerKind::Watchdog, 0, 4'000'000'000ull, 0, c, kNoTask);
	m.hung.next_check = 120'000'000'000ull;
	// The scenario's periodic line: its first raise one period after boot.
	m.irq.next_periodic = m_config.irq_period_ns ? m_config.irq_period_ns : ~0ull;
	m.irq.irr.assign(m_config.cpus, 0);
	m.irq.stats.assign(m_config.cpus, IrqCpuStats{});
	// A real boot spends the pids below ~100 on threads kctx does not model (rcu, irq/…,
	// kworkers that come and go, udev): user processes start where they would.
	m.pid.next = std::max(m.pid.next, 100 + static_cast<int32_t>(m_config.cpus) * 4);
}

}  // namespace kctx::kernel
