// The /proc entries modules make (fs/proc/generic.c proc_create_data, proc_mkdir_data,
// remove_proc_entry, remove_proc_subtree; fs/proc/inode.c proc_reg_open and
// proc_entry_rundown). The tree is VfsState::pseudo; an entry's struct inode and its
// struct proc_dir_entry share one allocation (as fs/proc's proc_inode holds both), so
// PDE(inode) is arithmetic. A file of an entry is a Driver file whose file_operations
// kctx copies from the entry's proc_ops, as proc_reg_file_ops forwards to them.
#include <algorithm>
#include <set>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/ProcRoot.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel {

namespace {
using namespace fs;
using abi::BuiltinId;
using R = run::Syscall::Resume;
namespace FL = abi::layout::file;
namespace FO = abi::layout::file_operations;
namespace IL = abi::layout::inode;
namespace DL = abi::layout::dentry;
namespace PD = abi::layout::proc_dir_entry;
namespace PO = abi::layout::proc_ops;

constexpr uint32_t kS_IRUGO = 0444, kS_IXUGO = 0111, kS_IALLUGO = 07777;
constexpr uint64_t kProcDynamicFirst = 0xF0000000;   // fs/proc/generic.c PROC_DYNAMIC_FIRST
constexpr uint64_t kProcInodeSpan = 64;               // the inode, then the proc_dir_entry

// name_to_int(): the number a /proc/PID name is, or ~0u.
uint32_t name_to_int(std::string_view s)
{
	if (s.empty() || (s.size() > 1 && s[0] == '0') || s.find_first_not_of("0123456789") != std::string_view::npos)
		return ~0u;
	uint64_t n = 0;
	for (char c : s) {
		n = n * 10 + static_cast<uint64_t>(c - '0');
		if (n >= ~0u)
			return ~0u;
	}
	return static_cast<uint32_t>(n);
}
}   // namespace

std::optional<uint64_t> Kernel::pseudo_child(PseudoRoot root, uint64_t dir, std::string_view name) const
{
	for (const auto& [handle, e] : m.vfs.pseudo.entries)
		if (e.root == root && e.parent == dir && e.name == name)
			return handle;
	return std::nullopt;
}

std::optional<uint64_t> Kernel::pseudo_first_child(uint64_t dir) const
{
	std::optional<uint64_t> first;
	for (const auto& [handle, e] : m.vfs.pseudo.entries)
		if (e.parent == dir && (!first || proc_name_less(e.name, m.vfs.pseudo.entries.at(*first).name)))
			first = handle;
	return first;
}

std::optional<uint64_t> Kernel::pseudo_lookup(PseudoRoot root, std::string_view rel) const
{
	// A path below the root, as lookup walks it; the kernel's own entries are not
	// files of this tree (ProcFs.cpp makes their text).
	uint64_t dir = 0;
	std::optional<uint64_t> found;
	while (!rel.empty()) {
		size_t slash = rel.find('/');
		std::string_view part = rel.substr(0, slash);
		rel = slash == std::string_view::npos ? std::string_view{} : rel.substr(slash + 1);
		if (part.empty())
			continue;
		found = pseudo_child(root, dir, part);
		if (!found)
			return std::nullopt;
		dir = *found;
	}
	if (!found || m.vfs.pseudo.entries.at(*found).builtin)
		return std::nullopt;
	return found;
}

void Kernel::proc_seed()
{
	// proc_root_init() and the rest of boot made these before any module loads.
	PseudoFs& fs = m.vfs.pseudo;
	if (fs.seeded)
		return;
	fs.seeded = true;
	uint64_t handle = 1;   // not addresses: module code never holds these
	for (const KernelProcEntry& k : kKernelProcEntries) {
		PseudoEntry e;
		e.name = std::string(k.name);
		e.mode = k.mode;
		e.builtin = true;
		fs.entries[handle++] = std::move(e);
	}
}

std::string Kernel::proc_dir_name(uint64_t dir) const
{
	// proc_root's name is "/proc"; any other directory's is its last component.
	return dir ? m.vfs.pseudo.entries.at(dir).name : "/proc";
}

