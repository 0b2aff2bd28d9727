// syslog(2), as klogctl(3) calls it (kernel/printk/printk.c do_syslog()): what busybox
// dmesg reads (READ_ALL, SIZE_BUFFER) and the console's level (CONSOLE_OFF, CONSOLE_ON,
// CONSOLE_LEVEL: `dmesg -n`, LDD3's setlevel). Every task is root, so none is refused.
#include <algorithm>

#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/printk/Loglevel.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
// include/linux/syslog.h
constexpr uint64_t kSyslogActionReadAll = 3;
constexpr uint64_t kSyslogActionConsoleOff = 6;
constexpr uint64_t kSyslogActionConsoleOn = 7;
constexpr uint64_t kSyslogActionConsoleLevel = 8;
constexpr uint64_t kSyslogActionSizeBuffer = 10;
}   // namespace

std::string PrintkState::syslog_text() const
{
	// record_print_text(r, syslog=true, time=true): "<level>[    0.000000] text\n" per
	// record; the facility of kernel messages is 0, so the prefix is the level alone.
	std::string out;
	for (uint64_t seq = first_seq(); seq < next_seq(); seq++) {
		const LogRecord& rec = record(seq);
		out += fmt::format("<{}>[{:5}.{:06}] {}", rec.level, rec.ts / 1000000000, rec.ts % 1000000000 / 1000, rec.text);
		if (out.back() != '\n')
			out += '\n';
	}
	return out;
}

bool Kernel::syslog_syscall(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	(void)cpu;
	switch (r.args[0]) {
	case kSyslogActionSizeBuffer: return finish(static_cast<int64_t>(m_config.log_buf_bytes()));   // log_buf_len
	case kSyslogActionReadAll: {
		auto len = static_cast<int64_t>(static_cast<int32_t>(r.args[2]));
		if (!r.args[1] || len < 0)
			return finish(-abi::kEINVAL);
		std::string text = m.printk.syslog_text();
		// syslog_print_all(): the newest records that fit, whole.
		while (static_cast<int64_t>(text.size()) > len) {
			size_t nl = text.find('\n');
			text.erase(0, nl == std::string::npos ? text.size() : nl + 1);
		}
		if (!text.empty() && !m.tasks[t].user->mm.write(r.args[1], text.data(), text.size()))
			return finish(-abi::kEFAULT);
		return finish(static_cast<int64_t>(text.size()));
	}
	case kSyslogActionConsoleOff:
		if (m.printk.saved_console_loglevel == loglevel::kDefault)
			m.printk.saved_console_loglevel = m.printk.console_loglevel;
		m.printk.console_loglevel = loglevel::kConsoleMin;
		return finish(0);
	case kSyslogActionConsoleOn:
		if (m.printk.saved_console_loglevel != loglevel::kDefault) {
			m.printk.console_loglevel = m.printk.saved_console_loglevel;
			m.printk.saved_console_loglevel = loglevel::kDefault;
		}
		return finish(0);
	case kSyslogActionConsoleLevel: {
		auto len = static_cast<int32_t>(r.args[2]);
		if (len < 1 || len > 8)
			return finish(-abi::kEINVAL);
		m.printk.console_loglevel = static_cast<int8_t>(std::max<int32_t>(len, loglevel::kConsoleMin));
		m.printk.saved_console_loglevel = loglevel::kDefault;   // implicitly re-enables the console
		return finish(0);
	}
	default: return finish(-abi::kEINVAL);
	}
}

}   // namespace kctx::kernel
