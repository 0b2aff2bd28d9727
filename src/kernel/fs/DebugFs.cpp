// debugfs under /sys/kernel/debug (fs/debugfs/inode.c start_creating,
// __debugfs_create_file, debugfs_create_dir, debugfs_remove; fs/debugfs/file.c's proxy
// open): the dentries are VfsState::pseudo entries of the Debugfs root, named by their
// struct dentry's address. A file's fops are the module's own (its owner pins the module
// while the file is open); a removed file's later calls fail with -EIO.
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "base/Check.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
namespace IL = abi::layout::inode;
namespace FO = abi::layout::file_operations;
// kernel_lib-debugfs.h's struct __kctx_debugfs_lib: a file_operations and three ints.
constexpr uint64_t kDebugfsLibSize = FO::size + 16;
constexpr uint32_t kS_IRWXU = 0700, kS_IRUGO = 0444, kS_IXUGO = 0111;

[[nodiscard]] bool is_err_or_null(uint64_t p) { return p == 0 || p >= static_cast<uint64_t>(-4095); }
[[nodiscard]] uint64_t err_ptr(int64_t err) { return static_cast<uint64_t>(err); }
}   // namespace

bool Kernel::debugfs_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) {
		finish_builtin(t, v);
		return true;
	};
	auto& entries = m.vfs.pseudo.entries;
	// start_creating() + __debugfs_create_file(): the parent (the root when NULL), a
	// name not yet taken in it, then the dentry and its inode (i_private = data).
	auto create = [&](uint32_t mode, uint64_t data, uint64_t fops, bool lib) -> uint64_t {
		std::string name = read_kstring(arg(0));
		uint64_t parent = arg(2);
		if (call.id == BuiltinId::debugfs_create_dir)
			parent = arg(1);
		if (parent >= static_cast<uint64_t>(-4095))
			return parent;   // an error from the parent's creation passes through
		if (parent && !entries.contains(parent))
			return err_ptr(-abi::kENOENT);
		if (name.empty() || name.find('/') != std::string::npos)
			return err_ptr(-abi::kEACCES);   // lookup_one_len()
		if (pseudo_child(PseudoRoot::Debugfs, parent, name)) {
			std::string pname = parent ? entries.at(parent).name : "/";
			bool dir = s_isdir(entries.at(*pseudo_child(PseudoRoot::Debugfs, parent, name)).mode);
			printk(cpu, dir ? fmt::format("\0013debugfs: Directory '{}' with parent '{}' already present!\n", name, pname)
					: fmt::format("\0013debugfs: File '{}' in directory '{}' already present!\n", name, pname));
			return err_ptr(-abi::kEEXIST);
		}
		uint64_t inode = alloc_kernel(IL::size, "inode");
		bool ok = m.kmem.store(inode + IL::i_ino, m.vfs.next_ino++) &&
			  m.kmem.store(inode + IL::i_mode, static_cast<uint16_t>(mode)) &&
			  m.kmem.store(inode + IL::i_private, data);
		KCTX_CHECK(ok);
		uint64_t dentry = make_dentry(name, inode, parent);
		PseudoEntry e;
		e.root = PseudoRoot::Debugfs;
		e.parent = parent;
		e.name = name;
		e.mode = mode;
		e.dentry = dentry;
		e.inode = inode;
		e.ops = lib ? alloc_kernel(kDebugfsLibSize, "debugfs_fops") : fops;
		uint64_t ops = e.ops;
		entries[dentry] = std::move(e);
		return lib ? ops : dentry;
	};
	// debugfs_remove(): the dentry and everything below it.
	auto remove = [&](uint64_t dentry) {
		if (is_err_or_null(dentry) || !entries.contains(dentry))
			return;
		std::vector<uint64_t> todo = {dentry};
		while (!todo.empty()) {
			uint64_t h = todo.back();
			todo.pop_back();
			for (const auto& [k, e] : entries)
				if (e.parent == h && e.root == PseudoRoot::Debugfs)
					todo.push_back(k);
			entries.erase(h);
		}
	};
	auto file_mode = [](uint64_t mode) {
		auto m16 = static_cast<uint32_t>(mode & 0xffff);
		return (m16 & kS_IFMT) ? m16 : m16 | kS_IFREG;
	};
	switch (call.id) {
	case BuiltinId::debugfs_create_dir:
		return done(create(kS_IFDIR | kS_IRWXU | kS_IRUGO | kS_IXUGO, 0, 0, false));
	case BuiltinId::debugfs_create_file:
	case BuiltinId::debugfs_create_file_unsafe: return done(create(file_mode(arg(1)), arg(3), arg(4), false));
	case BuiltinId::__kctx_debugfs_create_lib: {
		uint64_t r = create(file_mode(arg(1)), arg(3), 0, true);
		return done(is_err_or_null(r) ? 0 : r);
	}
	case BuiltinId::debugfs_lookup: {
		if (arg(1) >= static_cast<uint64_t>(-4095))
			return done(0);
		auto h = pseudo_child(PseudoRoot::Debugfs, arg(1), read_kstring(arg(0)));
		return done(h ? *h : 0);
	}
	case BuiltinId::debugfs_remove: remove(arg(0)); return done(0);
	case BuiltinId::debugfs_lookup_and_remove: {
		auto h = pseudo_child(PseudoRoot::Debugfs, arg(1), read_kstring(arg(0)));
		if (h)
			remove(*h);
		return done(0);
	}
	case BuiltinId::debugfs_initialized: return done(1);
	default: return false;
	}
}

}   // namespace kctx::kernel
