// Character device numbers and struct cdev (fs/char_dev.c, drivers/base/map.c): the
// regions /proc/devices lists, the dynamic majors, cdev_map that chrdev_open() looks a
// device number up in, and the module references an open cdev holds.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
namespace CD = abi::layout::cdev;
namespace KO = abi::layout::kobject;

// include/linux/fs.h
constexpr uint32_t kChrdevMajorMax = 512;
constexpr uint32_t kChrdevMajorHashSize = 255;   // fs/char_dev.c CHRDEV_MAJOR_HASH_SIZE
constexpr uint32_t kChrdevMajorDynEnd = 234;
constexpr uint32_t kChrdevMajorDynExtStart = 511;
constexpr uint32_t kChrdevMajorDynExtEnd = 384;
constexpr uint32_t kMinorMask = (1u << kMinorBits) - 1;

// The regions the machine's built-in drivers hold from boot (its /proc/devices), each
// taken as 256 minors from 0.
constexpr std::pair<uint32_t, std::string_view> kBootChrdevs[] = {
	{1, "mem"},      {4, "/dev/vc/0"},    {4, "tty"},          {4, "ttyS"},
	{5, "/dev/tty"}, {5, "/dev/console"}, {5, "/dev/ptmx"},    {7, "vcs"},
	{10, "misc"},    {13, "input"},       {29, "fb"},          {128, "ptm"},
	{136, "pts"},    {180, "usb"},        {189, "usb_device"}, {226, "drm"},
};
}   // namespace

std::vector<std::pair<uint32_t, std::string>> Kernel::chrdev_list() const
{
	// chrdev_show() for each major: a hash bucket's regions in (major, baseminor) order.
	std::vector<std::tuple<uint32_t, uint32_t, std::string>> all;
	for (const auto& [major, name] : kBootChrdevs)
		all.emplace_back(major, 0, std::string(name));
	for (const ChrdevRegion& r : m.vfs.chrdevs)
		all.emplace_back(r.major, r.baseminor, r.name);
	std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
		return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b) : std::get<1>(a) < std::get<1>(b);
	});
	std::vector<std::pair<uint32_t, std::string>> out;
	for (auto& [major, minor, name] : all)
		out.emplace_back(major, std::move(name));
	return out;
}

int64_t Kernel::register_chrdev_region_one(uint32_t cpu, uint32_t major, uint32_t baseminor, uint32_t minorct,
					   const std::string& name)
{
	// __register_chrdev_region(): the major (found when 0), or a negative errno.
	if (major >= kChrdevMajorMax) {
		printk(cpu, fmt::format("\0013CHRDEV \"{}\" major requested ({}) is greater than the maximum ({})\n",
					name, major, kChrdevMajorMax - 1));
		return -abi::kEINVAL;
	}
	if (minorct > kMinorMask + 1 - baseminor) {
		printk(cpu, fmt::format("\0013CHRDEV \"{}\" minor range requested ({}-{}) is out of range of maximum "
					"range ({}-{}) for a single major\n",
					name, baseminor, baseminor + minorct - 1, 0, kMinorMask));
		return -abi::kEINVAL;
	}
	struct Range {
		uint32_t major, base, count;
	};
	std::vector<Range> held;
	for (const auto& [maj, n] : kBootChrdevs)
		held.push_back({maj, 0, 256});
	for (const ChrdevRegion& r : m.vfs.chrdevs)
		held.push_back({r.major, r.baseminor, r.minorct});
	if (major == 0) {
		// find_dynamic_major(): an empty hash bucket from 254 down to 234, then a free
		// major from 511 down to 384.
		auto bucket_empty = [&](uint32_t i) {
			return std::none_of(held.begin(), held.end(),
					    [&](const Range& r) { return r.major % kChrdevMajorHashSize == i; });
		};
		auto major_free = [&](uint32_t i) {
			return std::none_of(held.begin(), held.end(), [&](const Range& r) { return r.major == i; });
		};
		for (uint32_t i = kChrdevMajorHashSize - 1; i >= kChrdevMajorDynEnd && !major; i--)
			if (bucket_empty(i))
				major = i;
		for (uint32_t i = kChrdevMajorDynExtStart; i >= kChrdevMajorDynExtEnd && !major; i--)
			if (major_free(i))
				major = i;
		if (!major) {
			printk(cpu, fmt::format("\0013CHRDEV \"{}\" dynamic allocation region is full\n", name));
			return -abi::kEBUSY;
		}
	}
	for (const Range& r : held)
		if (r.major == major && r.base + r.count > baseminor && r.base < baseminor + minorct)
			return -abi::kEBUSY;
	m.vfs.chrdevs.push_back(ChrdevRegion{major, baseminor, minorct, name.substr(0, 63), 0});
	return major;
}

