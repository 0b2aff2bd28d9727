#include "abi/Prelude.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "abi/Errno.h"
#include "base/Check.h"

namespace kctx::abi {

namespace {

const std::vector<std::string_view> kKernelHeaders = {
	"asm/current.h", "asm/io.h", "asm/uaccess.h", "linux/atomic.h", "linux/bsearch.h", "linux/bug.h", "linux/cdev.h",
	"linux/completion.h", "linux/cpumask.h", "linux/delay.h", "linux/device.h", "linux/errno.h",
	"linux/fs.h", "linux/gfp.h", "linux/hardirq.h", "linux/highmem.h", "linux/hrtimer.h", "linux/init.h",
	"linux/interrupt.h", "linux/io.h", "linux/irqflags.h", "linux/jiffies.h", "linux/kernel.h",
	"linux/kthread.h", "linux/ktime.h", "linux/list.h", "linux/miscdevice.h", "linux/mm.h",
	"linux/module.h", "linux/moduleparam.h", "linux/mutex.h", "linux/percpu.h", "linux/poll.h",
	"linux/preempt.h", "linux/printk.h", "linux/rcupdate.h", "linux/rwlock.h", "linux/sched.h",
	"linux/sched/signal.h", "linux/sched/task.h", "linux/semaphore.h", "linux/signal.h",
	"linux/slab.h", "linux/smp.h", "linux/sort.h", "linux/spinlock.h", "linux/stdarg.h", "linux/string.h", "linux/time.h",
	"linux/timer.h", "linux/types.h", "linux/uaccess.h", "linux/vmalloc.h", "linux/wait.h",
	"linux/workqueue.h",
	"linux/kfifo.h",
	"linux/bitops.h",
	"linux/bitmap.h",
	"linux/bits.h",
	"linux/kref.h",
	"linux/refcount.h",
	"linux/kstrtox.h",
	"linux/minmax.h",
	"linux/math.h",
	"linux/log2.h",
	"linux/hash.h",
	"linux/hashtable.h",
	"linux/build_bug.h",
	"linux/poison.h",
	"linux/limits.h",
	"asm/atomic.h",
	"asm/bitops.h",
};

const std::vector<std::string_view> kUserHeaders = {
	"assert.h", "ctype.h", "errno.h", "fcntl.h", "inttypes.h", "limits.h", "math.h",
	"pthread.h", "sched.h", "signal.h", "stdarg.h", "stdbool.h", "stddef.h", "stdint.h",
	"stdio.h", "stdlib.h", "string.h", "strings.h", "sys/ioctl.h", "sys/mman.h", "sys/resource.h", "sys/stat.h", "sys/sysmacros.h",
	"sys/time.h", "sys/types.h", "sys/wait.h", "time.h", "unistd.h",
};

std::string_view file_text(std::string_view name)
{
	for (const PreludeFile& f : prelude_files())
		if (f.name == name)
			return f.text;
	KCTX_UNREACHABLE();
}

// The comment in prelude/kernel.h and prelude/user.h after which the errno defines go:
// both worlds take them from Errno.h's one list, so they cannot drift apart.
constexpr std::string_view kErrnoMarker = "by abi/Prelude.cpp, here. */\n";

// `#define EPERM 1` … for every errno value; the kernel's prelude also has the restart
// codes (include/linux/errno.h), which user space never sees.
std::string errno_defines(World world)
{
	std::string text;
#define KCTX_X(name, value, str) text += "#define " #name " " #value "\n";
	KCTX_ERRNO_LIST(KCTX_X)
#undef KCTX_X
	if (world != World::Kernel)
		return text;
#define KCTX_X(name, value) text += "#define " #name " " #value "\n";
	KCTX_ERRNO_RESTART_LIST(KCTX_X)
#undef KCTX_X
	return text;
}

// Every prelude file whose name starts with `prefix` and continues with '-' ("kernel-procfs.h"
// after "kernel.h"), in name order: each area of the API keeps its declarations in a file
// of its own.
std::string area_files(std::string_view prefix)
{
	std::string text;
	for (const PreludeFile& f : prelude_files()) {
		if (f.name.size() > prefix.size() && f.name.starts_with(prefix) && f.name[prefix.size()] == '-') {
			text += fmt::format("\n/* {} */\n", f.name);
			text += f.text;
		}
	}
	return text;
}

std::string build(World world)
{
	std::string_view base = world == World::Kernel ? "kernel" : "user";
	std::string_view lib = world == World::Kernel ? "kernel_lib" : "user_lib";
	std::string text(file_text(fmt::format("{}.h", base)));
	size_t marker = text.find(kErrnoMarker);
	KCTX_CHECK(marker != std::string::npos);
	text.insert(marker + kErrnoMarker.size(), errno_defines(world));
	text += area_files(base);
	text += "\n/* builtins (abi/Builtins.def) */\n";
	for (const BuiltinInfo& b : builtins()) {
		if (!visible_in(b.world, world))
			continue;
		text += b.prototype;
		text += ";\n";
	}
	// Library functions written in kernel C (they call the caller's function pointers),
	// after the prototypes they use; a program keeps only those it references.
	text += file_text(fmt::format("{}.h", lib));
	text += area_files(lib);
	return text;
}

}  // namespace

std::string_view prelude_name(World world)
{
	return world == World::Kernel ? "<kctx kernel prelude>" : "<kctx user prelude>";
}

const std::string& prelude_text(World world)
{
	KCTX_CHECK(world != World::Both);
	static const std::string kernel = build(World::Kernel);
	static const std::string user = build(World::User);
	return world == World::Kernel ? kernel : user;
}

const std::vector<std::string_view>& known_headers(World world)
{
	return world == World::Kernel ? kKernelHeaders : kUserHeaders;
}

bool known_header(World world, std::string_view name)
{
	const auto& list = known_headers(world);
	return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace kctx::abi
