// The machine's RAM and what happens when it runs out (mm/Ram.h): the page count, the
// page allocator's failure path (mm/page_alloc.c __alloc_pages_slowpath(), warn_alloc(),
// lib/show_mem.c) and the OOM killer (mm/oom_kill.c out_of_memory()), as Linux 6.1 prints
// them.
//
// Simplifications, each chosen so a run stays deterministic and short:
// - One zone, no watermarks and no atomic reserves: a request fails when fewer pages
//   are free than it asks for. Nothing is reclaimable (no page cache, no swap), so
//   direct reclaim never helps and a blocking request goes straight to the OOM killer.
// - The victim's anonymous memory is freed the moment it is killed, as the OOM reaper
//   (or the victim's own exit) would free it a little later, so the request that
//   invoked the killer is retried at once instead of after schedule_timeout_killable().
//   The reaper's "oom_reaper: reaped process" line is not printed: 6.1 reaps after
//   OOM_REAPER_DELAY (2 s), by which time a victim has normally exited by itself.
// - show_mem() prints its summary block and page totals; the per-node and per-zone
//   lines (one zone here, with no watermarks to show) are left out.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Signal.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {

constexpr uint64_t kRatelimitNs = 5'000'000'000ull;   // DEFAULT_RATELIMIT_INTERVAL
constexpr uint32_t kRatelimitBurst = 10;              // DEFAULT_RATELIMIT_BURST

struct GfpName {
	uint64_t mask;
	const char* name;
};
constexpr uint64_t kGfpReclaim = kGfpDirectReclaimBit | kGfpKswapdReclaim;
constexpr uint64_t kGfpUser = kGfpReclaim | kGfpIo | kGfpFs | kGfpHardwall;
constexpr uint64_t kGfpHighuserMovable = kGfpUser | kGfpHighmem | kGfpMovable;
constexpr uint64_t kGfpTranshugeLight = (kGfpHighuserMovable | kGfpComp | kGfpNomemalloc | kGfpNowarn) & ~kGfpReclaim;
// include/trace/events/mmflags.h __def_gfpflag_names (6.1), in its order.
constexpr GfpName kGfpNames[] = {
	{kGfpTranshugeLight | kGfpDirectReclaimBit, "GFP_TRANSHUGE"},
	{kGfpTranshugeLight, "GFP_TRANSHUGE_LIGHT"},
	{kGfpHighuserMovable, "GFP_HIGHUSER_MOVABLE"},
	{kGfpUser | kGfpHighmem, "GFP_HIGHUSER"},
	{kGfpUser, "GFP_USER"},
	{kGfpKernel | kGfpAccount, "GFP_KERNEL_ACCOUNT"},
	{kGfpKernel, "GFP_KERNEL"},
	{kGfpReclaim | kGfpIo, "GFP_NOFS"},
	{kGfpHigh | kGfpAtomicBit | kGfpKswapdReclaim, "GFP_ATOMIC"},
	{kGfpReclaim, "GFP_NOIO"},
	{kGfpKswapdReclaim, "GFP_NOWAIT"},
	{kGfpDma, "GFP_DMA"},
	{kGfpHighmem, "__GFP_HIGHMEM"},
	{kGfpDma32, "GFP_DMA32"},
	{kGfpHigh, "__GFP_HIGH"},
	{kGfpAtomicBit, "__GFP_ATOMIC"},
	{kGfpIo, "__GFP_IO"},
	{kGfpFs, "__GFP_FS"},
	{kGfpNowarn, "__GFP_NOWARN"},
	{kGfpRetryMayfail, "__GFP_RETRY_MAYFAIL"},
	{kGfpNofail, "__GFP_NOFAIL"},
	{kGfpNoretry, "__GFP_NORETRY"},
	{kGfpComp, "__GFP_COMP"},
	{kGfpZeroBit, "__GFP_ZERO"},
	{kGfpNomemalloc, "__GFP_NOMEMALLOC"},
	{kGfpMemalloc, "__GFP_MEMALLOC"},
	{kGfpHardwall, "__GFP_HARDWALL"},
	{kGfpThisnode, "__GFP_THISNODE"},
	{kGfpReclaimable, "__GFP_RECLAIMABLE"},
	{kGfpMovable, "__GFP_MOVABLE"},
	{kGfpAccount, "__GFP_ACCOUNT"},
	{kGfpWrite, "__GFP_WRITE"},
	{kGfpReclaim, "__GFP_RECLAIM"},
	{kGfpDirectReclaimBit, "__GFP_DIRECT_RECLAIM"},
	{kGfpKswapdReclaim, "__GFP_KSWAPD_RECLAIM"},
};

