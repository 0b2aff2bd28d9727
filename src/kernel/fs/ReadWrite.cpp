// Reading, writing and seeking (fs/read_write.c ksys_read, vfs_read, ksys_write,
// vfs_write, ksys_lseek): the files kctx runs natively, and a driver's file operations
// called with the kernel stack's `loff_t pos` (vfs_pos_slot).
#include <algorithm>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/printk/Sysctl.h"
#include "kernel/core/Layout.h"
#include "kernel/fs/FileFlags.h"
#include "kernel/fs/Kcore.h"

namespace kctx::kernel {

namespace {
using namespace fs;
using R = run::Syscall::Resume;
namespace FL = abi::layout::file;
namespace FO = abi::layout::file_operations;

// ksys_read()/ksys_write() after a driver's ->read/->write: the `loff_t pos` it moved
// (on the task's kernel stack) becomes the file's f_pos.
void update_f_pos(vm::Memory& kmem, uint64_t pos_slot, uint64_t file)
{
	int64_t pos = 0;
	(void)kmem.load(pos_slot, pos);
	(void)kmem.store(file + FL::f_pos, pos);
}

}   // namespace

bool Kernel::ksys_read(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of)
{
	// read(2) of an open file: ksys_read() -> vfs_read(), or back from its sleep or driver call.
	Task& task = m.tasks[t];
	UserState& u = *task.user;
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::PipeWait)
		return pipe_read(cpu, t, f, of);
	if (r.resume == R::DriverCalled && of.kind == FileKind::Sysfs)
		return sysfs_read(cpu, t, f, of);   // back from show()
	if (r.resume == R::DriverCalled) {
		if (f.ret >= 0)
			update_f_pos(m.kmem, vfs_pos_slot(t), of.file);
		return finish(f.ret);
	}
	// vfs_read()
	if (!(of.mode & FMODE_READ))
		return finish(-abi::kEBADF);
	if (!(of.mode & FMODE_CAN_READ))
		return finish(-abi::kEINVAL);
	uint64_t buf = r.args[1];
	auto count = static_cast<int64_t>(std::min<uint64_t>(r.args[2], kMaxRwCount));
	if (buf > kTaskSizeMax || static_cast<uint64_t>(count) > kTaskSizeMax - buf)
		return finish(-abi::kEFAULT);
	switch (of.kind) {
	case FileKind::Tty:
	case FileKind::Kmsg: {
		bool kmsg = of.kind == FileKind::Kmsg;
		if (kmsg) {
			// devkmsg_read(): wait_event_interruptible(log_wait, a record to read);
			// printk wakes log_wait (Printk.cpp).
			finish_wait(addr::kLogWait, t);
			int64_t r = devkmsg_read(t, of, buf, count);
			if (r != -abi::kEAGAIN || (of.flags & O_NONBLOCK))
				return finish(r);
		}
		if (of.flags & O_NONBLOCK)
			return finish(-abi::kEAGAIN);
		// n_tty_read() with no input (nothing types on kctx's console), devkmsg_read()
		// with no new record: an interruptible sleep that a signal ends with
		// -ERESTARTSYS.
		if (signal_pending(t))
			return finish(-abi::kERESTARTSYS);
		if (kmsg)
			prepare_to_wait(t, addr::kLogWait, WaitMode::Shared, abi::TASK_INTERRUPTIBLE);
		else
			set_task_state(t, abi::TASK_INTERRUPTIBLE);
		r.resume = kmsg ? R::KmsgWait : R::TtyWait;
		push_schedule(t);
		return false;
	}
	case FileKind::Null: return finish(0);
	case FileKind::Dir: return finish(-abi::kEISDIR);   // generic_read_dir()
	case FileKind::Sysfs: return sysfs_read(cpu, t, f, of);
	case FileKind::Pipe:
		r.count = static_cast<uint64_t>(count);
		return pipe_read(cpu, t, f, of);
	case FileKind::Zero:
	case FileKind::Full: return finish(clear_user_range(t, buf, static_cast<uint64_t>(count)));
	case FileKind::Mem: return finish(devmem_read(t, of, buf, static_cast<uint64_t>(count)));
	case FileKind::Proc: {
		// /proc/sysrq-trigger has no proc_read: proc_reg_read() gives -EIO.
		if (of.path == "/proc/sysrq-trigger")
			return finish(-abi::kEIO);
		// read_kcore(): no seq_file, the bytes at the file offset (kctx reads at most
		// 16 MiB a call, a short read, rather than build a bigger buffer).
		if (of.path == "/proc/kcore") {
			std::string bytes = kcore_read(m.kmem, static_cast<uint64_t>(of.pos),
						       std::min<uint64_t>(static_cast<uint64_t>(count), 16ull << 20));
			if (!bytes.empty() && !u.mm.write(buf, bytes.data(), bytes.size()))
				return finish(-abi::kEFAULT);
			of.pos += static_cast<int64_t>(bytes.size());
			return finish(static_cast<int64_t>(bytes.size()));
		}
		// seq_read(): the text is made by a read at offset 0 and served from there.
		if (of.pos == 0)
			of.text = proc_file_text(t, of.path);
		uint64_t start = std::min<uint64_t>(static_cast<uint64_t>(of.pos), of.text.size());
		uint64_t n = std::min<uint64_t>(static_cast<uint64_t>(count), of.text.size() - start);
		if (n && !u.mm.write(buf, of.text.data() + start, n))
			return finish(-abi::kEFAULT);
		of.pos += static_cast<int64_t>(n);
		return finish(static_cast<int64_t>(n));
	}
	case FileKind::Driver: {
		if (int64_t err = pseudo_call_check(of, FO::read, -abi::kEIO))
			return finish(err);
		uint64_t fn = 0;
		int64_t pos = 0;
		(void)m.kmem.load(of.fops + FO::read, fn);
		(void)m.kmem.load(of.file + FL::f_pos, pos);
		(void)m.kmem.store(vfs_pos_slot(t), pos);
		std::array<uint64_t, 4> args = {of.file, buf, static_cast<uint64_t>(count),
						vfs_pos_slot(t)};
		return vfs_call_driver(t, f, fn, args, R::DriverCalled);
	}
	}
	return finish(-abi::kENOSYS);
}

