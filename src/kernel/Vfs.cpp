// Files: the per-process file table, the tty, character devices and the VFS path a
// read() takes into a driver (fs/read_write.c, fs/char_dev.c, drivers/char/misc.c).
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
}  // namespace

bool Kernel::is_vfs_syscall(uint32_t op)
{
	switch (static_cast<BuiltinId>(op)) {
	case BuiltinId::write:
	case BuiltinId::read:
	case BuiltinId::open:
	case BuiltinId::close:
	case BuiltinId::ioctl:
	case BuiltinId::lseek: return true;
	default: return false;
	}
}

bool Kernel::vfs_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	Task& task = m.tasks[t];
	Cpu& c = m.cpus[cpu];
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	auto user_string = [&](uint64_t p) {
		std::string s;
		if (task.user)
			(void)task.user->mm.read_string(p, s, 4096);
		return s;
	};
	(void)c;
	switch (static_cast<BuiltinId>(f.op)) {
	case BuiltinId::write: {
		int64_t fd = static_cast<int64_t>(f.a[0]);
		std::string data = f.text;
		if (f.a[4] != 1) {
			data.resize(f.a[2]);
			if (!task.user || !task.user->mm.read(f.a[1], data.data(), data.size()))
				return finish(-abi::kEFAULT);
		}
		if (fd != 1 && fd != 2)
			return finish(-abi::kEBADF);
		console_write(data);
		return finish(static_cast<int64_t>(data.size()));
	}
	case BuiltinId::read:
	case BuiltinId::close:
	case BuiltinId::ioctl:
	case BuiltinId::lseek: return finish(-abi::kEBADF);
	case BuiltinId::open: {
		std::string path = user_string(f.a[0]);
		(void)path;
		return finish(-abi::kENOENT);
	}
	default: break;
	}
	return finish(-abi::kENOSYS);
}

bool Kernel::vfs_kernel_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args,
				uint64_t* result)
{
	(void)cpu;
	(void)t;
	(void)call;
	(void)args;
	(void)result;
	return false;
}

}  // namespace kctx::kernel
