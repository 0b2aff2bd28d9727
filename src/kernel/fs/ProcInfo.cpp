// The kernel's own informational files of /proc that ls lists (ProcRoot.h): what each of
// 6.1's show functions prints, from the machine's state where kctx has it. A program or
// init.sh's cat reads them as any other /proc file (ReadWrite.cpp: the whole text at open).
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/mm/PageCount.h"

namespace kctx::kernel {

namespace {

// The Debian 6.1 kernel's filesystems, as fs/filesystems.c filesystems_proc_show() lists
// them: "nodev" for those that need no block device, in registration order (the modules'
// ext4 and vfat are not loaded on kctx's machine).
constexpr std::string_view kFilesystems =
	"nodev\tsysfs\nnodev\ttmpfs\nnodev\tbdev\nnodev\tproc\nnodev\tcgroup\nnodev\tcgroup2\nnodev\tcpuset\n"
	"nodev\tdevtmpfs\nnodev\tdebugfs\nnodev\ttracefs\nnodev\tsecurityfs\nnodev\tsockfs\nnodev\tbpf\n"
	"nodev\tpipefs\nnodev\tramfs\nnodev\thugetlbfs\nnodev\tdevpts\nnodev\tmqueue\nnodev\tpstore\n";

// fs/proc/meminfo.c show_val_kb(): "%-16s%8lu kB" (the name with its colon).
void meminfo_line(std::string& s, std::string_view name, uint64_t kb)
{
	s += fmt::format("{:<16}{:>8} kB\n", fmt::format("{}:", name), kb);
}

}   // namespace

bool Kernel::proc_info_exists(std::string_view name)
{
	for (std::string_view n : {"cmdline", "cpuinfo", "filesystems", "loadavg", "meminfo", "misc", "uptime"})
		if (name == n)
			return true;
	return false;
}

std::string Kernel::proc_info_text(std::string_view name) const
{
	uint32_t ncpus = static_cast<uint32_t>(m.cpus.size());
	if (name == "filesystems")
		return std::string(kFilesystems);
	if (name == "cmdline") {
		// fs/proc/cmdline.c: saved_command_line and a newline; Debian's boot loader line,
		// with the switches the scenario gave the kernel.
		std::string s = fmt::format("BOOT_IMAGE=/boot/vmlinuz-{} root=/dev/sda1 ro quiet", m_config.release());
		if (m_config.mem_bytes != (512ull << 20))
			s += fmt::format(" mem={}M", m_config.mem_bytes >> 20);
		if (m_config.panic_on_warn)
			s += " panic_on_warn=1";
		if (m_config.softlockup_panic)
			s += " softlockup_panic=1";
		return s + "\n";
	}
	if (name == "uptime") {
		// fs/proc/uptime.c uptime_proc_show(): the boot time and the CPUs' idle time
		// summed, each as seconds and hundredths. kctx's idle time is what no task ran.
		uint64_t up = now();
		uint64_t busy = 0;
		for (const Task& t : m.tasks)
			if (t.pid != 0 || !t.kthread)
				busy += t.sched.sum_exec;
		uint64_t all = up * ncpus;
		uint64_t idle = all > busy ? all - busy : 0;
		return fmt::format("{}.{:02} {}.{:02}\n", up / 1000000000, up % 1000000000 / 10000000, idle / 1000000000,
				   idle % 1000000000 / 10000000);
	}
	if (name == "loadavg") {
		// fs/proc/loadavg.c: avenrun[] (calc_global_load() every 5 s; kctx does not keep
		// it, so 0.00), nr_running()/nr_threads, and the last pid handed out.
		uint32_t running = 0;
		int32_t last = 0;
		for (const Task& t : m.tasks) {
			if (t.pid == 0 || t.exited)
				continue;
			running += t.state == abi::TASK_RUNNING ? 1 : 0;
			last = std::max(last, t.pid);
		}
		return fmt::format("0.00 0.00 0.00 {}/{} {}\n", running, m.pid.nr_threads(), last);
	}
	if (name == "misc") {
		// drivers/char/misc.c misc_seq_show(): "%3i %s" per device, newest first (misc_register()
		// adds at the head of misc_list).
		std::string s;
		for (auto it = m.vfs.drivers.rbegin(); it != m.vfs.drivers.rend(); ++it)
			if (it->misc)
				s += fmt::format("{:3} {}\n", it->minor, it->name);
		return s;
	}
	if (name == "meminfo") {
		// fs/proc/meminfo.c meminfo_proc_show() with Debian's config (ZSWAP, MEMORY_FAILURE,
		// THP, HUGETLBFS): what kctx counts (RAM, free pages, slabs, kernel stacks, the
		// processes' anonymous memory) and zero for what it has no notion of (page
		// cache, swap, huge pages).
		PageCount pc(const_cast<RamState&>(m.ram), const_cast<TaskTable&>(m.tasks), m.slab,
			     m.shmem);   // read only: free_pages() and user_pages() are const
		uint64_t kb = vm::kPageSize / 1024;
		uint64_t total = (m.ram.total_pages - m.ram.reserved_pages) * kb;
		uint64_t free = pc.free_pages() * kb;
		uint64_t anon = pc.user_pages() * kb;
		uint64_t stacks = 0;
		for (const Task& t : m.tasks)
			stacks += t.reaped ? 0 : 16;
		uint64_t slab = m.slab.pages * kb;
		std::string s;
		meminfo_line(s, "MemTotal", total);
		meminfo_line(s, "MemFree", free);
		meminfo_line(s, "MemAvailable", free);
		for (std::string_view n : {"Buffers", "Cached", "SwapCached"})
			meminfo_line(s, n, 0);
		meminfo_line(s, "Active", anon);
		meminfo_line(s, "Inactive", 0);
		meminfo_line(s, "Active(anon)", anon);
		for (std::string_view n : {"Inactive(anon)", "Active(file)", "Inactive(file)", "Unevictable", "Mlocked",
					   "SwapTotal", "SwapFree", "Zswap", "Zswapped", "Dirty", "Writeback"})
			meminfo_line(s, n, 0);
		meminfo_line(s, "AnonPages", anon);
		meminfo_line(s, "Mapped", 0);
		meminfo_line(s, "Shmem", 0);
		meminfo_line(s, "KReclaimable", 0);
		meminfo_line(s, "Slab", slab);
		meminfo_line(s, "SReclaimable", 0);
		meminfo_line(s, "SUnreclaim", slab);
		meminfo_line(s, "KernelStack", stacks);
		for (std::string_view n : {"PageTables", "SecPageTables", "NFS_Unstable", "Bounce", "WritebackTmp"})
			meminfo_line(s, n, 0);
		meminfo_line(s, "CommitLimit", total / 2);   // overcommit_ratio 50, no swap
		meminfo_line(s, "Committed_AS", anon);
		meminfo_line(s, "VmallocTotal", 34359738367);   // x86-64's VMALLOC_SIZE >> 10
		meminfo_line(s, "VmallocUsed", m.ram.block_pages * kb);
		meminfo_line(s, "VmallocChunk", 0);
		meminfo_line(s, "Percpu", 0);
		s += fmt::format("HardwareCorrupted: {:>5} kB\n", 0);
		for (std::string_view n : {"AnonHugePages", "ShmemHugePages", "ShmemPmdMapped", "FileHugePages", "FilePmdMapped"})
			meminfo_line(s, n, 0);
		s += "HugePages_Total:       0\nHugePages_Free:        0\nHugePages_Rsvd:        0\nHugePages_Surp:        0\n";
		meminfo_line(s, "Hugepagesize", 2048);
		meminfo_line(s, "Hugetlb", 0);
		meminfo_line(s, "DirectMap4k", m.ram.total_pages * kb);
		meminfo_line(s, "DirectMap2M", 0);
		meminfo_line(s, "DirectMap1G", 0);
		return s;
	}
	if (name == "cpuinfo") {
		// arch/x86/kernel/cpu/proc.c show_cpuinfo(): one block per CPU, kctx's simulated
		// processor (the Hardware name's PC) with the flags a module may test.
		std::string s;
		for (uint32_t c = 0; c < ncpus; c++)
			s += fmt::format("processor\t: {}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n"
					 "model name\t: kctx simulated x86-64 CPU\nstepping\t: 7\nmicrocode\t: 0x1\n"
					 "cpu MHz\t\t: 2000.000\ncache size\t: 16384 KB\nphysical id\t: 0\nsiblings\t: {}\n"
					 "core id\t\t: {}\ncpu cores\t: {}\napicid\t\t: {}\ninitial apicid\t: {}\nfpu\t\t: yes\n"
					 "fpu_exception\t: yes\ncpuid level\t: 13\nwp\t\t: yes\n"
					 "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 "
					 "clflush mmx fxsr sse sse2 ht syscall nx lm constant_tsc nopl xtopology cpuid pni "
					 "ssse3 cx16 sse4_1 sse4_2 x2apic popcnt hypervisor lahf_lm\n"
					 "bugs\t\t:\nbogomips\t: 4000.00\nclflush size\t: 64\ncache_alignment\t: 64\n"
					 "address sizes\t: 46 bits physical, 48 bits virtual\npower management:\n\n",
					 c, ncpus, c, ncpus, c, c);
		return s;
	}
	return {};
}

}   // namespace kctx::kernel