bool Kernel::ksys_write(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of)
{
	// write(2): ksys_write() -> vfs_write(), or back from its sleep or driver call.
	UserState& u = *m.tasks[t].user;
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::PipeWait)
		return pipe_write(cpu, t, f, of);
	if (r.resume == R::DriverCalled && of.kind == FileKind::Sysfs)
		return sysfs_write(cpu, t, f, of);   // back from store()
	if (r.resume == R::DriverCalled) {
		if (f.ret >= 0)
			update_f_pos(m.kmem, vfs_pos_slot(t), of.file);
		return finish(f.ret);
	}
	// vfs_write()
	if (!(of.mode & FMODE_WRITE))
		return finish(-abi::kEBADF);
	if (!(of.mode & FMODE_CAN_WRITE))
		return finish(-abi::kEINVAL);
	bool libc = r.libc_write;   // stdio's buffer: the data is in r.data
	uint64_t buf = r.args[1];
	auto count = static_cast<int64_t>(std::min<uint64_t>(r.args[2], kMaxRwCount));
	if (!libc && (buf > kTaskSizeMax || static_cast<uint64_t>(count) > kTaskSizeMax - buf))
		return finish(-abi::kEFAULT);
	auto data = [&]() -> std::optional<std::string> {
		if (libc)
			return r.data;
		// Copied a chunk at a time, so that a count far past what the program has mapped
		// (up to MAX_RW_COUNT, 2 GiB) faults at its first unmapped chunk instead of first
		// taking count bytes of host memory (found by kctx_fuzz_scenario).
		constexpr uint64_t kChunk = 64 * 1024;
		std::string d;
		for (uint64_t done = 0; done < static_cast<uint64_t>(count);) {
			uint64_t n = std::min<uint64_t>(kChunk, static_cast<uint64_t>(count) - done);
			d.resize(done + n);
			if (!u.mm.read(buf + done, d.data() + done, n))
				return std::nullopt;
			done += n;
		}
		return d;
	};
	switch (of.kind) {
	case FileKind::Dir: return finish(-abi::kEISDIR);   // never open for writing (may_open())
	case FileKind::Tty: {
		auto d = data();
		if (!d)
			return finish(-abi::kEFAULT);
		m.printk.console_write(*d);
		return finish(static_cast<int64_t>(d->size()));
	}
	case FileKind::Null:
	case FileKind::Zero: return finish(count);
	case FileKind::Full: return finish(-abi::kENOSPC);
	case FileKind::Pipe:
		if (!libc)
			r.count = static_cast<uint64_t>(count);
		r.pipe_progress = 0;
		return pipe_write(cpu, t, f, of);
	case FileKind::Kmsg: {
		auto d = data();
		if (!d)
			return finish(-abi::kEFAULT);
		return finish(devkmsg_write(cpu, *d));
	}
	case FileKind::Mem: return finish(devmem_write(of, static_cast<uint64_t>(count)));
	case FileKind::Proc: {
		uint32_t irq = 0;
		bool irq_file = irq_debug_file(of.path, &irq);
		bool printk_file = of.path == "/proc/sys/kernel/printk";
		if (of.path != "/proc/sysrq-trigger" && !irq_file && !printk_file)
			return finish(-abi::kEINVAL);
		auto d = data();
		if (!d)
			return finish(-abi::kEFAULT);
		if (printk_file)
			return finish(printk_sysctl_write(m.printk, *d));
		if (irq_file)
			return finish(irq_debug_write(cpu, irq, *d));
		return finish(write_sysrq_trigger(cpu, *d));
	}
	case FileKind::Sysfs: return sysfs_write(cpu, t, f, of);
	case FileKind::Driver: {
		if (libc) {
			// stdio's buffer reaches the driver through user memory, as it would.
			buf = addr::kUserLibc + 0x400;
			if (r.data.size() > vm::kPageSize - 0x400 ||
			    !u.mm.write(buf, r.data.data(), r.data.size()))
				return finish(-abi::kEFAULT);
			count = static_cast<int64_t>(r.data.size());
		}
		if (int64_t err = pseudo_call_check(of, FO::write, -abi::kEIO))
			return finish(err);
		uint64_t fn = 0;
		int64_t pos = 0;
		(void)m.kmem.load(of.fops + FO::write, fn);
		(void)m.kmem.load(of.file + FL::f_pos, pos);
		(void)m.kmem.store(vfs_pos_slot(t), pos);
		std::array<uint64_t, 4> args = {of.file, buf, static_cast<uint64_t>(count),
						vfs_pos_slot(t)};
		return vfs_call_driver(t, f, fn, args, R::DriverCalled);
	}
	}
	return finish(-abi::kENOSYS);
}