std::optional<uint64_t> Kernel::proc_xlate(uint32_t cpu, const std::string& name, uint64_t parent, std::string* residual,
					   std::string_view caller)
{
	// __xlate_proc_name(): every '/'-separated part but the last names a directory.
	if (parent && !m.vfs.pseudo.entries.contains(parent))
		return std::nullopt;   // not an entry (a removed one): nothing to walk from
	uint64_t dir = parent;
	std::string_view rest = name;
	for (size_t slash; (slash = rest.find('/')) != std::string_view::npos; rest.remove_prefix(slash + 1)) {
		auto child = pseudo_child(PseudoRoot::Proc, dir, rest.substr(0, slash));
		if (!child) {
			std::vector<std::string> top = {std::string(caller)};
			warn(cpu, "fs/proc/generic.c", 173, "__xlate_proc_name+0x93/0xb0", fmt::format("name '{}'\n", name),
			     top);
			return std::nullopt;
		}
		dir = *child;
	}
	*residual = std::string(rest);
	return dir;
}

uint64_t Kernel::proc_create_entry(uint32_t cpu, const ProcCreate& req)
{
	// __proc_create() then proc_register(): the name's checks, the entry, its place in
	// its directory (a taken name is refused with a WARN and the entry freed).
	proc_seed();
	std::string fn;
	auto dir = proc_xlate(cpu, req.name, req.parent, &fn, req.caller);
	if (!dir)
		return 0;
	std::vector<std::string> top = {std::string(req.caller)};
	auto refuse = [&](int line, const std::string& message) -> uint64_t {
		warn(cpu, "fs/proc/generic.c", line, "__proc_create+0x1b3/0x200", message, top);
		return 0;
	};
	if (fn.empty() || fn.size() >= 256)
		return refuse(395, fmt::format("name len {}\n", fn.size()));
	if (fn == ".")
		return refuse(399, "name '.'\n");
	if (fn == "..")
		return refuse(403, "name '..'\n");
	if (*dir == 0 && name_to_int(fn) != ~0u)
		return refuse(407, fmt::format("create '/proc/{}' by hand\n", fn));
	if (pseudo_child(PseudoRoot::Proc, *dir, fn)) {
		warn(cpu, "fs/proc/generic.c", 376, "proc_register+0x131/0x1c0",
		     fmt::format("proc_dir_entry '{}/{}' already registered\n", proc_dir_name(*dir), fn), top);
		return 0;
	}
	// One allocation: the inode (proc_get_inode()'s, made here once) and then the entry.
	uint64_t inode = alloc_kernel(kProcInodeSpan + PD::size, "proc_inode");
	uint64_t pde = inode + kProcInodeSpan;
	uint64_t ino = kProcDynamicFirst + 0x1000 + m.vfs.pseudo.next_ino++;
	uint64_t ops = req.lib_ops ? pde + PD::kctx_ops : req.ops;
	bool ok = m.kmem.store(inode + IL::i_ino, ino) && m.kmem.store(inode + IL::i_mode, static_cast<uint16_t>(req.mode)) &&
		  m.kmem.store(inode + IL::i_private, req.data) && m.kmem.store(pde + PD::proc_ops, ops) &&
		  m.kmem.store(pde + PD::data, req.data) && m.kmem.store(pde + PD::mode, static_cast<uint16_t>(req.mode));
	KCTX_CHECK(ok);
	PseudoEntry e;
	e.root = PseudoRoot::Proc;
	e.parent = *dir;
	e.name = fn;
	e.mode = req.mode;
	e.inode = inode;
	e.ops = ops;
	e.dentry = make_dentry(fn, inode, *dir ? m.vfs.pseudo.entries.at(*dir).dentry : 0);
	m.vfs.pseudo.entries[pde] = std::move(e);
	return pde;
}

uint64_t Kernel::make_dentry(const std::string& name, uint64_t inode, uint64_t parent)
{
	// The struct dentry a file's f_path names: d_name.name is the entry's own name.
	uint64_t d = alloc_kernel(DL::size + name.size() + 1, "dentry");
	uint64_t str = d + DL::size;
	bool ok = m.kmem.write(str, name.c_str(), name.size() + 1) && m.kmem.store(d + DL::d_parent, parent) &&
		  m.kmem.store(d + DL::d_name_len, static_cast<uint32_t>(name.size())) &&
		  m.kmem.store(d + DL::d_name_name, str) && m.kmem.store(d + DL::d_inode, inode);
	KCTX_CHECK(ok);
	return d;
}

