// The tracing session `kctx run`'s tracing flags (--trace, --trace-out, --perfetto, --html)
// set up: the trace layer's recorder attached to the kernel, its sinks, their files.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "base/Result.h"
#include "cli/Options.h"
#include "cli/Output.h"
#include "kernel/core/Kernel.h"
#include "trace/Ftrace.h"
#include "trace/Perfetto.h"
#include "trace/Recorder.h"
#include "trace/Timeline.h"

namespace kctx::cli {

class TraceSession {
public:
	// Opens the output files; null when the options ask for no tracing. An error names the
	// file that cannot be created.
	[[nodiscard]] static Result<std::unique_ptr<TraceSession>>
	open(const TraceOptions& opts, const kernel::Config& config);
	explicit TraceSession(const kernel::Config& config);
	~TraceSession();
	TraceSession(const TraceSession&) = delete;
	TraceSession& operator=(const TraceSession&) = delete;

	// After boot: the recorder becomes the kernel's hooks.
	void attach(kernel::Kernel& k);
	// The observer attach() gives the kernel (another observer passes it every event).
	[[nodiscard]] kernel::Hooks* hooks() { return &m_recorder; }
	// `console` was just taken from the kernel; returns what stdout shows for this stretch:
	// the console (unless !show_console) with the trace lines where their events happened
	// when they go to stdout. Lines for --trace-out go to their file in timestamp order,
	// as the kernel's trace file shows them.
	[[nodiscard]] std::string drain(std::string console, bool show_console);
	// Whether what drain() returned so far ends in the middle of a line.
	[[nodiscard]] bool stdout_mid_line() const { return m_stdout_mid_line; }
	// At the end of the run: closes the CPUs' last slices and writes the Perfetto file and
	// the HTML page (`title` names the scenario on it; `summary` is kctx's summary line).
	[[nodiscard]] Result<void> finish(const kernel::Machine& m, const std::string& title = {},
					  const std::string& summary = {});

private:
	trace::Recorder m_recorder;
	const kernel::Kernel* m_kernel = nullptr;   // attached to; for its clock
	std::unique_ptr<trace::FtraceSink> m_ftrace;
	std::unique_ptr<trace::PerfettoSink> m_perfetto;
	std::unique_ptr<trace::TimelineSink> m_timeline;   // --html
	std::FILE* m_trace_file = nullptr;   // --trace-out; null: stdout
	std::FILE* m_perfetto_file = nullptr;
	std::FILE* m_html_file = nullptr;
	std::unique_ptr<OutputStream> m_trace_out, m_perfetto_out, m_html_out;   // their writes, errors kept
	bool m_stdout_mid_line = false;
};

}  // namespace kctx::cli
