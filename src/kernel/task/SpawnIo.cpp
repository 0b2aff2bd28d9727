// __kctx_spawn_io: the shell's fork + dup2 + exec of a pipeline stage or a redirected
// command. The child gets three of the caller's open files as its standard input,
// output and error, shared as fork() shares them (kernel/fork.c dup_fd(): one struct
// file, one more reference), and nothing else: ash closes every other descriptor it
// opened (the pipe ends of the other stages) before exec.
#include "abi/Errno.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

bool Kernel::spawn_io_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	Task& task = m.tasks[t];
	if (!task.user)
		return finish(-abi::kEFAULT);
	std::vector<std::string> argv;
	for (uint64_t i = 0; i < r.args[1] && i < 64; i++) {
		uint64_t p = 0;
		std::string s;
		if (!task.user->mm.load(r.args[2] + i * 8, p) || !task.user->mm.read_string(p, s, 4096))
			return finish(-abi::kEFAULT);
		argv.push_back(std::move(s));
	}
	std::array<OpenFile, 3> stdio;
	for (uint64_t i = 0; i < 3; i++) {
		int32_t fd = 0;
		if (!task.user->mm.load(r.args[3] + i * 4, fd))
			return finish(-abi::kEFAULT);
		auto it = task.user->files.fds.find(fd);
		if (it == task.user->files.fds.end())
			return finish(-abi::kEBADF);
		stdio[i] = it->second;
	}
	if (!exec_file_exists(r.args[0]))
		return finish(-abi::kENOENT);
	if (int64_t err = fork_limits_check())
		return finish(err);
	TaskId child = spawn_process(cpu, t, static_cast<uint32_t>(r.args[0]), argv);
	FileTable& files = m.tasks[child].user->files;
	for (int32_t fd = 0; fd < 3; fd++) {
		OpenFile& of = stdio[static_cast<size_t>(fd)];
		if (of.kind == FileKind::Driver && of.opened)
			m.vfs.shared_files[of.file]++;
		if (of.kind == FileKind::Pipe)
			pipe_share(of.pipe, of.mode);
		files.fds[fd] = of;
	}
	return finish(m.tasks[child].pid);
}

}   // namespace kctx::kernel