int64_t Kernel::proc_remove_entry(uint32_t cpu, const std::string& name, uint64_t parent, bool subtree)
{
	// remove_proc_entry() / remove_proc_subtree(): unlink the entry (and, for a subtree,
	// everything below it, leaves first); each goes to `dying` for proc_entry_rundown().
	// Returns how many open files need ->proc_release, or a negative errno.
	proc_seed();
	std::string_view caller = subtree ? "remove_proc_subtree+0x4c/0x1c0" : "remove_proc_entry+0x3e/0x1a0";
	std::string fn;
	auto dir = proc_xlate(cpu, name, parent, &fn, caller);
	if (!dir)
		return subtree ? -abi::kENOENT : 0;
	auto de = pseudo_child(PseudoRoot::Proc, *dir, fn);
	if (de && m.vfs.pseudo.entries.at(*de).builtin) {
		// pde_is_permanent(): the kernel's own entries stay.
		std::vector<std::string> none;
		warn(cpu, "fs/proc/generic.c", subtree ? 749 : 701, subtree ? "remove_proc_subtree+0x1a4/0x1c0" : "remove_proc_entry+0x185/0x1a0",
		     subtree ? fmt::format("removing permanent /proc entry '{}/{}'", proc_dir_name(*dir), fn)
			     : fmt::format("removing permanent /proc entry '{}'", fn),
		     none);
		return subtree ? -abi::kEINVAL : 0;
	}
	if (!de) {
		if (subtree)
			return -abi::kENOENT;
		std::vector<std::string> none;
		warn(cpu, "fs/proc/generic.c", 712, "remove_proc_entry+0x185/0x1a0", fmt::format("name '{}'\n", name), none);
		return 0;
	}
	std::vector<uint64_t> order;
	if (subtree) {
		// Depth first, the first child (by proc_match order) before its siblings; each
		// entry after everything below it.
		std::vector<std::pair<uint64_t, bool>> stack = {{*de, false}};
		while (!stack.empty()) {
			auto [h, expanded] = stack.back();
			stack.pop_back();
			if (expanded) {
				order.push_back(h);
				continue;
			}
			stack.emplace_back(h, true);
			std::vector<uint64_t> kids;
			for (const auto& [k, e] : m.vfs.pseudo.entries)
				if (e.parent == h)
					kids.push_back(k);
			std::sort(kids.begin(), kids.end(), [&](uint64_t a, uint64_t b) {
				return proc_name_less(m.vfs.pseudo.entries.at(b).name, m.vfs.pseudo.entries.at(a).name);
			});
			for (uint64_t k : kids)
				stack.emplace_back(k, false);
		}
	} else {
		order.push_back(*de);
		if (auto first = pseudo_first_child(*de)) {
			std::vector<std::string> none;
			warn(cpu, "fs/proc/generic.c", 717, "remove_proc_entry+0x185/0x1a0",
			     fmt::format("remove_proc_entry: removing non-empty directory '{}/{}', leaking at least '{}'\n",
					 proc_dir_name(*dir), fn, m.vfs.pseudo.entries.at(*first).name),
			     none);
		}
	}
	int64_t openers = 0;
	for (uint64_t h : order) {
		m.vfs.pseudo.entries.erase(h);
		openers += pseudo_count_openers(h);
		m.vfs.pseudo.dying.push_back(h);
	}
	return openers;
}

int64_t Kernel::pseudo_count_openers(uint64_t handle)
{
	// close_pdeo() runs only for files opened with a ->proc_release (proc_reg_open()
	// keeps no pde_opener otherwise): the others are done with now.
	uint64_t ops = 0, release = 0;
	(void)m.kmem.load(handle + PD::proc_ops, ops);
	(void)m.kmem.load(ops + PO::proc_release, release);
	std::set<uint64_t> files;
	for (size_t i = 0; i < m.tasks.size(); i++) {
		if (!std::as_const(m.tasks)[i].user)
			continue;
		for (auto& [fd, of] : m.tasks[i].user->files.fds) {
			if (of.entry != handle || of.kind != FileKind::Driver || !of.opened || of.released)
				continue;
			if (release)
				files.insert(of.file);
			else
				of.released = true;
		}
	}
	return static_cast<int64_t>(files.size());
}

