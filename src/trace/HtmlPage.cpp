#include "trace/HtmlPage.h"

#include <algorithm>
#include <array>

#include "base/Check.h"

namespace kctx::trace {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kReportKinds = {"BUG", "WARNING", "Oops", "lockup", "panic"};

json flat(const Lane& lane)
{
	json out = json::array();
	uint64_t prev = 0;
	for (const Segment& s : lane.segments()) {
		out.push_back(s.start - prev);
		out.push_back(s.end - s.start);
		out.push_back(s.value);
		out.push_back(s.merged > 1 ? -static_cast<int64_t>(s.merged) : static_cast<int64_t>(s.label));
		prev = s.start;
	}
	return out;
}

// The console as lines, and where each begins (bytes from the start of the stream).
struct Lines {
	std::vector<std::string_view> text;
	std::vector<uint64_t> starts;
	// The line holding console byte `pos` (the last line for a position past the end).
	[[nodiscard]] size_t at(uint64_t pos) const
	{
		auto it = std::upper_bound(starts.begin(), starts.end(), pos);
		return it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin() - 1);
	}
};

Lines split(std::string_view console, uint64_t base)
{
	Lines l;
	size_t pos = 0;
	while (pos < console.size()) {
		size_t nl = console.find('\n', pos);
		size_t end = nl == std::string_view::npos ? console.size() : nl;
		l.text.push_back(console.substr(pos, end - pos));
		l.starts.push_back(base + pos);
		pos = end + 1;
	}
	return l;
}

std::string_view strip_timestamp(std::string_view line)
{
	// printk's "[%5lu.%06lu] " prefix (kernel/printk/printk.c print_time()).
	size_t open = line.find('[');
	size_t close = line.find("] ");
	if (open != std::string_view::npos && close != std::string_view::npos && open < close &&
	    line.find_first_not_of(" 0123456789.", open + 1) == close)
		return line.substr(close + 2);
	return line;
}

}  // namespace

std::string report_title(std::string_view lines)
{
	static constexpr std::array<std::string_view, 9> kHeads = {
		"BUG:", "WARNING:", "Oops", "general protection fault", "watchdog:", "NMI watchdog:",
		"INFO:", "Kernel panic", "kernel BUG"};
	std::string_view first;
	size_t pos = 0;
	while (pos < lines.size()) {
		size_t nl = lines.find('\n', pos);
		std::string_view line =
			strip_timestamp(lines.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
		pos = nl == std::string_view::npos ? lines.size() : nl + 1;
		for (std::string_view head : kHeads)
			if (line.find(head) != std::string_view::npos)
				return std::string(line);
		// Banners ("------------[ cut here ]------------", "=====") are no title.
		if (first.empty() && line.find_first_not_of("-=[] cuthere") != std::string_view::npos)
			first = line;
	}
	return std::string(first);
}

json timeline_json(const TimelineSink& sink, const PageInfo& info)
{
	Lines lines = split(sink.console(), sink.console_base());
	json cpus = json::array();
	uint64_t start = ~0ull, end = 0;
	for (const CpuLanes& c : sink.cpus()) {
		json bands = json::array();
		for (const Lane& b : c.bands)
			bands.push_back(flat(b));
		cpus.push_back({{"bands", std::move(bands)}, {"preempt", flat(c.preempt)}, {"irqsoff", flat(c.irqs_off)}});
		start = std::min(start, c.start);
		end = std::max(end, c.end);
	}
	if (start > end)
		start = end;
	json tasks = json::array();
	for (const auto& [pid, t] : sink.tasks())
		tasks.push_back({{"name", t.name}, {"states", flat(t.state)}});
	json reports = json::array();
	for (const ReportMark& r : sink.reports()) {
		size_t first = lines.at(r.console_start);
		size_t last = r.console_end > r.console_start ? lines.at(r.console_end - 1) : first;
		std::string text;
		uint64_t base = sink.console_base();
		if (r.console_start >= base && r.console_start - base < sink.console().size()) {
			size_t from = r.console_start - base;
			size_t to = std::min<uint64_t>(r.console_end - base, sink.console().size());
			text = report_title(std::string_view(sink.console()).substr(from, to - from));
		}
		// The report is marked where its first line was printed, not where its step ended.
		uint64_t ts = r.ts;
		const auto& pk = sink.printks();
		auto at = std::lower_bound(pk.begin(), pk.end(), r.console_start,
					   [](const PrintkMark& p, uint64_t pos) { return p.console_pos < pos; });
		if (at != pk.end() && at->console_pos < r.console_end && at->cpu == r.cpu)
			ts = std::min(ts, at->ts);
		reports.push_back({ts, r.cpu, kReportKinds[static_cast<size_t>(r.kind)], first, last, text});
	}
	json printks = json::array();
	for (const PrintkMark& p : sink.printks())
		printks.push_back({lines.at(p.console_pos), p.ts, p.cpu});
	json console = json::array();
	for (std::string_view l : lines.text)
		console.push_back(l);
	return {{"title", info.title},
		{"summary", info.summary},
		{"start", start},
		{"end", end},
		{"kinds", exec_kind_names()},
		{"states", task_state_names()},
		{"strings", sink.strings()},
		{"cpus", std::move(cpus)},
		{"tasks", std::move(tasks)},
		{"reports", std::move(reports)},
		{"printk", std::move(printks)},
		{"console", std::move(console)},
		{"consoleTruncated", sink.console_truncated()},
		{"resolution", sink.resolution()}};
}

std::string html_page(const TimelineSink& sink, const PageInfo& info)
{
	std::string data = timeline_json(sink, info).dump(-1, ' ', false, json::error_handler_t::replace);
	// Inside <script>, "</script" or "<!--" would end or change the element; '<' only
	// occurs inside JSON strings, where \u003c reads back as '<'.
	std::string safe;
	safe.reserve(data.size());
	for (char c : data) {
		if (c == '<')
			safe += "\\u003c";
		else
			safe += c;
	}
	std::string_view page = html_template();
	size_t at = page.find(kHtmlDataMarker);
	KCTX_CHECK(at != std::string_view::npos);
	std::string out;
	out.reserve(page.size() + safe.size());
	out.append(page.substr(0, at));
	out.append(safe);
	out.append(page.substr(at + kHtmlDataMarker.size()));
	return out;
}

}  // namespace kctx::trace
