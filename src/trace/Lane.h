// A lane of the HTML timeline: what one row shows over time, as consecutive segments of a
// value (a context kind, a preempt_count, a task state) with a label. Adjacent equal
// segments are one; coarsen() merges what is too fine to keep on a long run.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace kctx::trace {

struct Segment {
	uint64_t start = 0;
	uint64_t end = 0;
	uint32_t value = 0;    // what the lane shows: an ExecKind, a preempt_count, a task state
	uint32_t label = 0;    // an index into the timeline's strings
	uint32_t merged = 1;   // how many segments it stands for: more than 1 once coarsened
	bool operator==(const Segment&) const = default;
};

struct Shown {
	uint32_t value = 0;
	uint32_t label = 0;
	bool operator==(const Shown&) const = default;
};

class Lane {
public:
	// From `ts` on the lane shows `shown`, or nothing. Time never goes back.
	void set(uint64_t ts, std::optional<Shown> shown);
	void close(uint64_t ts) { set(ts, std::nullopt); }
	[[nodiscard]] const std::vector<Segment>& segments() const { return m_segments; }
	[[nodiscard]] std::optional<Shown> shown() const;
	// Merges neighbours less than `resolution` ns apart whose two lengths are both under
	// it (the longer one's value stands for both), and equal neighbours that close a gap
	// under it. Returns how many segments went.
	size_t coarsen(uint64_t resolution);

private:
	std::vector<Segment> m_segments;
	bool m_open = false;   // the last segment runs on
};

}  // namespace kctx::trace