bool Kernel::ksys_lseek(TaskId t, NativeFrame& f, OpenFile& of)
{
	// lseek(2): ksys_lseek() -> vfs_llseek(), the file's own llseek.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::DriverCalled)
		return finish(f.ret);
	auto offset = static_cast<int64_t>(r.args[1]);
	auto whence = static_cast<uint32_t>(r.args[2]);
	if (whence > 4)   // SEEK_MAX (SEEK_HOLE)
		return finish(-abi::kEINVAL);
	switch (of.kind) {
	case FileKind::Tty:
	case FileKind::Pipe: return finish(-abi::kESPIPE);   // no_llseek
	case FileKind::Null:
	case FileKind::Zero:
	case FileKind::Full: of.pos = 0; return finish(0);   // null_lseek
	case FileKind::Dir: {
		// dcache_dir_lseek(): SEEK_SET or SEEK_CUR to an entry's position.
		if (whence == 1)
			offset += of.pos;
		else if (whence != 0)
			return finish(-abi::kEINVAL);
		if (offset < 0)
			return finish(-abi::kEINVAL);
		of.pos = offset;
		return finish(offset);
	}
	case FileKind::Mem: {
		// memory_lseek()
		if (whence == 1)
			offset += of.pos;
		else if (whence != 0)
			return finish(-abi::kEINVAL);
		if (static_cast<uint64_t>(offset) >= static_cast<uint64_t>(-4095))
			return finish(-abi::kEOVERFLOW);
		of.pos = offset;
		return finish(offset);
	}
	case FileKind::Kmsg: {
		// devkmsg_llseek()
		if (offset)
			return finish(-abi::kESPIPE);
		if (whence == 0 || whence == 3)   // SEEK_SET, SEEK_DATA
			of.pos = 0;
		else if (whence == 2)   // SEEK_END
			of.pos = static_cast<int64_t>(m.printk.next_seq());
		else
			return finish(-abi::kEINVAL);
		return finish(0);
	}
	case FileKind::Sysfs:
	case FileKind::Proc: {
		// seq_lseek()
		if (whence == 1)
			offset += of.pos;
		else if (whence != 0)
			return finish(-abi::kEINVAL);
		if (offset < 0)
			return finish(-abi::kEINVAL);
		if (offset == 0)
			of.text.clear();
		of.pos = offset;
		return finish(offset);
	}
	case FileKind::Driver: {
		// vfs_llseek(): a file whose f_op has no llseek cannot seek (FMODE_LSEEK).
		if (!(of.mode & FMODE_LSEEK))
			return finish(-abi::kESPIPE);
		if (int64_t err = pseudo_call_check(of, FO::llseek, -abi::kEIO))
			return finish(err);
		uint64_t fn = 0;
		(void)m.kmem.load(of.fops + FO::llseek, fn);
		std::array<uint64_t, 3> args = {of.file, static_cast<uint64_t>(offset), whence};
		return vfs_call_driver(t, f, fn, args, R::DriverCalled);
	}
	}
	return finish(-abi::kENOSYS);
}

}   // namespace kctx::kernel
