#include "cli/TraceOptions.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "trace/Category.h"
#include "trace/HtmlPage.h"

namespace kctx::cli {

namespace {
Result<std::FILE*> create(const std::string& path)
{
	std::FILE* f = std::fopen(path.c_str(), "w");
	if (!f)
		return Error{fmt::format("kctx: cannot create '{}': {}", path, std::strerror(errno))};
	return f;
}
}  // namespace

TraceSession::TraceSession(const kernel::Config& config) : m_recorder(config)
{}

TraceSession::~TraceSession()
{
	if (m_trace_file)
		std::fclose(m_trace_file);
	if (m_perfetto_file)
		std::fclose(m_perfetto_file);
	if (m_html_file)
		std::fclose(m_html_file);
}

Result<std::unique_ptr<TraceSession>>
TraceSession::open(const TraceOptions& opts, const kernel::Config& config)
{
	if (opts.categories.empty() && opts.perfetto.empty() && opts.html.empty())
		return std::unique_ptr<TraceSession>();
	auto s = std::make_unique<TraceSession>(config);
	if (!opts.categories.empty()) {
		uint32_t set = KCTX_TRY(trace::parse_categories(opts.categories));
		s->m_ftrace = std::make_unique<trace::FtraceSink>(set);
		s->m_recorder.add_sink(s->m_ftrace.get());
		if (!opts.out.empty()) {
			s->m_trace_file = KCTX_TRY(create(opts.out));
			s->m_trace_out = std::make_unique<OutputStream>(s->m_trace_file, fmt::format("'{}'", opts.out));
		}
	}
	if (!opts.perfetto.empty()) {
		s->m_perfetto = std::make_unique<trace::PerfettoSink>();
		s->m_recorder.add_sink(s->m_perfetto.get());
		s->m_perfetto_file = KCTX_TRY(create(opts.perfetto));
		s->m_perfetto_out = std::make_unique<OutputStream>(s->m_perfetto_file, fmt::format("'{}'", opts.perfetto));
	}
	if (!opts.html.empty()) {
		s->m_timeline = std::make_unique<trace::TimelineSink>();
		s->m_recorder.add_sink(s->m_timeline.get());
		s->m_html_file = KCTX_TRY(create(opts.html));
		s->m_html_out = std::make_unique<OutputStream>(s->m_html_file, fmt::format("'{}'", opts.html));
	}
	return s;
}

void TraceSession::attach(kernel::Kernel& k)
{
	if (m_ftrace)
		m_ftrace->set_console_base(k.machine().printk.console_flushed);
	if (m_timeline)
		m_timeline->set_console_base(k.machine().printk.console_flushed);
	m_recorder.set_images(&k.images());
	m_recorder.start(k.machine());
	k.set_hooks(&m_recorder);
	m_kernel = &k;
}

std::string TraceSession::drain(std::string console, bool show_console)
{
	if (m_timeline)
		m_timeline->add_console(console);
	std::string out;
	if (m_ftrace && !m_trace_file) {
		out = m_ftrace->interleave(console, show_console);
	} else {
		if (m_ftrace) {
			// Write errors are kept by the stream and reported by finish().
			m_trace_out->write(m_ftrace->take_sorted(m_kernel ? m_kernel->now() : 0));
		}
		if (show_console)
			out = std::move(console);
	}
	if (!out.empty())
		m_stdout_mid_line = out.back() != '\n';
	return out;
}

Result<void> TraceSession::finish(const kernel::Machine& m, const std::string& title, const std::string& summary)
{
	m_recorder.finish(m);
	if (m_trace_out && m_ftrace) {
		m_trace_out->write(m_ftrace->take_sorted(~0ull));
		KCTX_TRY_VOID(m_trace_out->finish());
	}
	if (m_perfetto_out) {
		m_perfetto_out->write(m_perfetto->text() + "\n");
		KCTX_TRY_VOID(m_perfetto_out->finish());
	}
	if (m_html_out) {
		m_html_out->write(trace::html_page(*m_timeline, trace::PageInfo{title, summary}));
		KCTX_TRY_VOID(m_html_out->finish());
	}
	return {};
}

}  // namespace kctx::cli
