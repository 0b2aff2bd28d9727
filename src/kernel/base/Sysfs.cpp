// Kobjects and sysfs (lib/kobject.c, fs/sysfs/dir.c, file.c, group.c): the directories
// kobjects own, the attribute files in them, and what module code calls to make them.
// Reading and writing the files is in SysfsFile.cpp.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
using Kind = SysfsNode::Kind;
namespace KO = abi::layout::kobject;
namespace AT = abi::layout::attribute;
namespace AG = abi::layout::attribute_group;

// The top directories kernel_kobj & co. stand for (kernel/ksysfs.c, mm/mm_init.c …).
constexpr std::string_view kTopDirs[] = {"/sys/kernel", "/sys/kernel/mm", "/sys/hypervisor", "/sys/power",
					 "/sys/firmware"};

// A path as sysfs_warn_dup() prints it: kernfs_path() from the sysfs root.
std::string kernfs_path(const std::string& path) { return path.substr(4); }

// PAGE_SIZE and offset_in_page() for sysfs_emit()'s check.
constexpr uint64_t kPageSize = 4096;
}   // namespace

std::string Kernel::sysfs_resolve(const std::string& path) const
{
	// Follows the symlinks along `path` (/sys/class/CLS/DEV -> /sys/devices/virtual/CLS/DEV).
	std::string out;
	size_t i = 0;
	while (i < path.size()) {
		size_t next = path.find('/', i + 1);
		if (next == std::string::npos)
			next = path.size();
		out += path.substr(i, next - i);
		auto it = m.devmodel.sysfs.find(out);
		if (it != m.devmodel.sysfs.end() && it->second.kind == Kind::Link)
			out = it->second.text;
		i = next;
	}
	return out;
}

std::string Kernel::kobject_dir(uint64_t kobj) const
{
	auto it = m.devmodel.kobjects.find(kobj);
	return it == m.devmodel.kobjects.end() ? std::string() : it->second.dir;
}

uint64_t Kernel::top_kobject(uint32_t which)
{
	// kernel_kobj and its siblings: kobjects the kernel made at boot, here at first use.
	if (which >= m.devmodel.top_kobjs.size())
		return 0;
	uint64_t& k = m.devmodel.top_kobjs[which];
	if (k)
		return k;
	k = alloc_kernel(KO::size, "kobject");
	std::string dir(kTopDirs[which]);
	std::string name = dir.substr(dir.rfind('/') + 1);
	uint64_t name_ptr = alloc_kernel(name.size() + 1, "kobject name");
	(void)m.kmem.write(name_ptr, name.c_str(), name.size() + 1);
	(void)m.kmem.store(k + KO::name, name_ptr);
	(void)m.kmem.store(k + KO::kref, int32_t{1});
	m.devmodel.kobjects[k] = KobjectState{dir, 1, false};
	m.devmodel.sysfs[dir] = SysfsNode{Kind::Dir, k, 0, SysfsOps::Kobj, 0, {}};
	return k;
}

void Kernel::sysfs_warn_dup(uint32_t cpu, const std::string& path, std::span<const std::string> callers)
{
	// fs/sysfs/dir.c sysfs_warn_dup(): the path and a stack dump.
	printk(cpu, fmt::format("\0014sysfs: cannot create duplicate filename '{}'\n", kernfs_path(path)));
	std::vector<std::string> callee = {"sysfs_warn_dup.cold+0x17/0x24"};
	callee.insert(callee.end(), callers.begin(), callers.end());
	dump_stack(cpu, callee);
}

int64_t Kernel::sysfs_create_dir(uint32_t cpu, uint64_t kobj, const std::string& path, SysfsOps ops, bool dynamic,
				 std::span<const std::string> callers)
{
	// kobject_add_internal() -> sysfs_create_dir_ns(): -EEXIST for a taken name.
	if (m.devmodel.sysfs.contains(path)) {
		std::vector<std::string> callee = {"sysfs_create_dir_ns+0xd0/0xe0", "kobject_add_internal+0xbb/0x2b0"};
		callee.insert(callee.end(), callers.begin(), callers.end());
		sysfs_warn_dup(cpu, path, callee);
		printk(cpu, fmt::format("\0013kobject_add_internal failed for {} with -EEXIST, don't try to register "
					"things with the same name in the same directory.\n",
					path.substr(path.rfind('/') + 1)));
		return -abi::kEEXIST;
	}
	m.devmodel.sysfs[path] = SysfsNode{Kind::Dir, kobj, 0, ops, 0, {}};
	if (kobj)
		m.devmodel.kobjects[kobj] = KobjectState{path, 1, dynamic};
	return 0;
}