void Kernel::unregister_chrdev_region_one(uint32_t major, uint32_t baseminor, uint32_t minorct)
{
	// __unregister_chrdev_region(): only an exact match goes.
	auto it = std::find_if(m.vfs.chrdevs.begin(), m.vfs.chrdevs.end(), [&](const ChrdevRegion& r) {
		return r.major == major && r.baseminor == baseminor && r.minorct == minorct;
	});
	if (it == m.vfs.chrdevs.end())
		return;
	uint64_t cdev = it->cdev;
	m.vfs.chrdevs.erase(it);
	if (cdev)
		cdev_del(cdev);
}

int64_t Kernel::register_chrdev_region(uint32_t cpu, uint32_t from, uint32_t count, const std::string& name)
{
	// register_chrdev_region(): one region per major the range crosses; undone on failure.
	uint64_t to = uint64_t{from} + count;
	for (uint64_t n = from; n < to;) {
		uint64_t next = std::min<uint64_t>(mkdev(dev_major(static_cast<uint32_t>(n)) + 1, 0), to);
		int64_t r = register_chrdev_region_one(cpu, dev_major(static_cast<uint32_t>(n)),
						       static_cast<uint32_t>(n) & kMinorMask, static_cast<uint32_t>(next - n), name);
		if (r < 0) {
			unregister_chrdev_region(from, static_cast<uint32_t>(n - from));
			return r;
		}
		n = next;
	}
	return 0;
}

void Kernel::unregister_chrdev_region(uint32_t from, uint32_t count)
{
	uint64_t to = uint64_t{from} + count;
	for (uint64_t n = from; n < to;) {
		uint64_t next = std::min<uint64_t>(mkdev(dev_major(static_cast<uint32_t>(n)) + 1, 0), to);
		unregister_chrdev_region_one(dev_major(static_cast<uint32_t>(n)), static_cast<uint32_t>(n) & kMinorMask,
					     static_cast<uint32_t>(next - n));
		n = next;
	}
}

uint64_t Kernel::cdev_alloc()
{
	// cdev_alloc(): kzalloc()ed, its kobject initialized (one reference).
	uint64_t p = alloc_kernel(CD::size, "cdev");
	(void)m.kmem.fill(p, 0, CD::size);
	(void)m.kmem.store(p + CD::kobj + KO::kref, int32_t{1});
	return p;
}

int64_t Kernel::register_chrdev(uint32_t cpu, uint32_t major, uint32_t baseminor, uint32_t count,
				const std::string& name, uint64_t fops)
{
	// __register_chrdev(): a region, and a cdev over it owned by fops->owner.
	int64_t got = register_chrdev_region_one(cpu, major, baseminor, count, name);
	if (got < 0)
		return got;
	uint64_t cdev = cdev_alloc();
	(void)m.kmem.store(cdev + CD::owner, fops_owner(fops));
	(void)m.kmem.store(cdev + CD::ops, fops);
	cdev_add(cdev, mkdev(static_cast<uint32_t>(got), baseminor), count);
	for (ChrdevRegion& r : m.vfs.chrdevs)
		if (r.major == static_cast<uint32_t>(got) && r.baseminor == baseminor && r.minorct == count)
			r.cdev = cdev;
	return major ? 0 : got;
}

