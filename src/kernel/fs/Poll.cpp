// poll(2) and select(2) (fs/select.c): do_sys_poll() -> do_poll() and core_sys_select() ->
// do_select(), one loop for both (run::Poll). Each pass asks every descriptor's file for
// its mask: a driver's ->poll as module code (its poll_wait() calls put the task on the
// driver's wait queues, __pollwait()), the kernel's own files natively (pipe_poll(),
// n_tty_poll(), DEFAULT_POLLMASK for files without ->poll). Nothing ready: the task
// sleeps TASK_INTERRUPTIBLE in poll_schedule_timeout() until a wake-up on one of those
// queues, its hrtimer or a signal. A signal with nothing ready is -ERESTARTNOHAND.
#include <algorithm>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
using R = run::Syscall::Resume;
using P = run::Poll::Resume;
namespace FO = abi::layout::file_operations;

// include/uapi/linux/eventpoll.h (x86: the same bits as POLL* of asm-generic/poll.h)
constexpr uint32_t EPOLLIN = 0x1, EPOLLPRI = 0x2, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10,
		   EPOLLNVAL = 0x20, EPOLLRDNORM = 0x40, EPOLLRDBAND = 0x80, EPOLLWRNORM = 0x100,
		   EPOLLWRBAND = 0x200;
// include/linux/poll.h: what a file without ->poll reports.
constexpr uint32_t DEFAULT_POLLMASK = EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM;
// fs/select.c: the events each of select's sets stands for.
constexpr uint32_t POLLIN_SET = EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR;
constexpr uint32_t POLLOUT_SET = EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR;
constexpr uint32_t POLLEX_SET = EPOLLPRI;

// The poll_table (struct poll_table_struct: _qproc, _key) a driver's ->poll is handed
// lives on the task's kernel stack, in do_sys_poll()'s frame, below ksys_read's pos slot.
constexpr uint64_t kPollTableSlot = 0xc0;
// A non-NULL _qproc: __pollwait(); module code only tests it (poll_wait() is inline).
constexpr uint64_t kPollwaitFn = 0xffffffff81378a50ull;
// The key of the poll's hrtimer_sleeper (schedule_hrtimeout_range()'s on-stack timer).
constexpr uint64_t kPollTimerSlot = 0x340;
constexpr uint64_t kNsPerMs = 1'000'000, kNsPerUs = 1'000, kNsPerSec = 1'000'000'000;
constexpr int32_t kMaxFdsDefault = 64;   // NR_OPEN_DEFAULT: the first fdtable's max_fds
}   // namespace

run::Poll* Kernel::find_poll(TaskId t)
{
	// The task's do_sys_poll() frame, under the ->poll module code that runs above it.
	for (auto it = m.tasks[t].kstack.rbegin(); it != m.tasks[t].kstack.rend(); ++it)
		if (auto* nf = std::get_if<NativeFrame>(&*it); nf && nf->fn() == NativeFn::Poll)
			return &nf->as<run::Poll>();
	return nullptr;
}

bool Kernel::poll_wake_missed(TaskId t, uint64_t key)
{
	// pollwake(): the entry's `triggered` is set before the task is woken, so a wake-up
	// that finds the task still awake (between its ->poll calls and its sleep) is not
	// lost: poll_schedule_timeout() sees it and passes again instead of sleeping.
	run::Poll* p = find_poll(t);
	if (!p || std::find(p->queues.begin(), p->queues.end(), key) == p->queues.end())
		return false;
	p->triggered = true;
	return true;
}

bool Kernel::poll_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	// poll_wait() (include/linux/poll.h) calls pt->_qproc, __pollwait(), when the table
	// has one: the prelude's poll_wait() tests that and calls __kctx_pollwait.
	if (call.id != BuiltinId::__kctx_pollwait)
		return fasync_builtin(cpu, t, call, args);
	uint64_t queue = args.size() > 1 ? args[1] : 0;
	if (run::Poll* p = find_poll(t); p && queue)
		poll_register(t, *p, queue);
	finish_builtin(t, 0);
	return true;
}

void Kernel::poll_register(TaskId t, run::Poll& p, uint64_t queue)
{
	// __pollwait(): a poll_table_entry on the queue, woken by every wake-up (not exclusive).
	add_waiter(m.waiters, queue, t, WaitMode::Shared);
	if (std::find(p.queues.begin(), p.queues.end(), queue) == p.queues.end())
		p.queues.push_back(queue);
}

