// Asynchronous notification (fs/fcntl.c): fasync_helper() keeps a driver's list of files
// that asked for O_ASYNC, kill_fasync() sends each file's owner (fcntl(F_SETOWN)) SIGIO.
// The list lives in kernel memory as struct fasync_struct (prelude kernel-poll.h), so a
// driver's `struct fasync_struct *` is what it is on Linux.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Signal.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
namespace FA = abi::layout::fasync_struct;
namespace FL = abi::layout::file;
constexpr int32_t FASYNC_MAGIC = 0x4601;   // include/linux/fs.h
constexpr int32_t SIGURG = 23;
}   // namespace

int64_t Kernel::fasync_helper(uint64_t fd, uint64_t filp, bool on, uint64_t fapp)
{
	// fasync_add_entry() / fasync_remove_entry(): 1 when the list changed, 0 when not,
	// with FASYNC in filp->f_flags following the file's presence on the list.
	uint64_t prev = fapp;
	uint64_t fa = 0;
	(void)m.kmem.load(fapp, fa);
	while (fa) {
		uint64_t file = 0, next = 0;
		(void)m.kmem.load(fa + FA::fa_file, file);
		(void)m.kmem.load(fa + FA::fa_next, next);
		if (file == filp)
			break;
		prev = fa + FA::fa_next;
		fa = next;
	}
	uint32_t flags = 0;
	(void)m.kmem.load(filp + FL::f_flags, flags);
	if (!on) {
		if (!fa)
			return 0;
		uint64_t next = 0;
		(void)m.kmem.load(fa + FA::fa_next, next);
		(void)m.kmem.store(prev, next);
		(void)m.kmem.store(fa + FA::magic, 0);   // fasync_free_rcu(): the object is gone
		(void)m.kmem.store(filp + FL::f_flags, flags & ~fs::FASYNC);
		return 1;
	}
	if (fa) {   // already there: a new descriptor number, nothing else
		(void)m.kmem.store(fa + FA::fa_fd, static_cast<int32_t>(fd));
		return 0;
	}
	uint64_t head = 0;
	(void)m.kmem.load(fapp, head);
	fa = alloc_kernel(FA::size, "fasync_cache");
	(void)m.kmem.store(fa + FA::magic, FASYNC_MAGIC);
	(void)m.kmem.store(fa + FA::fa_fd, static_cast<int32_t>(fd));
	(void)m.kmem.store(fa + FA::fa_next, head);
	(void)m.kmem.store(fa + FA::fa_file, filp);
	(void)m.kmem.store(fapp, fa);
	(void)m.kmem.store(filp + FL::f_flags, flags | fs::FASYNC);
	return 1;
}

void Kernel::kill_fasync(uint32_t cpu, uint64_t fp, int32_t sig, int32_t band)
{
	// kill_fasync_rcu(): every file on the list, send_sigio() to its owner: SIGIO
	// (F_SETSIG is not modelled), or nothing for SIGURG without one.
	uint64_t fa = 0;
	(void)m.kmem.load(fp, fa);
	for (int guard = 0; fa && guard < 4096; guard++) {
		int32_t magic = 0;
		(void)m.kmem.load(fa + FA::magic, magic);
		if (magic != FASYNC_MAGIC) {
			printk(cpu, "\0013kill_fasync: bad magic number in fasync_struct!\n");
			return;
		}
		uint64_t file = 0;
		(void)m.kmem.load(fa + FA::fa_file, file);
		if (sig != SIGURG)
			send_sigio(cpu, file);
		(void)m.kmem.load(fa + FA::fa_next, fa);
	}
	(void)band;   // si_band: only a SA_SIGINFO handler would see it
}

void Kernel::send_sigio(uint32_t from_cpu, uint64_t file)
{
	// send_sigio(): the owner of the struct file, a pid or (negative) a process group.
	int32_t owner = 0;
	for (const Task& task : m.tasks) {
		if (!task.user)
			continue;
		for (const auto& [fd, of] : task.user->files.fds)
			if (of.kind == FileKind::Driver && of.file == file && of.owner)
				owner = of.owner;
	}
	if (!owner)
		return;
	int32_t pid = owner < 0 ? -owner : owner;
	for (TaskId i = 0; i < m.tasks.size(); i++)
		if (m.tasks[i].pid == pid && !m.tasks[i].exited)
			send_signal(from_cpu, i, abi::kSIGIO);
}

bool Kernel::fasync_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	switch (call.id) {
	case BuiltinId::fasync_helper:
		finish_builtin(t, static_cast<uint64_t>(fasync_helper(static_cast<uint32_t>(arg(0)), arg(1),
								      static_cast<int32_t>(arg(2)) != 0, arg(3))));
		return true;
	case BuiltinId::kill_fasync:
		kill_fasync(cpu, arg(0), static_cast<int32_t>(arg(1)), static_cast<int32_t>(arg(2)));
		finish_builtin(t, 0);
		return true;
	default: return false;
	}
}

}   // namespace kctx::kernel