void Kernel::cdev_add(uint64_t cdev, uint32_t dev, uint32_t count)
{
	// cdev_add() -> kobj_map(): probes sorted by range, a new one before those of its size.
	(void)m.kmem.store(cdev + CD::dev, dev);
	(void)m.kmem.store(cdev + CD::count, count);
	auto& map = m.vfs.cdev_map;
	auto at = std::find_if(map.begin(), map.end(), [&](const CdevProbe& p) { return p.range >= count; });
	map.insert(at, CdevProbe{dev, count, cdev});
}

void Kernel::cdev_del(uint64_t cdev)
{
	// cdev_del() -> kobj_unmap(): the device numbers no longer open it; open files keep it.
	std::erase_if(m.vfs.cdev_map, [&](const CdevProbe& p) { return p.cdev == cdev; });
}

uint64_t Kernel::kobj_lookup_cdev(uint32_t dev) const
{
	for (const CdevProbe& p : m.vfs.cdev_map)
		if (dev >= p.dev && dev - p.dev < p.range)
			return p.cdev;
	return 0;
}

void Kernel::chrdev_put(uint64_t inode)
{
	// __fput(): cdev_put(inode->i_cdev), the reference chrdev_open() took on cdev->owner.
	uint64_t cdev = 0, owner = 0;
	if (!inode || !m.kmem.load(inode + abi::layout::inode::i_cdev, cdev) || !cdev)
		return;
	(void)m.kmem.load(cdev + CD::owner, owner);
	module_put(owner);
}

bool Kernel::cdev_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto u32 = [&](size_t i) { return static_cast<uint32_t>(arg(i)); };
	auto ret = [&](int64_t v) {
		finish_builtin(t, static_cast<uint64_t>(v));
		return true;
	};
	switch (call.id) {
	case BuiltinId::alloc_chrdev_region: {
		int64_t major = register_chrdev_region_one(cpu, 0, u32(1), u32(2), read_kstring(arg(3)));
		if (major < 0)
			return ret(major);
		(void)m.kmem.store(arg(0), mkdev(static_cast<uint32_t>(major), u32(1)));
		return ret(0);
	}
	case BuiltinId::register_chrdev_region: return ret(register_chrdev_region(cpu, u32(0), u32(1), read_kstring(arg(2))));
	case BuiltinId::unregister_chrdev_region: unregister_chrdev_region(u32(0), u32(1)); return ret(0);
	case BuiltinId::register_chrdev: return ret(register_chrdev(cpu, u32(0), 0, 256, read_kstring(arg(1)), arg(2)));
	case BuiltinId::__register_chrdev:
		return ret(register_chrdev(cpu, u32(0), u32(1), u32(2), read_kstring(arg(3)), arg(4)));
	case BuiltinId::unregister_chrdev: unregister_chrdev_region_one(u32(0), 0, 256); return ret(0);
	case BuiltinId::__unregister_chrdev: unregister_chrdev_region_one(u32(0), u32(1), u32(2)); return ret(0);
	case BuiltinId::cdev_init:
		// cdev_init(): zeroed, its kobject initialized, ops remembered.
		(void)m.kmem.fill(arg(0), 0, CD::size);
		(void)m.kmem.store(arg(0) + CD::kobj + KO::kref, int32_t{1});
		(void)m.kmem.store(arg(0) + CD::ops, arg(1));
		return ret(0);
	case BuiltinId::cdev_alloc: return ret(static_cast<int64_t>(cdev_alloc()));
	case BuiltinId::cdev_add: cdev_add(arg(0), u32(1), u32(2)); return ret(0);
	case BuiltinId::cdev_del: cdev_del(arg(0)); return ret(0);
	default: return false;
	}
}

}   // namespace kctx::kernel