uint32_t Kernel::native_poll_mask(TaskId t, const OpenFile& of, run::Poll& p)
{
	// The ->poll of the files kctx runs natively.
	switch (of.kind) {
	case FileKind::Pipe: {
		// pipe_poll(): queue first, then the racy tests.
		const Pipe& pipe = m.vfs.pipes.at(of.pipe);
		if (p.qproc && (of.mode & fs::FMODE_READ))
			poll_register(t, p, pipe_rd_wait(of.pipe));
		if (p.qproc && (of.mode & fs::FMODE_WRITE))
			poll_register(t, p, pipe_wr_wait(of.pipe));
		uint32_t mask = 0;
		if (of.mode & fs::FMODE_READ) {
			if (!pipe.empty())
				mask |= EPOLLIN | EPOLLRDNORM;
			if (!pipe.writers)
				mask |= EPOLLHUP;
		}
		if (of.mode & fs::FMODE_WRITE) {
			if (!pipe.full())
				mask |= EPOLLOUT | EPOLLWRNORM;
			if (!pipe.readers)
				mask |= EPOLLERR;   // "on Linux they behave exactly like pipes for poll()"
		}
		return mask;
	}
	case FileKind::Tty:
		// n_tty_poll(): nothing ever types on kctx's console; output always has room.
		return EPOLLOUT | EPOLLWRNORM;
	case FileKind::Kmsg:
		// devkmsg_poll(): the boot log always has records past a new reader's sequence.
		return EPOLLIN | EPOLLRDNORM;
	default:
		// /dev/null, zero, full, mem and /proc files have no ->poll: vfs_poll()'s default.
		return DEFAULT_POLLMASK;
	}
}

void Kernel::poll_record(run::Poll& p, run::PollEntry& e, uint32_t mask)
{
	// do_pollfd() / do_select(): what counts as ready, and _qproc cleared once anything is.
	if (p.kind == run::PollKind::Poll) {
		mask &= e.events | EPOLLERR | EPOLLHUP;
		e.revents = mask;
		if (mask) {
			p.count++;
			p.qproc = false;
		}
		return;
	}
	e.revents = 0;
	const std::array<uint32_t, 3> set_masks = {POLLIN_SET, POLLOUT_SET, POLLEX_SET};
	for (uint32_t s = 0; s < 3; s++) {
		if ((mask & set_masks[s]) && (e.sets & (1u << s))) {
			e.revents |= 1u << s;
			p.count++;
			p.qproc = false;
		}
	}
}

void Kernel::poll_copy_out(TaskId t, run::Poll& p)
{
	// do_sys_poll(): every revents back to the user's array; core_sys_select(): the
	// result bitmaps over the three sets, only on success.
	vm::Memory& mm = m.tasks[t].user->mm;
	if (p.kind == run::PollKind::Poll) {
		for (size_t i = 0; i < p.entries.size(); i++)
			(void)mm.store(p.ufds + i * 8 + 6, static_cast<uint16_t>(p.entries[i].revents));
		return;
	}
	if (p.count < 0)
		return;
	size_t longs = (static_cast<size_t>(p.nbits) + 63) / 64;
	for (uint32_t s = 0; s < 3; s++) {
		if (!p.sets[s])
			continue;
		std::vector<uint64_t> bits(longs, 0);
		for (const run::PollEntry& e : p.entries)
			if (e.revents & (1u << s))
				bits[static_cast<size_t>(e.fd) / 64] |= 1ull << (e.fd % 64);
		if (!bits.empty() && !mm.write(p.sets[s], bits.data(), bits.size() * 8))
			p.count = -abi::kEFAULT;
	}
}

