// files (filesys.c cmd_files()): a task's header, ROOT and CWD, then one line per open
// descriptor: FD, FILE, DENTRY, INODE, TYPE, PATH. A driver's struct file, dentry and
// inode are in kernel memory; those of the files kctx runs natively (the console,
// pipes, /proc) get addresses by one rule (crash/Addresses.h).
#include <fmt/format.h>

#include "abi/Layout.h"
#include "crash/Addresses.h"
#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "crash/Tasks.h"

namespace kctx::crash {

namespace {

using kernel::FileKind;

// The inode's type as crash names S_IFMT: CHR, FIFO, REG, DIR.
std::string_view file_type(const kernel::OpenFile& f)
{
	switch (f.kind) {
	case FileKind::Pipe: return "FIFO";
	case FileKind::Dir: return "DIR";
	case FileKind::Proc:
	case FileKind::Sysfs: return "REG";
	case FileKind::Tty:
	case FileKind::Null:
	case FileKind::Zero:
	case FileKind::Full:
	case FileKind::Kmsg:
	case FileKind::Mem:
	case FileKind::Driver: return f.entry ? "REG" : "CHR";
	}
	return "REG";
}

std::string file_path(const kernel::OpenFile& f)
{
	// fs/pipe.c pipefs_dname(): "pipe:[ino]" for an anonymous pipe.
	if (f.kind == FileKind::Pipe && f.path.empty())
		return fmt::format("pipe:[{}]", (f.pipe >> 8) & 0xffffff);
	return f.path;
}

std::string files_of(const Target& t, kernel::TaskId id)
{
	const kernel::Task& task = t.machine.tasks[id];
	std::string out = task_header(t, id);
	if (!task.user) {
		// A kernel thread's files_struct is init_files, with no descriptor open.
		return out + "ROOT: /    CWD: /\nNo open files\n";
	}
	out += "ROOT: /    CWD: /\n";
	const auto& fds = task.user->files.fds;
	if (fds.empty())
		return out + "No open files\n";
	out += " FD       FILE            DENTRY           INODE       TYPE PATH\n";
	for (const auto& [fd, f] : fds) {
		uint64_t file = f.file, inode = f.inode, dentry = 0;
		if (f.kind == FileKind::Driver && file) {
			(void)read_kernel(t, file + abi::layout::file::f_path_dentry, &dentry, 8);
		} else {
			file = addr::native_file(id, fd);
			dentry = file + addr::kNativeDentryOffset;
			inode = file + addr::kNativeInodeOffset;
		}
		out += fmt::format("{:>3} {:16x} {:16x} {:16x} {:<4} {}\n", fd, file, dentry, inode, file_type(f), file_path(f));
	}
	return out;
}

}  // namespace

std::string cmd_files(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "", p))
		return usage_error("files", fmt::format("invalid option -- '{}'", *bad));
	std::string errors, out;
	std::vector<kernel::TaskId> ids = named_tasks(s, "files", p.operands, errors);
	for (size_t i = 0; i < ids.size(); i++)
		out += (i ? "\n" : "") + files_of(*s.target, ids[i]);
	return errors + out;
}

}  // namespace kctx::crash
