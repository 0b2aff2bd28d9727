// The ftrace text sink: one line per event in the layout of /sys/kernel/tracing/trace
// (kernel/trace/trace_output.c), with each event's payload as its TP_printk prints it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trace/Event.h"
#include "trace/Sink.h"

namespace kctx::trace {

// "d.h1." : irqs-off, need-resched, hardirq/softirq, preempt depth, migrate-disable
// (trace_output.c trace_print_lat_fmt()).
[[nodiscard]] std::string format_flags(const ContextFlags& f);
// kernel/softirq.c softirq_to_name[vec] ("TIMER"), "?" past the table.
[[nodiscard]] std::string_view softirq_name(uint32_t vec);
// "S", "D", "R", "R+", "Z"…: sched_switch's prev_state (include/trace/events/sched.h).
[[nodiscard]] std::string format_prev_state(uint32_t state, bool preempted, bool exiting);
// The event name and payload: "sched_switch: prev_comm=…", "sys_enter_write: fd: 0x…".
[[nodiscard]] std::string format_payload(const Event& e);
// The whole line, without the newline:
// "        cst_test-104     [001] d..2.  1004.123456: sched_switch: …".
[[nodiscard]] std::string format_line(const Event& e);

class FtraceSink final : public Sink {
public:
	explicit FtraceSink(uint32_t categories) : m_categories(categories) {}

	[[nodiscard]] uint32_t categories() const override { return m_categories; }
	void event(const Event& e) override;

	// The console has printed `bytes` before tracing starts: events are placed in the
	// console's text relative to this.
	void set_console_base(uint64_t bytes) { m_console_base = bytes; }
	// Every line not yet taken, each ending in a newline, in the order the events
	// happened in the simulation.
	[[nodiscard]] std::string take();
	// The lines of events up to `until_ns`, in timestamp order, as the trace file merges
	// the per-CPU ring buffers; later ones stay. Each CPU runs ahead on its own clock, so
	// the simulation's order can step back in time by microseconds from one CPU to the
	// next; everything before the slowest CPU's clock has happened, so passing that keeps
	// the order total.
	[[nodiscard]] std::string take_sorted(uint64_t until_ns);
	// `console` is the console text printed since the last call (what take_console()
	// returned); returns it with the trace lines of the same stretch of the run placed
	// where their events happened. A line that falls inside a console line starts on a
	// line of its own, as two writers to one terminal would show it. With `with_console`
	// false, only the trace lines.
	[[nodiscard]] std::string interleave(std::string_view console, bool with_console = true);
	// Whether everything interleave() returned so far ends at the start of a line.
	[[nodiscard]] bool at_line_start() const { return m_at_line_start; }

private:
	struct Line {
		uint64_t console_pos = 0;
		uint64_t ts = 0;
		std::string text;
	};
	uint32_t m_categories;
	std::vector<Line> m_lines;
	uint64_t m_console_base = 0;
	bool m_at_line_start = true;
};

}  // namespace kctx::trace