void Kernel::step_poll(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& p = f.as<run::Poll>();
	Task& task = m.tasks[t];
	uint64_t timer = task.stack_base + kPollTimerSlot;
	if (p.resume == P::Sleeping) {
		// poll_schedule_timeout(): running again; the hrtimer gone, the entries woken
		// off their queues go back on (Linux leaves them queued until poll_freewait()).
		m.time.hrtimer_cancel(timer);
		set_task_state(t, abi::TASK_RUNNING);
		if (p.end_ns != run::kPollForever && m.cpus[cpu].now >= p.end_ns)
			p.timed_out = true;
		p.resume = P::Pass;
		p.next = 0;
		p.count = 0;
	}
	if (p.resume == P::DriverPolled) {
		poll_record(p, p.entries[p.next], static_cast<uint32_t>(f.ret));
		p.next++;
		p.resume = P::Pass;
	}
	for (; p.next < p.entries.size(); p.next++) {
		run::PollEntry& e = p.entries[p.next];
		if (e.fd < 0) {
			e.revents = 0;
			continue;
		}
		auto it = task.user->files.fds.find(e.fd);
		if (it == task.user->files.fds.end() || !it->second.opened) {
			// do_pollfd(): POLLNVAL whatever was asked for (select checked its
			// descriptors up front; one closed since reports nothing).
			e.revents = p.kind == run::PollKind::Poll ? EPOLLNVAL : 0;
			if (p.kind == run::PollKind::Poll) {
				p.count++;
				p.qproc = false;
			}
			continue;
		}
		const OpenFile& of = it->second;
		uint64_t fn = 0;
		if (of.kind == FileKind::Driver)
			(void)m.kmem.load(of.fops + FO::poll, fn);
		if (of.kind == FileKind::Driver && !fn) {
			poll_record(p, e, DEFAULT_POLLMASK);
			continue;
		}
		if (!fn) {
			poll_record(p, e, native_poll_mask(t, of, p));
			continue;
		}
		// vfs_poll(): the driver's ->poll(file, pt), with pt->_key the events asked for.
		uint64_t pt = task.stack_base + addr::kThreadSize - kPollTableSlot;
		uint32_t key = p.kind == run::PollKind::Poll ? e.events | EPOLLERR | EPOLLHUP : e.events;
		(void)m.kmem.store(pt + abi::layout::poll_table::qproc, p.qproc ? kPollwaitFn : 0);
		(void)m.kmem.store(pt + abi::layout::poll_table::key, key);
		p.resume = P::DriverPolled;
		std::array<uint64_t, 2> args = {of.file, pt};
		push_vm_call(t, fn, args, StackKind::Task);   // p is gone now
		return;
	}
	// All waiters are registered: no _qproc on the next pass.
	p.qproc = false;
	if (!p.count && signal_pending(t))
		p.count = -abi::kERESTARTNOHAND;
	if (p.count || p.timed_out) {
		// poll_freewait(), then the results to user space.
		for (uint64_t q : p.queues)
			remove_waiter(m.waiters, q, t);
		poll_copy_out(t, p);
		pop_frame(t, p.count);
		return;
	}
	p.next = 0;
	p.count = 0;
	if (p.triggered) {
		// A wake-up came while the task was awake: look again without sleeping.
		p.triggered = false;
		return;
	}
	for (uint64_t q : p.queues)
		add_waiter(m.waiters, q, t, WaitMode::Shared);
	set_task_state(t, abi::TASK_INTERRUPTIBLE);
	if (p.end_ns != run::kPollForever)
		m.time.hrtimer_start(timer, HrtimerKind::Sleeper, 0, p.end_ns, 0, cpu, t);
	p.resume = P::Sleeping;
	push_schedule(t);
}

void trace_poll(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	const auto& p = f.as<run::Poll>();
	if (p.resume == P::Sleeping)
		add("schedule_hrtimeout_range_clock+0xa0/0x120");
	if (p.kind == run::PollKind::Select) {
		add(p.resume == P::Sleeping ? "do_select+0x68b/0x790" : "do_select+0x4ed/0x790");
		add("core_sys_select+0x1b9/0x3a0");
		add("kern_select+0xd9/0x130");
		add("__x64_sys_select+0x21/0x30");
		return;
	}
	add(p.resume == P::Sleeping ? "do_sys_poll+0x3d5/0x550" : "do_sys_poll+0x28e/0x550");
	add("__x64_sys_poll+0xa2/0x140");
	(void)m;
	(void)task;
}

int64_t Kernel::start_poll(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// sys_poll() -> do_sys_poll(): the pollfd array copied in, the timeout as an absolute
	// expiry. Returns an error, or 0 with the Poll frame pushed.
	auto& r = f.as<run::Syscall>();
	vm::Memory& mm = m.tasks[t].user->mm;
	uint64_t nfds = r.args[1];
	auto timeout_ms = static_cast<int32_t>(r.args[2]);
	if (nfds > static_cast<uint64_t>(fs::kNrOpen))   // RLIMIT_NOFILE
		return -abi::kEINVAL;
	run::Poll p;
	p.kind = run::PollKind::Poll;
	p.ufds = r.args[0];
	for (uint64_t i = 0; i < nfds; i++) {
		int32_t fd = 0;
		uint16_t events = 0;
		if (!mm.load(p.ufds + i * 8, fd) || !mm.load(p.ufds + i * 8 + 4, events))
			return -abi::kEFAULT;
		p.entries.push_back(run::PollEntry{.fd = fd, .events = events});
	}
	p.end_ns = timeout_ms < 0 ? run::kPollForever
				  : m.cpus[cpu].now + static_cast<uint64_t>(timeout_ms) * kNsPerMs;
	if (timeout_ms == 0) {   // "Optimise the no-wait case"
		p.qproc = false;
		p.timed_out = true;
	}
	r.resume = R::Called;
	push_native(t, std::move(p), StackKind::Task);
	return 0;
}

