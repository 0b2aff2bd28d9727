// printk's ring buffer and the serial console (kernel/printk/): plain data, part of the
// Machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kctx::kernel {

struct LogRecord {
	uint64_t ts = 0;        // ns
	uint8_t level = 4;      // KERN_* digit; 4 = default (KERN_WARNING)
	std::string text;       // with its newline once the record is complete
	bool operator==(const LogRecord&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(ts, level, text); }
};

// The printk ring buffer (printk/Printk.cpp): log[head..] are the records it holds,
// oldest first; those before head were dropped and go at the next compaction.
struct PrintkState {
	std::vector<LogRecord> log;
	uint64_t head = 0;
	uint64_t seq0 = 0;                    // the sequence number of log[0]
	uint64_t bytes = 0;                   // the data ring's bytes the held records take
	std::string console;                  // what the serial console printed, not yet handed out (take_console)
	uint64_t console_flushed = 0;         // bytes of console output already handed out
	bool console_at_line_start = true;
	// kernel/printk/printk.c: records below console_loglevel reach the console
	// (CONSOLE_LOGLEVEL_DEFAULT 7); syslog(2)'s CONSOLE_OFF keeps the level it replaced in
	// saved_console_loglevel, LOGLEVEL_DEFAULT (-1) when there is none.
	int8_t console_loglevel = 7;
	int8_t saved_console_loglevel = -1;

	// The held records by sequence number: [first_seq(), next_seq()).
	[[nodiscard]] uint64_t first_seq() const { return seq0 + head; }
	[[nodiscard]] uint64_t next_seq() const { return seq0 + log.size(); }
	[[nodiscard]] const LogRecord& record(uint64_t seq) const { return log[seq - seq0]; }
	// A new record; the oldest go until a ring of `buf_bytes` (log_buf_len) holds it.
	void store(LogRecord rec, uint64_t buf_bytes);
	void append(std::string_view piece);         // to the newest record (KERN_CONT)
	void console_write(std::string_view text);   // to the serial console
	// The console printed since the last call. It streams: what was handed out is not
	// kept (a run's console may be far larger than its memory), only how many bytes.
	[[nodiscard]] std::string take_console();
	// The held records as syslog(2)'s READ_ALL returns them (printk/Syslog.cpp).
	[[nodiscard]] std::string syslog_text() const;

	bool operator==(const PrintkState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(log, head, seq0, bytes, console, console_flushed, console_at_line_start, console_loglevel,
							   saved_console_loglevel); }
};

}   // namespace kctx::kernel