// The frames of the page allocator's slow path above its caller, innermost first.
const std::vector<std::string> kOomFrames = {"dump_header+0x4a/0x1f4", "oom_kill_process.cold+0xb/0x10",
					     "out_of_memory+0x1ed/0x520"};
const std::vector<std::string> kSlowpathFrames = {"__alloc_pages_slowpath.constprop.0+0xcd7/0xe30",
						  "__alloc_pages+0x224/0x250"};

}  // namespace

std::string gfp_flag_names(uint64_t gfp)
{
	std::string out;
	for (const GfpName& n : kGfpNames) {
		if ((gfp & n.mask) != n.mask || n.mask == 0)
			continue;
		out += (out.empty() ? "" : "|") + std::string(n.name);
		gfp &= ~n.mask;
	}
	if (gfp)
		out += (out.empty() ? "" : "|") + fmt::format("{:#x}", gfp);
	return out.empty() ? "0x0" : out;
}

uint32_t page_order(uint64_t bytes)
{
	uint32_t order = 0;
	while ((vm::kPageSize << order) < bytes && order < 63)
		order++;
	return order;
}

uint64_t Kernel::alloc_page_block(uint64_t pages, std::string_view what)
{
	uint64_t addr = alloc_kernel(pages * vm::kPageSize, what);
	m.ram.blocks.emplace(addr, pages);
	m.ram.block_pages += pages;
	return addr;
}

bool Kernel::free_page_block(uint64_t addr)
{
	auto it = m.ram.blocks.find(addr);
	if (it == m.ram.blocks.end())
		return false;
	// The pages go back to the allocator and the mapping goes with them (vunmap; a large
	// kmalloc's pages leave the direct map's users), so the host frees them too.
	m.kmem.unmap(addr, it->second * vm::kPageSize);
	m.ram.block_pages -= it->second;
	m.ram.blocks.erase(it);
	return true;
}

bool Kernel::ram_ratelimit(uint32_t cpu)
{
	// lib/ratelimit.c ___ratelimit() for warn_alloc()'s nopage_rs.
	uint64_t now = m.cpus[cpu].now;
	if (now - m.ram.warn_window_start >= kRatelimitNs || m.ram.warn_window_start == 0) {
		if (m.ram.warn_missed)
			printk(cpu, fmt::format("\0014warn_alloc: {} callbacks suppressed\n", m.ram.warn_missed));
		m.ram.warn_window_start = std::max<uint64_t>(now, 1);
		m.ram.warn_printed = 0;
		m.ram.warn_missed = 0;
	}
	if (m.ram.warn_printed >= kRatelimitBurst) {
		m.ram.warn_missed++;
		return false;
	}
	m.ram.warn_printed++;
	return true;
}

void Kernel::show_mem(uint32_t cpu)
{
	// lib/show_mem.c __show_mem() -> mm/page_alloc.c __show_free_areas(): the summary
	// block, then the page totals.
	uint64_t anon = page_count().user_pages();
	uint64_t shmem = 0;
	for (const auto& [id, object] : m.shmem.objects())
		shmem += object.data.size();
	printk(cpu, fmt::format("\0014Mem-Info:\n"));
	printk(cpu, fmt::format("\0014active_anon:{} inactive_anon:0 isolated_anon:0\n"
				" active_file:0 inactive_file:0 isolated_file:0\n"
				" unevictable:0 dirty:0 writeback:0\n"
				" slab_reclaimable:0 slab_unreclaimable:{}\n"
				" mapped:0 shmem:{} pagetables:0\n"
				" sec_pagetables:0 bounce:0\n"
				" kernel_misc_reclaimable:0\n"
				" free:{} free_pcp:0 free_cma:0\n",
				anon - shmem, m.slab.pages, shmem, page_count().free_pages()));
	printk(cpu, fmt::format("\0014{} pages RAM\n", m.ram.total_pages));
	printk(cpu, "\0014" "0 pages HighMem/MovableOnly\n");
	printk(cpu, fmt::format("\0014{} pages reserved\n", m.ram.reserved_pages));
}