int64_t Kernel::start_select(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// sys_select() -> core_sys_select() -> do_select()'s max_select_fd(): the sets
	// copied in, every descriptor named in them open (else -EBADF before any ->poll).
	auto& r = f.as<run::Syscall>();
	UserState& u = *m.tasks[t].user;
	auto n = static_cast<int32_t>(r.args[0]);
	uint64_t tvp = r.args[4];
	run::Poll p;
	p.kind = run::PollKind::Select;
	p.end_ns = run::kPollForever;
	if (tvp) {
		int64_t sec = 0, usec = 0;
		namespace L = abi::layout::timespec;   // struct timeval has timespec's layout on x86-64
		if (!u.mm.load(tvp + L::tv_sec, sec) || !u.mm.load(tvp + L::tv_nsec, usec))
			return -abi::kEFAULT;
		sec += usec / 1'000'000;
		usec %= 1'000'000;
		if (sec < 0 || usec < 0)   // poll_select_set_timeout(): timespec64_valid()
			return -abi::kEINVAL;
		uint64_t ns = static_cast<uint64_t>(sec) * kNsPerSec + static_cast<uint64_t>(usec) * kNsPerUs;
		p.end_ns = m.cpus[cpu].now + ns;
		// The expiry, for the time left poll_select_finish() writes back.
		r.sleep_expires = ns ? p.end_ns : 0;
		if (ns == 0) {
			p.qproc = false;
			p.timed_out = true;
		}
	}
	if (n < 0)
		return -abi::kEINVAL;
	int32_t max_fds = kMaxFdsDefault;
	if (!u.files.fds.empty() && u.files.fds.rbegin()->first >= kMaxFdsDefault)
		max_fds = fs::kNrOpen;
	n = std::min(n, max_fds);
	p.nbits = n;
	size_t longs = (static_cast<size_t>(n) + 63) / 64;
	std::array<std::vector<uint64_t>, 3> in;
	for (uint32_t s = 0; s < 3; s++) {
		p.sets[s] = r.args[1 + s];
		in[s].assign(longs, 0);
		if (p.sets[s] && longs && !u.mm.read(p.sets[s], in[s].data(), longs * 8))
			return -abi::kEFAULT;
	}
	for (int32_t fd = 0; fd < n; fd++) {
		uint8_t sets = 0;
		for (uint32_t s = 0; s < 3; s++)
			if (in[s][static_cast<size_t>(fd) / 64] >> (fd % 64) & 1)
				sets |= static_cast<uint8_t>(1u << s);
		if (!sets)
			continue;
		auto it = u.files.fds.find(fd);
		if (it == u.files.fds.end() || !it->second.opened)
			return -abi::kEBADF;
		// wait_key_set(): the events the poll_table's key asks the driver for.
		uint32_t key = POLLEX_SET;
		if (sets & 1)
			key |= POLLIN_SET;
		if (sets & 2)
			key |= POLLOUT_SET;
		p.entries.push_back(run::PollEntry{.fd = fd, .events = key, .sets = sets});
	}
	r.resume = R::Called;
	push_native(t, std::move(p), StackKind::Task);
	return 0;
}

bool Kernel::poll_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// poll(2) and select(2): the Poll frame does the work; its value comes back here.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (!m.tasks[t].user)
		return finish(-abi::kEFAULT);
	if (r.resume != R::Called) {
		int64_t err = r.syscall == BuiltinId::poll ? start_poll(cpu, t, f) : start_select(cpu, t, f);
		return err < 0 ? finish(err) : false;
	}
	int64_t ret = f.ret;
	if (r.syscall == BuiltinId::select && r.sleep_expires) {
		// poll_select_finish(): the time left goes back to the timeval (Linux's own
		// behaviour; not for a zero timeout); a timeval that cannot be written turns a
		// restart into -EINTR.
		vm::Memory& mm = m.tasks[t].user->mm;
		namespace L = abi::layout::timespec;
		uint64_t now = m.cpus[cpu].now;
		uint64_t left = r.sleep_expires > now ? r.sleep_expires - now : 0;
		bool ok = mm.store(r.args[4] + L::tv_sec, static_cast<int64_t>(left / kNsPerSec)) &&
			  mm.store(r.args[4] + L::tv_nsec, static_cast<int64_t>(left % kNsPerSec / kNsPerUs));
		if (!ok && ret == -abi::kERESTARTNOHAND)
			ret = -abi::kEINTR;
	}
	// sys_poll() with a timeout hands a restart to restart_syscall(2)'s do_restart_poll();
	// kctx restarts it as a whole instead (ERESTARTNOHAND: EINTR when a handler ran).
	return finish(ret);
}

}   // namespace kctx::kernel
