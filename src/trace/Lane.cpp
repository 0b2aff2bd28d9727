#include "trace/Lane.h"

namespace kctx::trace {

std::optional<Shown> Lane::shown() const
{
	if (!m_open)
		return std::nullopt;
	return Shown{m_segments.back().value, m_segments.back().label};
}

void Lane::set(uint64_t ts, std::optional<Shown> shown)
{
	if (this->shown() == shown)
		return;
	if (m_open) {
		Segment& last = m_segments.back();
		last.end = std::max(ts, last.start);
		m_open = false;
		// A value replaced at the instant it was set was never seen.
		if (last.end == last.start)
			m_segments.pop_back();
	}
	if (!shown)
		return;
	if (!m_segments.empty()) {
		Segment& last = m_segments.back();
		if (last.end == ts && last.value == shown->value && last.label == shown->label && last.merged == 1) {
			m_open = true;   // it comes back at once: the same segment goes on
			return;
		}
	}
	m_segments.push_back(Segment{ts, ts, shown->value, shown->label, 1});
	m_open = true;
}

size_t Lane::coarsen(uint64_t resolution)
{
	if (m_segments.size() < 2)
		return 0;
	size_t before = m_segments.size();
	// The open segment is left alone: it is still growing.
	size_t last = m_open ? m_segments.size() - 1 : m_segments.size();
	std::vector<Segment> out;
	out.reserve(m_segments.size());
	for (size_t i = 0; i < m_segments.size(); i++) {
		const Segment& s = m_segments[i];
		if (out.empty() || i >= last) {
			out.push_back(s);
			continue;
		}
		Segment& prev = out.back();
		uint64_t gap = s.start - prev.end;
		bool same = s.value == prev.value && s.label == prev.label;
		bool both_short = prev.end - prev.start < resolution && s.end - s.start < resolution;
		if (gap >= resolution || !(same || both_short)) {
			out.push_back(s);
			continue;
		}
		if (!same && s.end - s.start > prev.end - prev.start) {
			prev.value = s.value;
			prev.label = s.label;
		}
		prev.end = s.end;
		prev.merged += s.merged;
	}
	m_segments = std::move(out);
	return before - m_segments.size();
}

}  // namespace kctx::trace
