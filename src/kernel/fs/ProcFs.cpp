// /proc: the files kctx's programs read. /proc/PID/status as fs/proc/array.c
// proc_pid_status() prints it in 6.1, /proc/PID/comm and cmdline, /proc/devices
// (fs/proc/devices.c) and /proc/iomem (kernel/resource.c).
#include <algorithm>
#include <bit>
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "kernel/mm/DevMem.h"
#include "kernel/core/Kernel.h"
#include "kernel/printk/Sysctl.h"
#include "kernel/fs/Kcore.h"

namespace kctx::kernel {

namespace {

// The task a /proc/PID path names: live or a zombie, never pid 0.
std::optional<TaskId> proc_task(const Machine& m, TaskId self, std::string_view pid_text)
{
	if (pid_text == "self")
		return self;
	if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string_view::npos ||
	    pid_text.size() > 9)
		return std::nullopt;
	int32_t pid = std::stoi(std::string(pid_text));
	for (TaskId i = 0; i < m.tasks.size(); i++)
		if (m.tasks[i].pid == pid && pid > 0 && !m.tasks[i].reaped)
			return i;
	return std::nullopt;
}

// Splits "/proc/A/B" into A and B ("" when there is no B).
std::pair<std::string_view, std::string_view> proc_parts(std::string_view path)
{
	path.remove_prefix(6);   // "/proc/"
	size_t slash = path.find('/');
	if (slash == std::string_view::npos)
		return {path, ""};
	return {path.substr(0, slash), path.substr(slash + 1)};
}

// fs/proc/array.c task_state_array, by task_state_index().
std::string_view task_state_name(const Task& t)
{
	if (t.exited)
		return t.state == abi::TASK_DEAD ? "Z (zombie)" : "R (running)";
	if (t.state == abi::TASK_IDLE)
		return "I (idle)";
	if (t.state & abi::TASK_INTERRUPTIBLE)
		return "S (sleeping)";
	if (t.state & abi::TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	if (t.state & abi::TASK_STOPPED)
		return "T (stopped)";
	return "R (running)";
}

// render_sigset_t(): 64 signals, signal n at bit n - 1, as 16 hex digits.
std::string sigset_hex(uint64_t kernel_mask) { return fmt::format("{:016x}\n", kernel_mask >> 1); }

// %*pb and %*pbl of a cpumask of `n` CPUs.
std::string cpumask_hex(uint32_t n)
{
	std::string s;
	for (uint32_t word = (n + 31) / 32; word-- > 0;) {
		uint32_t bits = std::min<uint32_t>(32, n - word * 32);
		uint32_t v = bits == 32 ? ~0u : (1u << bits) - 1;
		uint32_t digits = (bits + 3) / 4;
		s += fmt::format("{}{:0{}x}", s.empty() ? "" : ",", v, s.empty() ? digits : 8);
	}
	return s;
}
std::string cpumask_list(uint32_t n) { return n == 1 ? "0" : fmt::format("0-{}", n - 1); }

}   // namespace

bool Kernel::proc_file_exists(TaskId t, std::string_view path) const
{
	if (path == "/proc/devices" || path == "/proc/iomem" || path == "/proc/modules" || path == "/proc/interrupts" ||
	    path == "/proc/sys/kernel/tainted" || path == "/proc/sysrq-trigger" || path == "/proc/version" ||
	    path == "/proc/kcore" || path == "/proc/sys/kernel/printk")
		return true;
	if (path.starts_with("/proc/") && proc_info_exists(path.substr(6)))
		return true;
	auto [first, rest] = proc_parts(path);
	if (!proc_task(m, t, first))
		return false;
	return rest == "status" || rest == "comm" || rest == "cmdline";
}

std::string Kernel::proc_file_text(TaskId self, std::string_view path) const
{
	if (path == "/proc/iomem")
		return physmem::proc_iomem();
	if (path.starts_with("/proc/") && proc_info_exists(path.substr(6)))
		return proc_info_text(path.substr(6));
	if (path == "/proc/interrupts")
		return proc_interrupts();
	if (uint32_t irq = 0; irq_debug_file(path, &irq))
		return {};   // irq_debug_show()'s state dump: kctx only simulates the write
	// fs/proc/kcore.c: S_IRUSR, root's (init and its children are root in kctx).
	if (path == "/proc/kcore")
		return kcore_header();
	if (path == "/proc/version") {
		// fs/proc/version.c version_proc_show(): linux_proc_banner with the utsname's
		// sysname, release and version; the builder and compiler are the release's.
		const ReleaseSpec& spec = m_config.spec();
		return fmt::format("Linux version {} ({}) ({}) {}\n", m_config.release(), spec.compile_by, spec.compiler,
				   spec.uts_version);
	}
	if (path == "/proc/sys/kernel/tainted")
		return fmt::format("{}\n", m.tainted);   // proc_taint(): the mask, in decimal
	if (path == "/proc/sys/kernel/printk")
		return printk_sysctl_text(m.printk);
	if (path == "/proc/modules") {
		// kernel/module/procfs.c m_show(), newest first: name, core size, refcount, users
		// ("-": none), state, base address (root sees it), taints.
		std::string text;
		for (auto it = m.modules.rbegin(); it != m.modules.rend(); ++it) {
			if (it->state == ModuleState::Gone)
				continue;
			const ImageSlot& img = m.images[it->image];
			uint64_t data = (m_code.modules[it->code]->data_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
			uint64_t size = img.data_base - img.text_base + std::max<uint64_t>(data, vm::kPageSize);
			std::string_view state = it->state == ModuleState::Going    ? "Unloading"
						 : it->state == ModuleState::Coming ? "Loading"
										    : "Live";
			// print_unload_info(): each user module's name and a comma, else "-".
			std::string users;
			for (const std::string& u : module_users(static_cast<uint32_t>(&*it - m.modules.data())))
				users += u + ",";
			text += fmt::format("{} {} {} {} {} 0x{:016x} (OE)\n", it->name, size, it->refcnt,
					    users.empty() ? "-" : users, state, img.text_base);
		}
		return text;
	}
	if (path == "/proc/devices") {
		// chrdev_show() for each major (fs/Cdev.cpp): the boot drivers' and the modules'.
		std::vector<std::pair<uint32_t, std::string>> chr = chrdev_list();
		std::string s = "Character devices:\n";
		for (const auto& [major, name] : chr)
			s += fmt::format("{:3} {}\n", major, name);
		s += "\nBlock devices:\n  7 loop\n  8 sd\n  9 md\n 11 sr\n 65 sd\n 66 sd\n 67 sd\n 68 sd\n "
		     "69 sd\n 70 sd\n 71 sd\n"
		     "128 sd\n129 sd\n130 sd\n131 sd\n132 sd\n133 sd\n134 sd\n135 sd\n253 device-mapper\n254 "
		     "mdp\n259 blkext\n";
		return s;
	}
	auto [first, rest] = proc_parts(path);
	auto tid = proc_task(m, self, first);
	if (!tid)
		return {};
	const Task& task = m.tasks[*tid];
	if (rest == "comm")
		return task.comm + "\n";
	if (rest == "cmdline") {
		if (task.kthread || task.exited)
			return {};
		std::string s = task.cmdline.empty() ? task.comm : task.cmdline;
		std::replace(s.begin(), s.end(), ' ', '\0');
		return s + '\0';
	}

	// proc_pid_status(): task_state(), task_mem() for a task with an mm, task_sig(),
	// task_cap(), task_seccomp(), the cpuset and the context switch counts.
	std::string s = fmt::format("Name:\t{}\n", task.comm);
	s += "Umask:\t0022\n";
	s += fmt::format("State:\t{}\n", task_state_name(task));
	s += fmt::format("Tgid:\t{}\nNgid:\t0\nPid:\t{}\nPPid:\t{}\nTracerPid:\t0\n", task.tgid, task.pid,
			 task.ppid);
	s += "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t \n";
	// kctx's processes descend from the kernel's init without setsid() or job control:
	// process group and session 0, as init's.
	s += fmt::format("NStgid:\t{}\nNSpid:\t{}\nNSpgid:\t0\nNSsid:\t0\n", task.tgid, task.pid);
	if (task.user && !task.exited) {
		// task_mem(): sizes in kB from the process's mappings.
		const vm::Memory& mm = task.user->mm;
		// RssShmem counts the shmem pages this process has mapped (MM_SHMEMPAGES: those it
		// touched since it mapped them, or since fork()), and VmData leaves shared mappings
		// out (mm/internal.h is_data_mapping()).
		uint64_t total = 0, rss = 0, shmem = 0, data = 0, stack = 0;
		for (const vm::Region& r : mm.regions()) {
			uint64_t len = r.end - r.start;
			total += len;
			if (r.name == "[stack]")
				stack += len;
			else if (!r.shmem)
				data += len;
			rss += mm.resident_pages(r.start, len) * vm::kPageSize;
			shmem += mm.resident_shmem_pages(r.start, len) * vm::kPageSize;
		}
		uint64_t text = m_images.size() > task.user->image && m_images[task.user->image].program
					? (m_images[task.user->image].program->text_size() + vm::kPageSize -
					   1) & ~(vm::kPageSize - 1)
					: 0;
		total += text;
		auto kb = [](uint64_t bytes) { return bytes >> 10; };
		s += fmt::format("VmPeak:\t{:8} kB\nVmSize:\t{:8} kB\nVmLck:\t{:8} kB\nVmPin:\t{:8} kB\n",
				 kb(total), kb(total), 0, 0);
		s += fmt::format("VmHWM:\t{:8} kB\nVmRSS:\t{:8} kB\nRssAnon:\t{:8} kB\nRssFile:\t{:8} "
				 "kB\nRssShmem:\t{:8} kB\n",
				 kb(rss), kb(rss), kb(rss - shmem), 0, kb(shmem));
		s += fmt::format("VmData:\t{:8} kB\nVmStk:\t{:8} kB\nVmExe:\t{:8} kB\nVmLib:\t{:8} "
				 "kB\nVmPTE:\t{:8} kB\n",
				 kb(data), kb(stack), kb(text), 0, 44);
		s += fmt::format(
			"VmSwap:\t{:8} kB\nHugetlbPages:\t{:8} kB\nCoreDumping:\t0\nTHP_enabled:\t1\n", 0, 0);
	}
	// task_sig(). A kill() goes to the thread group (ShdPnd), a raise() to the thread:
	// kctx keeps one set per task and shows it as the group's. kthreadd's
	// ignore_signals() leaves every kernel thread ignoring everything.
	uint64_t ignored = 0, caught = 0;
	if (task.user) {
		for (int32_t sig = 1; sig < abi::kNSIG; sig++) {
			uint64_t h = task.user->sigactions[static_cast<size_t>(sig)].handler;
			if (h == abi::kSIG_IGN)
				ignored |= 1ull << sig;
			else if (h != abi::kSIG_DFL)
				caught |= 1ull << sig;
		}
	}
	s += fmt::format("Threads:\t1\nSigQ:\t{}/31720\n", std::popcount(task.signal.pending));
	s += "SigPnd:\t" + sigset_hex(0) + "ShdPnd:\t" + sigset_hex(task.signal.pending) + "SigBlk:\t" +
	     sigset_hex(blocked_signals(*tid)) + "SigIgn:\t" +
	     (task.user ? sigset_hex(ignored) : "ffffffffffffffff\n") + "SigCgt:\t" + sigset_hex(caught);
	s += "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n"
	     "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n";
	s += "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tthread "
	     "vulnerable\n"
	     "SpeculationIndirectBranch:\tconditional enabled\n";
	auto ncpus = static_cast<uint32_t>(m.cpus.size());
	s += fmt::format("Cpus_allowed:\t{}\nCpus_allowed_list:\t{}\n", cpumask_hex(ncpus),
			 cpumask_list(ncpus));
	s += "Mems_allowed:\t00000000,00000001\nMems_allowed_list:\t0\n";
	s += fmt::format("voluntary_ctxt_switches:\t{}\nnonvoluntary_ctxt_switches:\t{}\n", task.sched.nvcsw,
			 task.sched.nivcsw);
	return s;
}

}   // namespace kctx::kernel
