// uname(2): kernel/sys.c newuname() copies init_uts_ns's struct new_utsname. The release
// is the one dump_stack() prints (Config::release()); the version's first word is the
// "#1" it prints, then what a Debian 6.1 kernel's UTS_VERSION says of its build
// (scripts/mkcompile_h: SMP, then the preemption model); the nodename and domainname
// are the kernel's defaults (UTS_NODENAME, UTS_DOMAINNAME: "(none)"), since nothing in
// init.sh sets a hostname.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/user/Uname.h"

namespace kctx::kernel {

std::array<std::string, 6> uts_fields(const Config& config)
{
	return {"Linux", "(none)", std::string(config.release()), std::string(config.spec().uts_version), "x86_64",
		"(none)"};
}

bool Kernel::uname_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	(void)cpu;
	auto& r = f.as<run::Syscall>();
	constexpr size_t kLen = 65;   // __NEW_UTS_LEN + 1
	const std::array<std::string, 6> fields = uts_fields(m_config);
	std::string buf(kLen * fields.size(), '\0');
	for (size_t i = 0; i < fields.size(); i++)
		buf.replace(i * kLen, std::min(fields[i].size(), kLen - 1), fields[i].substr(0, kLen - 1));
	if (!m.tasks[t].user->mm.write(r.args[0], buf.data(), buf.size())) {
		f.ret = -abi::kEFAULT;
		return true;
	}
	f.ret = 0;
	return true;
}

}   // namespace kctx::kernel