uint64_t Kernel::proc_next_opener(uint64_t de_out)
{
	// proc_entry_rundown(): the next file to close_pdeo(); its every descriptor (fork
	// shares one struct file) counts as released, so close() will not release it again.
	PseudoFs& fs = m.vfs.pseudo;
	for (uint64_t h : fs.dying) {
		for (const Task& task : m.tasks) {
			if (!task.user)
				continue;
			for (const auto& [fd, of] : task.user->files.fds) {
				if (of.entry != h || of.kind != FileKind::Driver || !of.opened || of.released)
					continue;
				uint64_t file = of.file;
				for (size_t i = 0; i < m.tasks.size(); i++)
					if (std::as_const(m.tasks)[i].user)
						for (auto& [fd2, of2] : m.tasks[i].user->files.fds)
							if (of2.file == file && of2.kind == FileKind::Driver)
								of2.released = true;
				(void)m.kmem.store(de_out, h);
				return file;
			}
		}
	}
	fs.dying.clear();
	return 0;
}

bool Kernel::pseudo_file_gone(const OpenFile& of) const
{
	return of.entry && !m.vfs.pseudo.entries.contains(of.entry);
}

int64_t Kernel::pseudo_open(TaskId t, NativeFrame& f, OpenFile of, uint64_t handle, bool* pushed)
{
	// do_dentry_open() of a module's /proc file: proc_reg_open(), which forwards to the
	// entry's ->proc_open. proc_ops have no owner: an open file does not pin the module
	// (remove_proc_entry() runs the file down instead).
	PseudoEntry& e = m.vfs.pseudo.entries.at(handle);
	if (s_isdir(e.mode)) {
		if ((of.flags & O_ACCMODE) != 0)
			return -abi::kEISDIR;   // may_open()
		of.kind = FileKind::Proc;   // a directory: read() has nothing for it
		return install_fd(t, std::move(of));
	}
	// Proc: the fops kctx copies from the proc_ops; Debugfs: the module's own fops.
	uint64_t fops = e.root == PseudoRoot::Proc ? e.fops : e.ops;
	if (e.root == PseudoRoot::Proc) {
		if (!fops)
			fops = e.fops = alloc_kernel(FO::size, "proc_reg_file_ops");
		uint64_t ops = 0;
		(void)m.kmem.load(handle + PD::proc_ops, ops);
		constexpr std::pair<uint32_t, uint32_t> kCopy[] = {
			{FO::llseek, PO::proc_lseek},     {FO::read, PO::proc_read},
			{FO::write, PO::proc_write},      {FO::poll, PO::proc_poll},
			{FO::unlocked_ioctl, PO::proc_ioctl}, {FO::compat_ioctl, PO::proc_compat_ioctl},
			{FO::open, PO::proc_open},        {FO::release, PO::proc_release},
		};
		for (auto [to, from] : kCopy) {
			uint64_t fn = 0;
			(void)m.kmem.load(ops + from, fn);
			(void)m.kmem.store(fops + to, fn);
		}
		// proc_reg_file_ops has read and write: one the entry lacks fails with -EIO.
		of.mode |= FMODE_CAN_READ | FMODE_CAN_WRITE;
	} else if (!try_module_get(fops_owner(fops))) {
		return -abi::kENXIO;   // full_proxy_open(): fops_get() of a module going away
	}
	uint64_t file = alloc_kernel(FL::size, "filp");
	bool ok = m.kmem.store(file + FL::f_op, fops) && m.kmem.store(file + FL::f_flags, of.flags) &&
		  m.kmem.store(file + FL::f_mode, of.mode) && m.kmem.store(file + FL::f_pos, int64_t{0}) &&
		  m.kmem.store(file + FL::f_inode, e.inode) && m.kmem.store(file + FL::f_path_dentry, e.dentry);
	KCTX_CHECK(ok);
	of.kind = FileKind::Driver;
	of.file = file;
	of.inode = e.inode;
	of.fops = fops;
	of.entry = handle;
	of.opened = false;
	int32_t fd = install_fd(t, std::move(of));
	if (fd < 0) {
		module_put(fops_owner(fops));
		return fd;
	}
	uint64_t open_fn = 0;
	(void)m.kmem.load(fops + FO::open, open_fn);
	if (!open_fn)
		return finish_open(t, fd);
	f.as<run::Syscall>().fd = fd;
	*pushed = true;
	std::array<uint64_t, 2> args = {e.inode, file};
	vfs_call_driver(t, f, open_fn, args, R::DriverCalled);
	return 0;
}