void Kernel::dump_stack_from(uint32_t cpu, TaskId t, std::span<const std::string> top)
{
	// dump_stack() of the allocating task; a fault taken in user mode ends with the user
	// registers, which build_trace() adds only below a kernel frame.
	dump_header(cpu);
	std::vector<std::string> frames = {"dump_stack_lvl+0x44/0x5c"};
	frames.insert(frames.end(), top.begin(), top.end());
	std::vector<TraceLine> lines = build_trace(m, m_images, t, frames);
	const Task& task = m.tasks[t];
	if (task.kstack.empty() && task.user) {
		lines.push_back({StackKind::Task, fmt::format("RIP: 0033:{:#x}", user_pc(task, m_images)), true});
		lines.push_back({StackKind::Task, fmt::format("RSP: 002b:{:016x} EFLAGS: 00010206", task.user->thread.sp), true});
	}
	print_trace_lines(cpu, lines);
}

void Kernel::warn_alloc(uint32_t cpu, TaskId t, uint64_t gfp, std::string_view text, std::span<const std::string> callee)
{
	// mm/page_alloc.c warn_alloc(): silent with __GFP_NOWARN or past the rate limit.
	if ((gfp & kGfpNowarn) || !ram_ratelimit(cpu))
		return;
	const Task& cur = m.tasks[t];
	printk(cpu, fmt::format("\0014{}: {}, mode:{:#x}({}), nodemask=(null),cpuset=/,mems_allowed=0\n", cur.comm, text, gfp,
				gfp_flag_names(gfp)));
	std::vector<std::string> top = {"warn_alloc+0x138/0x1b0"};
	top.insert(top.end(), callee.begin(), callee.end());
	dump_stack_from(cpu, t, top);
	show_mem(cpu);
}

bool Kernel::ram_reserve(uint32_t cpu, TaskId t, const PageRequest& req)
{
	// __alloc_pages_slowpath(): a request that cannot reclaim fails at once; one that
	// can goes to the OOM killer (nothing here is reclaimable) unless it is costly or
	// told not to retry, and retries after each kill. A task the killer already chose
	// (or one already dying) gets no more: it fails (ALLOC_OOM's reserves are not
	// modelled) and its caller sees NULL.
	for (;;) {
		if (page_count().free_pages() >= req.pages)
			return true;
		bool can_oom = (req.gfp & kGfpDirectReclaimBit) && req.order <= kCostlyOrder &&
			       !(req.gfp & (kGfpNoretry | kGfpRetryMayfail));
		bool dying = m.ram.oom_victims.count(t) != 0 || fatal_signal_pending(t);
		if (!can_oom || dying) {
			std::vector<std::string> frames = req.callee;
			frames.insert(frames.begin(), kSlowpathFrames.begin(), kSlowpathFrames.end());
			warn_alloc(cpu, t, req.gfp, fmt::format("page allocation failure: order:{}", req.order), frames);
			return false;
		}
		if (!out_of_memory(cpu, t, req.gfp, req.order, req.callee))
			return false;
	}
}

void Kernel::dump_tasks(uint32_t cpu)
{
	// mm/oom_kill.c dump_tasks() / dump_task(), 6.1's columns.
	printk(cpu, "\0016Tasks state (memory values in pages):\n");
	printk(cpu, "\0016[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for (const Task& task : m.tasks) {
		if (!oom_candidate(task))
			continue;
		MmFigures f = mm_figures(task);
		printk(cpu, fmt::format("\0016[{:>7}] {:>5} {:>5} {:>8} {:>8} {:>8} {:>8}         {:>5} {}\n", task.pid, 0,
					task.tgid, f.total_vm, f.anon + f.shmem, f.pgtables * vm::kPageSize, 0, 0, task.comm));
	}
}

