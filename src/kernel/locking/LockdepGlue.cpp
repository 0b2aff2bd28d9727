// Where the kernel meets lockdep (Lockdep.h): building the context lockdep reads from
// `current`, the acquisition stacks it records, and printing its reports. All of it is
// CONFIG_PROVE_LOCKING: the debian profile never calls lockdep.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/Taint.h"
#include "kernel/locking/Lockdep.h"

namespace kctx::kernel {

// A kernel site (one of 6.1's frames, "call_timer_fn+0x7f/0x130") as the release names
// it, for the lock lines and irq events that print it; module code is the same on every
// release.
namespace {

std::string release_site(const ReleaseSpec& spec, std::string ip)
{
	if (spec.lockdep_locks != LockdepLocks::IpSym || ip.ends_with(']'))
		return ip;
	std::vector<std::string> names = release_frames(spec, ip);
	return names.empty() ? ip : names.front();
}

}  // namespace

LockContext Kernel::lock_context(uint32_t cpu, TaskId t, std::string ip) const
{
	const Cpu& c = m.cpus[cpu];
	const Task& task = m.tasks[t];
	LockContext cx;
	cx.task = t;
	cx.pid = task.pid;
	cx.comm = task.comm;
	// lockdep judges the context by its shadows, not by preempt_count.
	uint32_t count = c.preempt_count & abi::PREEMPT_MASK;
	count |= static_cast<uint32_t>(std::clamp(task.lockdep.hardirq_context, 0, 15)) << 16;
	count |= static_cast<uint32_t>(std::clamp(task.lockdep.softirq_context, 0, 1)) << 8;
	cx.preempt_count = count;
	cx.hardirqs_enabled = c.irqs_enabled;
	cx.softirqs_enabled = task.lockdep.softirqs_enabled;
	cx.ip = release_site(m_config.spec(), std::move(ip));
	cx.now_ns = c.now;
	cx.ident = fmt::format("{} {} {}", m_config.release(), m_config.version_word(), print_tainted(m_config.spec(), m.tainted));
	cx.bracketed_titles = m_config.spec().lockdep_titles == LockdepTitles::Bracketed;
	cx.lock_format = lock_format();
	return cx;
}

LockFormat Kernel::lock_format() const
{
	if (m_config.spec().lockdep_locks != LockdepLocks::IpSym)
		return {};
	return {.ip_sym = true, .site_address = [this](std::string_view site) { return site_address(m, m_images, site); }};
}

StackFn Kernel::lock_stack(TaskId t, std::vector<std::string> top) const
{
	return [this, t, top = std::move(top)] {
		std::vector<std::string> out;
		std::vector<TraceLine> lines = build_trace(m, m_images, t, top);
		// Up to 4.14 save_stack_trace() entries print as print_ip_sym() lines, with the
		// release's own functions (kernel/locking/lockdep.c (4.4) print_stack_trace()).
		bool ip_sym = m_config.spec().lockdep_locks == LockdepLocks::IpSym;
		if (ip_sym)
			lines = release_trace(m_config.spec(), lines);
		for (const TraceLine& l : lines) {
			if (l.regs)
				continue;
			out.push_back(ip_sym ? fmt::format("[<{:016x}>] {}", trace_line_address(l), l.text) : l.text);
		}
		return out;
	};
}

void Kernel::lockdep_print(uint32_t cpu, const std::optional<LockdepReport>& r)
{
	if (!r)
		return;
	m.findings.warnings++;
	if (r->blank_line)
		printk(cpu, "\0014\n");
	for (const std::string& line : r->lines)
		printk(cpu, (!line.empty() && line[0] == '\001') ? line + "\n" : "\0014" + line + "\n");
	if (!r->backtrace)
		return;
	if (r->backtrace_title)
		printk(cpu, "\0014stack backtrace:\n");
	dump_stack(cpu, {});
}

void Kernel::lockdep_acquire(uint32_t cpu, TaskId t, uint64_t instance, std::string_view name, uint64_t key,
			     LockKind kind, bool trylock, std::string ip, std::string_view entry)
{
	if (!m_config.prove_locking())
		return;
	Lockdep ld(m.lockdep);
	std::vector<std::string> top = {"lock_acquire+0xd3/0x2d0"};
	if (!entry.empty())
		top.emplace_back(entry);
	lockdep_print(cpu, ld.acquire(lock_context(cpu, t, std::move(ip)), instance, name, key ? key : instance, kind,
				      trylock, lock_stack(t, top)));
}

void Kernel::lockdep_release(uint32_t cpu, TaskId t, uint64_t instance, std::string ip)
{
	if (!m_config.prove_locking())
		return;
	Lockdep ld(m.lockdep);
	lockdep_print(cpu, ld.release(lock_context(cpu, t, std::move(ip)), instance, lock_stack(t, {"lock_release+0x1ba/0x280"})));
}

void Kernel::set_irqs(uint32_t cpu, TaskId t, bool on, std::string_view ip)
{
	// local_irq_enable()/disable() with the irq-tracing hooks lockdep uses to mark the
	// locks held when irqs come back on.
	Cpu& c = m.cpus[cpu];
	if (c.irqs_enabled == on)
		return;
	c.irqs_enabled = on;
	if (!m_config.prove_locking())
		return;
	// The ip as the release names it, for the "irq event stamp" lines (ReleaseSpec::frames).
	std::string release_ip = release_frame(ip);
	ip = release_ip;
	Lockdep ld(m.lockdep);
	if (on)
		lockdep_print(cpu, ld.hardirqs_on(lock_context(cpu, t, std::string(ip)), lock_stack(t, {"mark_held_locks+0x4e/0x80"})));
	else
		ld.hardirqs_off(lock_context(cpu, t, std::string(ip)));
}

void Kernel::lockdep_softirqs(uint32_t cpu, TaskId t, bool on, std::string_view ip)
{
	Task& task = m.tasks[t];
	if (task.lockdep.softirqs_enabled == on)
		return;
	task.lockdep.softirqs_enabled = on;
	if (!m_config.prove_locking())
		return;
	std::string release_ip = release_frame(ip);
	ip = release_ip;
	Lockdep ld(m.lockdep);
	if (on)
		lockdep_print(cpu, ld.softirqs_on(lock_context(cpu, t, std::string(ip)), lock_stack(t, {"mark_held_locks+0x4e/0x80"})));
	else
		ld.softirqs_off(lock_context(cpu, t, std::string(ip)));
}

void Kernel::show_held_locks(uint32_t cpu, TaskId t)
{
	// debug_show_held_locks(), with CONFIG_LOCKDEP.
	if (!m_config.prove_locking())
		return;
	Lockdep ld(m.lockdep);
	const Task& task = m.tasks[t];
	for (const std::string& line : ld.held_locks(t, task.comm, task.pid, lock_format()))
		printk(cpu, (!line.empty() && line[0] == '\001') ? line + "\n" : "\0014" + line + "\n");
	if (!m.cpus[cpu].irqs_enabled)
		for (const std::string& line : ld.irqtrace_events(t))
			printk(cpu, (!line.empty() && line[0] == '\001') ? line + "\n" : "\0014" + line + "\n");
}

std::pair<std::string, uint64_t> Kernel::lock_class(uint64_t lock) const
{
	// The name DEFINE_*() or *_init() stored in the lock, and its class key: the lock
	// itself for a static definition, the init call site otherwise.
	uint64_t name_ptr = 0, key = 0;
	(void)m.kmem.load(lock + abi::layout::spinlock::name, name_ptr);
	(void)m.kmem.load(lock + abi::layout::spinlock::key, key);
	std::string name;
	if (name_ptr)
		(void)m.kmem.read_string(name_ptr, name, 128);
	if (name.empty())
		name = fmt::format("{:#x}", lock);
	return {name, key ? key : lock};
}

}  // namespace kctx::kernel
