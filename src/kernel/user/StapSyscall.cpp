// __kctx_stap(op, argv, argc, buf, size): the `stap` program's requests to the kernel's
// probe host (core/ProbeHost.h, set by the CLI). The kernel only carries them: it reads
// the command line from the process's memory, hands the request over, copies the reply's
// text (at most `size` bytes) to `buf` and returns, for the reads, the text's length,
// else the reply's value; -ENOSYS without a probe host.
#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/ProbeHost.h"

namespace kctx::kernel {

namespace {

// A stap command line is short; these bound what one request makes the host read.
constexpr uint64_t kMaxArgs = 256;
constexpr uint64_t kMaxArg = 64 * 1024;

}  // namespace

bool Kernel::stap_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::Syscall>();
	vm::Memory& mm = m.tasks[t].user->mm;
	if (!m_probe_host) {
		f.ret = -abi::kENOSYS;
		return true;
	}
	if (r.args[0] >= static_cast<uint64_t>(StapOp::Count) || r.args[2] > kMaxArgs) {
		f.ret = -abi::kEINVAL;
		return true;
	}
	auto op = static_cast<StapOp>(r.args[0]);
	std::vector<std::string> argv(r.args[2]);
	for (uint64_t i = 0; i < argv.size(); i++) {
		uint64_t p = 0;
		if (!mm.read(r.args[1] + i * 8, &p, 8) || !mm.read_string(p, argv[i], kMaxArg)) {
			f.ret = -abi::kEFAULT;
			return true;
		}
	}
	ProbeHost::Reply reply = m_probe_host->stap_request(m, cpu, t, op, argv, r.args[4]);
	uint64_t n = std::min<uint64_t>(reply.text.size(), r.args[4]);
	if (n && !mm.write(r.args[3], reply.text.data(), n)) {
		f.ret = -abi::kEFAULT;
		return true;
	}
	bool read = op == StapOp::ReadOut || op == StapOp::ReadErr;
	f.ret = read ? static_cast<int64_t>(reply.text.size()) : reply.ret;
	return true;
}

}   // namespace kctx::kernel