int64_t Kernel::pseudo_call_check(const OpenFile& of, uint32_t method, int64_t gone_error) const
{
	// proc_reg_read() and friends: an entry removed since the open answers `gone_error`
	// (use_pde() fails); an entry without the method answers -EIO (pde_read()).
	if (!of.entry)
		return 0;
	if (pseudo_file_gone(of))
		return gone_error;
	uint64_t fn = 0;
	(void)m.kmem.load(of.fops + method, fn);
	return fn ? 0 : -abi::kEIO;
}

bool Kernel::procfs_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) {
		finish_builtin(t, v);
		return true;
	};
	auto create = [&](uint32_t mode, uint64_t parent, uint64_t ops, uint64_t data, std::string_view caller,
			  bool lib) {
		// proc_create_reg(): a regular file, readable by all when no permission is given.
		if ((mode & kS_IFMT) == 0)
			mode |= kS_IFREG;
		if ((mode & kS_IALLUGO) == 0)
			mode |= kS_IRUGO;
		return done(proc_create_entry(cpu, ProcCreate{read_kstring(arg(0)), mode, parent, ops, data, caller, lib}));
	};
	auto mkdir = [&](uint32_t mode, uint64_t parent, uint64_t data, std::string_view caller) {
		// proc_mkdir_data(): a directory, r-x for all when no mode is given.
		if (mode == 0)
			mode = kS_IRUGO | kS_IXUGO;
		return done(proc_create_entry(cpu, ProcCreate{read_kstring(arg(0)), kS_IFDIR | mode, parent, 0, data, caller, false}));
	};
	switch (call.id) {
	case BuiltinId::proc_create: return create(static_cast<uint16_t>(arg(1)), arg(2), arg(3), 0, "proc_create+0x3c/0x50", false);
	case BuiltinId::proc_create_data:
		return create(static_cast<uint16_t>(arg(1)), arg(2), arg(3), arg(4), "proc_create_data+0x3f/0x60", false);
	case BuiltinId::__kctx_proc_create_lib:
		return create(static_cast<uint16_t>(arg(1)), arg(2), 0, arg(3), "proc_create_reg+0x5b/0xd0", true);
	case BuiltinId::proc_mkdir: return mkdir(0, arg(1), 0, "proc_mkdir+0x18/0x20");
	case BuiltinId::proc_mkdir_mode: return mkdir(static_cast<uint16_t>(arg(1)), arg(2), 0, "proc_mkdir_mode+0x12/0x20");
	case BuiltinId::proc_mkdir_data: return mkdir(static_cast<uint16_t>(arg(1)), arg(2), arg(3), "proc_mkdir_data+0x6b/0x90");
	case BuiltinId::proc_set_size: {
		auto it = m.vfs.pseudo.entries.find(arg(0));
		if (it != m.vfs.pseudo.entries.end())
			(void)m.kmem.store(it->second.inode + IL::i_size, arg(1));
		return done(0);
	}
	case BuiltinId::__kctx_remove_proc_entry:
		return done(static_cast<uint64_t>(proc_remove_entry(cpu, read_kstring(arg(0)), arg(1), arg(2) != 0)));
	case BuiltinId::__kctx_proc_remove: {
		// proc_remove(): remove_proc_subtree() of the entry, by its name in its parent.
		auto it = m.vfs.pseudo.entries.find(arg(0));
		if (!arg(0) || it == m.vfs.pseudo.entries.end())
			return done(0);
		return done(static_cast<uint64_t>(proc_remove_entry(cpu, it->second.name, it->second.parent, true)));
	}
	case BuiltinId::__kctx_proc_next_opener: return done(proc_next_opener(arg(0)));
	case BuiltinId::__kctx_PDE: return done(arg(0) + kProcInodeSpan);
	default: return false;
	}
}

}   // namespace kctx::kernel
