// The files kctx runs natively behind /dev: /dev/zero and /dev/full's reads
// (drivers/char/mem.c read_iter_zero), /dev/mem (read_mem, write_mem with
// CONFIG_STRICT_DEVMEM) and /dev/kmsg (kernel/printk/printk.c devkmsg_read, devkmsg_write).
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/mm/DevMem.h"

namespace kctx::kernel {

int64_t Kernel::clear_user_range(TaskId t, uint64_t buf, uint64_t count)
{
	// read_iter_zero(): zeros a page at a time; a fault ends the read.
	vm::Memory& mm = m.tasks[t].user->mm;
	uint64_t done = 0;
	while (done < count) {
		uint64_t chunk = std::min(count - done, vm::kPageSize - ((buf + done) & (vm::kPageSize - 1)));
		if (!mm.fill(buf + done, 0, chunk))
			return done ? static_cast<int64_t>(done) : -abi::kEFAULT;
		done += chunk;
	}
	return static_cast<int64_t>(done);
}

int64_t Kernel::devmem_read(TaskId t, OpenFile& of, uint64_t buf, uint64_t count)
{
	// drivers/char/mem.c read_mem(), CONFIG_STRICT_DEVMEM: a page at a time, refused
	// with EPERM where devmem_is_allowed() says 0, zeros where it says 2.
	auto p = static_cast<uint64_t>(of.pos);
	if (!physmem::valid_phys_addr_range(p, count))
		return -abi::kEFAULT;
	vm::Memory& mm = m.tasks[t].user->mm;
	uint64_t read = 0;
	int64_t err = 0;
	std::vector<uint8_t> bounce;
	while (count > 0) {
		uint64_t sz =
			std::min(count, vm::kPageSize - (p & (vm::kPageSize - 1)));   // size_inside_page()
		int allowed = physmem::devmem_is_allowed(p / vm::kPageSize);
		if (!allowed) {
			err = -abi::kEPERM;
			break;
		}
		bounce.assign(sz, 0);
		if (allowed == 1)
			physmem::firmware_bytes(p, bounce);
		if (!mm.write(buf, bounce.data(), sz)) {
			err = -abi::kEFAULT;
			break;
		}
		buf += sz;
		p += sz;
		count -= sz;
		read += sz;
	}
	of.pos += static_cast<int64_t>(read);
	return read ? static_cast<int64_t>(read) : err;
}

int64_t Kernel::devmem_write(OpenFile& of, uint64_t count)
{
	// write_mem(): the same checks; a restricted page in the first megabyte swallows the
	// write, firmware and MMIO ignore it.
	auto p = static_cast<uint64_t>(of.pos);
	if (!physmem::valid_phys_addr_range(p, count))
		return -abi::kEFAULT;
	uint64_t written = 0;
	while (count > 0) {
		uint64_t sz = std::min(count, vm::kPageSize - (p & (vm::kPageSize - 1)));
		if (!physmem::devmem_is_allowed(p / vm::kPageSize))
			return written ? static_cast<int64_t>(written) : -abi::kEPERM;
		p += sz;
		count -= sz;
		written += sz;
	}
	of.pos += static_cast<int64_t>(written);
	return static_cast<int64_t>(written);
}

int64_t Kernel::devkmsg_read(TaskId t, OpenFile& of, uint64_t buf, int64_t count)
{
	// devkmsg_read(): one record per read, "level,seq,usec,flag;text\n"; -EAGAIN when
	// there is no new one (the caller sleeps unless O_NONBLOCK).
	auto seq = static_cast<uint64_t>(of.pos);
	if (seq >= m.printk.next_seq())
		return -abi::kEAGAIN;
	if (seq < m.printk.first_seq()) {
		// The ring overwrote what this reader had not read: -EPIPE once, then it
		// goes on from the oldest record held (devkmsg_read(), user->seq = r->info->seq).
		of.pos = static_cast<int64_t>(m.printk.first_seq());
		return -abi::kEPIPE;
	}
	const LogRecord& r = m.printk.record(seq);
	std::string text = r.text;
	if (!text.empty() && text.back() == '\n')
		text.pop_back();
	std::string line = fmt::format("{},{},{},-;{}\n", r.level, seq, r.ts / 1000, text);
	if (static_cast<int64_t>(line.size()) > count)
		return -abi::kEINVAL;
	if (!m.tasks[t].user->mm.write(buf, line.data(), line.size()))
		return -abi::kEFAULT;
	of.pos++;
	return static_cast<int64_t>(line.size());
}

int64_t Kernel::devkmsg_write(uint32_t cpu, const std::string& data)
{
	// devkmsg_write(): "<N>" selects the level; the default is
	// CONFIG_MESSAGE_LOGLEVEL_DEFAULT (4). One record per write.
	if (data.size() > 1024 - 32)   // LOG_LINE_MAX
		return -abi::kEINVAL;
	std::string line = data;
	int level = 4;
	if (!line.empty() && line[0] == '<') {
		size_t close = line.find('>');
		if (close != std::string::npos && close > 1 &&
		    line.find_first_not_of("0123456789", 1) == close) {
			level = std::stoi(line.substr(1, close - 1)) & 7;
			line = line.substr(close + 1);
		}
	}
	printk(cpu, fmt::format("\001{}{}", level, line));
	return static_cast<int64_t>(data.size());
}
}   // namespace kctx::kernel
