// lib/strncpy_from_user.c: a NUL-terminated string copied in from user memory, at most
// `count` bytes. It returns the string's length, `count` when no NUL came within it (the
// copy is then not terminated), or -EFAULT when it runs into memory the process has not
// mapped. A page not yet resident is faulted in, as copy_from_user() does.
#include "abi/Errno.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

bool Kernel::user_string_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	if (call.id != abi::BuiltinId::strncpy_from_user)
		return false;
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Task& task = m.tasks[t];
	if (!task.pagefault_disabled)
		might_sleep(cpu, t, "lib/strncpy_from_user.c", 120, std::vector<std::string>{"__might_fault+0x36/0x80"});
	uint64_t dst = arg(0), src = arg(1);
	auto count = static_cast<int64_t>(arg(2));
	if (count <= 0) {
		finish_builtin(t, 0);
		return true;
	}
	vm::Memory* mm = task.user ? &task.user->mm : nullptr;
	int64_t n = 0;
	for (; n < count; n++) {
		uint8_t c = 0;
		uint64_t a = src + static_cast<uint64_t>(n);
		if (!mm || a >= vm::kKernelSpaceStart || !mm->read_fault_in(a, &c, 1) || !m.kmem.store(dst + static_cast<uint64_t>(n), c)) {
			finish_builtin(t, static_cast<uint64_t>(-abi::kEFAULT));
			return true;
		}
		if (c == 0)
			break;
	}
	finish_builtin(t, static_cast<uint64_t>(n));
	return true;
}

}   // namespace kctx::kernel
