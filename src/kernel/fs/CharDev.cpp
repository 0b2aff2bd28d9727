// Misc devices (drivers/char/misc.c misc_register; char device regions are in Cdev.cpp)
// and the other device builtins a module calls (pfn_valid, copy_from_kernel_nofault…).
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/DevNodes.h"
#include "kernel/fs/Kstat.h"
#include "kernel/time/Jiffies.h"
#include "kernel/mm/DevMem.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
namespace MD = abi::layout::miscdevice;
constexpr uint32_t kMiscNodename = 56;   // struct miscdevice's nodename (prelude/kernel.h)
constexpr uint32_t kMiscDynamicMinor = 255;
constexpr uint32_t kDynamicMinors = 128;   // drivers/char/misc.c DYNAMIC_MINORS
}   // namespace

bool Kernel::vfs_kernel_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto ret = [&](int64_t v) {
		finish_builtin(t, static_cast<uint64_t>(v));
		return true;
	};
	switch (call.id) {
	case BuiltinId::misc_register: return ret(misc_register(cpu, arg(0)));
	case BuiltinId::misc_deregister: misc_deregister(cpu, arg(0)); return ret(0);
	case BuiltinId::pfn_valid: return ret(physmem::pfn_valid(arg(0)) ? 1 : 0);
	case BuiltinId::page_is_ram: return ret(physmem::page_is_ram(arg(0)) ? 1 : 0);
	case BuiltinId::capable: return ret(1);   // everything runs as root
	case BuiltinId::copy_from_kernel_nofault: {
		// mm/maccess.c: a kernel read that returns -EFAULT instead of oopsing. The
		// direct map covers all RAM: RAM kctx has not touched reads as zeros.
		uint64_t dst = arg(0), src = arg(1), size = arg(2);
		std::vector<uint8_t> bytes(size);
		for (uint64_t off = 0; off < size;) {
			uint64_t a = src + off;
			uint64_t chunk = std::min(size - off, vm::kPageSize - (a & (vm::kPageSize - 1)));
			if (!m.kmem.read(a, bytes.data() + off, chunk)) {
				bool direct_ram =
					a >= physmem::kPageOffset &&
					physmem::page_is_ram((a - physmem::kPageOffset) / vm::kPageSize);
				if (!direct_ram)
					return ret(-abi::kEFAULT);
				std::fill_n(bytes.begin() + static_cast<long>(off), chunk, 0);
			}
			off += chunk;
		}
		vm::AddressSpace mem{m.tasks[t].user ? &m.tasks[t].user->mm : nullptr, &m.kmem};
		vm::Memory* d = mem.for_address(dst);
		if (!d || (size && !d->write(dst, bytes.data(), size)))
			return ret(-abi::kEFAULT);
		return ret(0);
	}
	default: return false;
	}
}

int64_t Kernel::misc_register(uint32_t cpu, uint64_t misc)
{
	// drivers/char/misc.c misc_register(): a dynamic minor from the top of the
	// DYNAMIC_MINORS range down, then device_create() makes /dev/NAME (devtmpfs).
	int32_t minor = 0;
	uint64_t name_ptr = 0, fops = 0, nodename_ptr = 0;
	bool ok = m.kmem.load(misc + MD::minor, minor) && m.kmem.load(misc + MD::name, name_ptr) &&
		  m.kmem.load(misc + MD::fops, fops) && m.kmem.load(misc + kMiscNodename, nodename_ptr);
	if (!ok)
		return -abi::kEFAULT;
	std::string name = read_kstring(name_ptr);
	std::string nodename = nodename_ptr ? read_kstring(nodename_ptr) : name;
	bool dynamic = static_cast<uint32_t>(minor) == kMiscDynamicMinor;
	if (dynamic) {
		uint32_t i = 0;
		while (i < kDynamicMinors && (m.vfs.misc_minors[i / 64] >> (i % 64) & 1))
			i++;
		if (i >= kDynamicMinors)
			return -abi::kEBUSY;
		minor = static_cast<int32_t>(kDynamicMinors - i - 1);
	} else {
		for (const CharDriver& d : m.vfs.drivers)
			if (d.misc && d.minor == static_cast<uint32_t>(minor))
				return -abi::kEBUSY;
	}
	std::string path = "/dev/" + nodename;
	bool exists = false;
	for (const CharDriver& d : m.vfs.drivers)
		exists |= d.misc && d.name == name;
	if (exists) {
		// device_create() -> sysfs_warn_dup(): the name is taken in /sys/devices/virtual/misc.
		printk(cpu,
		       fmt::format(
			       "\0014sysfs: cannot create duplicate filename '/devices/virtual/misc/{}'\n",
			       name));
		std::vector<std::string> callee = {
			"sysfs_warn_dup.cold+0x17/0x24",   "sysfs_create_dir_ns+0xd0/0xe0",
			"kobject_add_internal+0xbb/0x2b0", "kobject_add+0x7e/0xb0",
			"device_add+0x12d/0x8c0",          "device_create_groups_vargs+0xd5/0xf0",
			"device_create+0x49/0x60",         "misc_register+0x109/0x1a0"};
		dump_stack(cpu, callee);
		printk(cpu, fmt::format("\0013kobject_add_internal failed for {} with -EEXIST, don't try to "
					"register things "
					"with the same name in the same directory.\n",
					name));
		return -abi::kEEXIST;
	}
	if (dynamic) {
		uint32_t i = kDynamicMinors - static_cast<uint32_t>(minor) - 1;
		m.vfs.misc_minors[i / 64] |= 1ull << (i % 64);
		(void)m.kmem.store(misc + MD::minor, minor);
	}
	m.vfs.drivers.push_back(CharDriver{kMiscMajor, static_cast<uint32_t>(minor), 1, name, fops, misc});
	DevNode node;
	node.major = kMiscMajor;
	node.minor = static_cast<uint32_t>(minor);
	m.vfs.nodes[path] = node;
	// misc_register() gives no mode (kctx's struct miscdevice ends before ->mode): devtmpfs's 0600.
	m.vfs.attrs[path] = NodeAttr{kS_IFCHR | kDevtmpfsDefaultPerm, realtime_ns(m.cpus[cpu].now)};
	return 0;
}

void Kernel::misc_deregister(uint32_t cpu, uint64_t misc)
{
	// misc_deregister(): WARN_ON(list_empty(&misc->list)) for one never registered.
	auto it = std::find_if(m.vfs.drivers.begin(), m.vfs.drivers.end(),
			       [&](const CharDriver& d) { return d.misc == misc; });
	if (it == m.vfs.drivers.end()) {
		warn(cpu, "drivers/char/misc.c", 245, "misc_deregister+0x1e/0xa0", "", {});
		return;
	}
	for (auto n = m.vfs.nodes.begin(); n != m.vfs.nodes.end();) {
		if (n->second.major == kMiscMajor && n->second.minor == it->minor) {
			m.vfs.attrs.erase(n->first);
			n = m.vfs.nodes.erase(n);
		} else
			++n;
	}
	uint32_t i = kDynamicMinors - it->minor - 1;
	if (it->minor < kDynamicMinors)
		m.vfs.misc_minors[i / 64] &= ~(1ull << (i % 64));
	m.vfs.drivers.erase(it);
}

}   // namespace kctx::kernel