void Kernel::sysfs_remove_dir(const std::string& path_ref)
{
	// kobject_del() -> sysfs_remove_dir(): the directory with everything under it.
	const std::string path = path_ref;   // may point into what is erased
	auto& fs = m.devmodel.sysfs;
	for (auto it = fs.lower_bound(path); it != fs.end() && it->first.starts_with(path);) {
		if (it->first.size() == path.size() || it->first[path.size()] == '/') {
			if (it->second.kind == Kind::Dir && it->second.kobj)
				m.devmodel.kobjects.erase(it->second.kobj);
			it = fs.erase(it);
		} else {
			++it;
		}
	}
}

int64_t Kernel::sysfs_create_file(uint32_t cpu, uint64_t kobj, const std::string& dir, uint64_t attr)
{
	// sysfs_create_file() -> sysfs_add_file_mode_ns(): a file named attr->name.
	if (dir.empty() || !attr)
		return -abi::kEINVAL;
	uint64_t name_ptr = 0;
	uint16_t mode = 0;
	(void)m.kmem.load(attr + AT::name, name_ptr);
	(void)m.kmem.load(attr + AT::mode, mode);
	std::string path = dir + "/" + read_kstring(name_ptr);
	if (m.devmodel.sysfs.contains(path)) {
		std::vector<std::string> callee = {"sysfs_add_file_mode_ns+0x15d/0x170", "sysfs_create_file_ns+0x66/0xa0"};
		sysfs_warn_dup(cpu, path, callee);
		return -abi::kEEXIST;
	}
	SysfsOps ops = m.devmodel.devices.contains(kobj) ? SysfsOps::Device : SysfsOps::Kobj;
	m.devmodel.sysfs[path] = SysfsNode{Kind::File, kobj, attr, ops, static_cast<uint16_t>(mode & 07777), {}};
	return 0;
}

int64_t Kernel::sysfs_create_group(uint32_t cpu, uint64_t kobj, uint64_t grp)
{
	// fs/sysfs/group.c internal_create_group(): a subdirectory when the group has a name,
	// then each attribute of the NULL-terminated attrs. (is_visible is not called: every
	// attribute gets its own mode.)
	std::string dir = kobject_dir(kobj);
	if (dir.empty() || !grp)
		return -abi::kEINVAL;
	uint64_t name_ptr = 0, attrs = 0;
	(void)m.kmem.load(grp + AG::name, name_ptr);
	(void)m.kmem.load(grp + AG::attrs, attrs);
	if (name_ptr) {
		dir += "/" + read_kstring(name_ptr);
		if (m.devmodel.sysfs.contains(dir)) {
			std::vector<std::string> callee = {"kernfs_create_dir_ns+0x4e/0x60", "internal_create_group+0x90/0x3e0"};
			sysfs_warn_dup(cpu, dir, callee);
			return -abi::kEEXIST;
		}
		m.devmodel.sysfs[dir] = SysfsNode{Kind::Dir, 0, 0, SysfsOps::Kobj, 0, {}};
	}
	for (uint64_t i = 0; attrs; i++) {
		uint64_t attr = 0;
		if (!m.kmem.load(attrs + i * 8, attr) || !attr)
			break;
		int64_t err = sysfs_create_file(cpu, kobj, dir, attr);
		if (err < 0) {
			sysfs_remove_group(kobj, grp);
			return err;
		}
	}
	return 0;
}

void Kernel::sysfs_remove_group(uint64_t kobj, uint64_t grp)
{
	std::string dir = kobject_dir(kobj);
	uint64_t name_ptr = 0, attrs = 0;
	if (dir.empty() || !grp)
		return;
	(void)m.kmem.load(grp + AG::name, name_ptr);
	(void)m.kmem.load(grp + AG::attrs, attrs);
	if (name_ptr) {
		sysfs_remove_dir(dir + "/" + read_kstring(name_ptr));
		return;
	}
	for (uint64_t i = 0; attrs; i++) {
		uint64_t attr = 0, attr_name = 0;
		if (!m.kmem.load(attrs + i * 8, attr) || !attr)
			break;
		(void)m.kmem.load(attr + AT::name, attr_name);
		m.devmodel.sysfs.erase(dir + "/" + read_kstring(attr_name));
	}
}

void Kernel::kobject_put(uint64_t kobj)
{
	// kobject_put(): the last reference removes the directory (kobject_cleanup ->
	// kobject_del) and frees a dynamic kobject.
	auto it = m.devmodel.kobjects.find(kobj);
	if (!kobj || it == m.devmodel.kobjects.end())
		return;
	if (--it->second.refs > 0)
		return;
	std::string dir = it->second.dir;   // the removal erases the entry
	sysfs_remove_dir(dir);
	m.devmodel.kobjects.erase(kobj);
}

