// Changing the names and attributes of the files init.sh's applets touch: unlink(2)
// (fs/namei.c do_unlinkat()), chmod(2) (fs/open.c chmod_common()) and chown(2)
// (chown_common()), for the nodes of /dev and the FIFOs of /dev and /tmp, the only
// files kctx's machine makes at run time. kctx keeps the /proc and /sys files' modes and
// owners fixed, as do its own nodes (/dev/null ...): chmod and chown there fail with EPERM,
// where Linux lets root change them.
#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/DevNodes.h"
#include "kernel/fs/FsTree.h"
#include "kernel/fs/Kstat.h"

namespace kctx::kernel {

using abi::BuiltinId;

namespace {

// A node of /dev or a FIFO: made by devtmpfs, mknod(2) or mkfifo(3).
[[nodiscard]] bool made_node(const Machine& m, const std::string& path)
{
	return m.vfs.nodes.contains(path) || m.vfs.fifos.contains(path) || m.vfs.symlinks.contains(path);
}

[[nodiscard]] bool builtin_node(const std::string& path)
{
	for (const BuiltinNode& n : kBuiltinNodes)
		if (n.path == path)
			return true;
	return false;
}

}   // namespace

int64_t Kernel::vfs_setattr_syscall(TaskId t, NativeFrame& f)
{
	const auto& r = f.as<run::Syscall>();
	std::string path;
	if (int64_t err = user_path(t, r.args[0], &path); err < 0)
		return err;
	bool unlink = r.syscall == BuiltinId::unlink;
	Kstat st;
	if (int64_t err = vfs_walk(t, path, false, !unlink, &st); err < 0)
		return err;
	if (unlink) {
		// do_unlinkat(): a directory is EISDIR; a file system without ->unlink (procfs,
		// sysfs) EPERM.
		if (s_isdir(st.mode))
			return -abi::kEISDIR;
		if (builtin_node(path) || !made_node(m, path))
			return -abi::kEPERM;   // kctx's own device nodes stay
		// Files open on it keep their inode (and a FIFO its pipe): only the name goes.
		m.vfs.nodes.erase(path);
		m.vfs.fifos.erase(path);
		m.vfs.symlinks.erase(path);
		m.vfs.attrs.erase(path);
		return 0;
	}
	// chmod(2) and chown(2) change what a symlink leads to.
	if (int64_t err = 0; m.vfs.symlinks.contains(path)) {
		path = fstree::follow_symlinks(m, path, &err);
		if (err)
			return err;
	}
	if (builtin_node(path) || !made_node(m, path))
		return -abi::kEPERM;   // kctx's own nodes, /proc and /sys keep their modes and owners
	NodeAttr& attr = m.vfs.attrs.try_emplace(path, NodeAttr{st.mode, st.time_ns}).first->second;
	if (r.syscall == BuiltinId::chmod) {
		// chmod_common(): the type bits stay, S_IALLUGO from the caller.
		attr.mode = (st.mode & 0170000) | (static_cast<uint32_t>(r.args[1]) & 07777);
		return 0;
	}
	// chown_common(): -1 leaves an id as it is; on a non-directory ATTR_KILL_SUID and
	// ATTR_KILL_SGID, which notify_change() turns into clearing S_ISUID, and S_ISGID
	// when group execute is set, whoever the caller is.
	auto uid = static_cast<uint32_t>(r.args[1]);
	auto gid = static_cast<uint32_t>(r.args[2]);
	if (uid != 0xffffffffu)
		attr.uid = uid;
	if (gid != 0xffffffffu)
		attr.gid = gid;
	attr.mode &= ~04000u;
	if ((attr.mode & 02010) == 02010)
		attr.mode &= ~02000u;
	return 0;
}

}   // namespace kctx::kernel