void Kernel::dump_unreclaimable_slab(uint32_t cpu)
{
	// mm/oom_kill.c should_dump_unreclaim_slab(): only when the slabs outweigh the LRU
	// pages; then mm/slab_common.c dump_unreclaimable_slab().
	if (m.slab.pages <= page_count().user_pages())
		return;
	printk(cpu, "\0016Unreclaimable slab info:\n");
	printk(cpu, "\0016Name                      Used          Total\n");
	std::map<uint64_t, uint64_t> slabs_of;   // cache -> slabs
	for (const auto& [start, ci] : m.slab.slabs)
		slabs_of[ci]++;
	for (uint32_t ci = 0; ci < m.slab.caches.size(); ci++) {
		const SlabCache& c = m.slab.caches[ci];
		uint64_t objs = slabs_of[ci] * c.objects();
		if (objs == 0)
			continue;
		uint64_t active = objs - c.freelist.size();
		printk(cpu, fmt::format("\0016{:<17} {:>10}KB {:>10}KB\n", c.name, active * c.size / 1024, objs * c.size / 1024));
	}
}

bool Kernel::out_of_memory(uint32_t cpu, TaskId t, uint64_t gfp, uint32_t order, std::span<const std::string> callee)
{
	std::optional<TaskId> victim = page_count().oom_victim();
	// dump_header(): who asked, its stack, the memory, the tasks.
	const Task& cur = m.tasks[t];
	printk(cpu, fmt::format("\0014{} invoked oom-killer: gfp_mask={:#x}({}), order={}, oom_score_adj=0\n", cur.comm, gfp,
				gfp_flag_names(gfp), order));
	std::vector<std::string> top;
	if (victim)
		top = kOomFrames;
	else
		top = {"dump_header+0x4a/0x1f4", "out_of_memory+0x2b5/0x520"};
	top.insert(top.end(), kSlowpathFrames.begin(), kSlowpathFrames.end());
	top.insert(top.end(), callee.begin(), callee.end());
	dump_stack_from(cpu, t, top);
	show_mem(cpu);
	dump_unreclaimable_slab(cpu);
	dump_tasks(cpu);
	if (!victim) {
		// out_of_memory(): "Found nothing?!?! Either we hang forever, or we panic."
		printk(cpu, "\0014Out of memory and no killable processes...\n");
		panic(cpu, "System is deadlocked on memory\n", top);
		return false;
	}
	Task& v = m.tasks[*victim];
	MmFigures f = mm_figures(v);
	// dump_oom_summary(), then __oom_kill_process().
	printk(cpu, fmt::format("\0016oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
				"task_memcg=/,task={},pid={},uid=0\n",
				v.comm, v.pid));
	printk(cpu, fmt::format("\0013Out of memory: Killed process {} ({}) total-vm:{}kB, anon-rss:{}kB, file-rss:0kB, "
				"shmem-rss:{}kB, UID:0 pgtables:{}kB oom_score_adj:0\n",
				v.pid, v.comm, f.total_vm * 4, f.anon * 4, f.shmem * 4, f.pgtables * 4));
	m.ram.oom_victims.insert(*victim);
	send_signal(cpu, *victim, abi::kSIGKILL);
	// The victim's anonymous memory is reaped now (see the top of this file).
	if (v.user)
		v.user->mm.drop_private_pages();
	return true;
}

void Kernel::user_oom_fault(uint32_t cpu, TaskId t)
{
	// A first touch found no free page: handle_mm_fault()'s allocation goes through the
	// OOM killer; when it kills another process the access is retried, when it kills
	// this one (or this one was already dying) the SIGKILL ends it on the way back to
	// user mode (pagefault_out_of_memory() has nothing more to do).
	static const std::vector<std::string> kFaultFrames = {
		"__folio_alloc+0x16/0x40",	 "vma_alloc_folio+0x9a/0x370",	  "__handle_mm_fault+0x8a1/0xd90",
		"handle_mm_fault+0xd8/0x260",	 "do_user_addr_fault+0x1b4/0x540", "exc_page_fault+0x68/0x150",
		"asm_exc_page_fault+0x26/0x30"};
	while (!m.halted && page_count().free_pages() == 0 && !fatal_signal_pending(t) && !m.ram.oom_victims.count(t))
		if (!out_of_memory(cpu, t, kGfpUserFault, 0, kFaultFrames))
			return;
	if (!m.halted && fatal_signal_pending(t))
		deliver_signals(cpu, t);
}

}  // namespace kctx::kernel