bool Kernel::sysfs_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto ret = [&](int64_t v) {
		finish_builtin(t, static_cast<uint64_t>(v));
		return true;
	};
	switch (call.id) {
	case BuiltinId::__kctx_kobj: return ret(static_cast<int64_t>(top_kobject(static_cast<uint32_t>(arg(0)))));
	case BuiltinId::kobject_create_and_add: {
		// kobject_create_and_add(): a dynamic kobject in `parent`'s directory (/sys
		// without one); NULL when the name is taken.
		std::string name = read_kstring(arg(0));
		std::string parent = arg(1) ? kobject_dir(arg(1)) : std::string("/sys");
		if (parent.empty())
			return ret(0);
		uint64_t k = alloc_kernel(KO::size, "kobject");
		uint64_t name_ptr = alloc_kernel(name.size() + 1, "kobject name");
		(void)m.kmem.write(name_ptr, name.c_str(), name.size() + 1);
		(void)m.kmem.store(k + KO::name, name_ptr);
		(void)m.kmem.store(k + KO::parent, arg(1));
		(void)m.kmem.store(k + KO::kref, int32_t{1});
		std::vector<std::string> callers = {"kobject_add+0x7e/0xb0", "kobject_create_and_add+0x3b/0x90"};
		if (sysfs_create_dir(cpu, k, parent + "/" + name, SysfsOps::Kobj, true, callers) < 0) {
			printk(cpu, "\0014kobject_create_and_add: kobject_add error: -17\n");
			return ret(0);
		}
		return ret(static_cast<int64_t>(k));
	}
	case BuiltinId::kobject_get: {
		auto it = m.devmodel.kobjects.find(arg(0));
		if (it != m.devmodel.kobjects.end())
			it->second.refs++;
		return ret(static_cast<int64_t>(arg(0)));
	}
	case BuiltinId::kobject_put: kobject_put(arg(0)); return ret(0);
	case BuiltinId::sysfs_create_file: return ret(sysfs_create_file(cpu, arg(0), kobject_dir(arg(0)), arg(1)));
	case BuiltinId::sysfs_remove_file: {
		uint64_t name_ptr = 0;
		(void)m.kmem.load(arg(1) + AT::name, name_ptr);
		m.devmodel.sysfs.erase(kobject_dir(arg(0)) + "/" + read_kstring(name_ptr));
		return ret(0);
	}
	case BuiltinId::sysfs_create_group: return ret(sysfs_create_group(cpu, arg(0), arg(1)));
	case BuiltinId::sysfs_remove_group: sysfs_remove_group(arg(0), arg(1)); return ret(0);
	case BuiltinId::sysfs_emit:
	case BuiltinId::sysfs_emit_at: {
		// fs/sysfs/file.c: show()'s page, checked, then vscnprintf() into what is left.
		bool at_form = call.id == BuiltinId::sysfs_emit_at;
		uint64_t buf = arg(0);
		auto at = at_form ? static_cast<int64_t>(static_cast<int32_t>(arg(1))) : 0;
		size_t fmt_arg = at_form ? 2 : 1;
		bool bad = !buf || (buf & (kPageSize - 1)) || at < 0 || at >= static_cast<int64_t>(kPageSize);
		if (bad) {
			std::string msg = at_form ? fmt::format("invalid sysfs_emit_at: buf:{:016x} at:{}\n", buf, at)
						  : fmt::format("invalid sysfs_emit: buf:{:016x}\n", buf);
			warn(cpu, "fs/sysfs/file.c", at_form ? 751 : 725, at_form ? "sysfs_emit_at+0x8d/0xa0" : "sysfs_emit+0x6e/0x80",
			     msg, {});
			return ret(0);
		}
		vm::AddressSpace mem{m.tasks[t].user ? &m.tasks[t].user->mm : nullptr, &m.kmem};
		std::string text = printk_format(cpu, read_kstring(arg(fmt_arg)), args.subspan(fmt_arg + 1), mem);
		size_t room = kPageSize - static_cast<size_t>(at) - 1;
		if (text.size() > room)
			text.resize(room);
		(void)m.kmem.write(buf + static_cast<uint64_t>(at), text.c_str(), text.size() + 1);
		return ret(static_cast<int64_t>(text.size()));
	}
	default: return false;
	}
}

}   // namespace kctx::kernel
