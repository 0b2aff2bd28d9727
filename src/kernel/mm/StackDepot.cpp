#include "kernel/mm/StackDepot.h"

#include "base/Hash.h"

namespace kctx::kernel {

namespace {

uint64_t hash_frames(const std::vector<std::string>& frames)
{
	uint64_t h = frames.size();
	for (const std::string& f : frames)
		h = h * 0x9e3779b97f4a7c15ull ^ hash_bytes(f.data(), f.size());
	return h;
}

}  // namespace

StackHandle StackDepot::save(const std::vector<std::string>& frames)
{
	if (frames.empty())
		return 0;
	// A depot read back from a dump, or copied mid-index, catches its index up first.
	for (; m_indexed < m_stacks.size(); ++m_indexed)
		m_index.emplace(hash_frames(m_stacks[m_indexed]), static_cast<StackHandle>(m_indexed + 1));
	uint64_t h = hash_frames(frames);
	auto [first, last] = m_index.equal_range(h);
	for (auto it = first; it != last; ++it)
		if (m_stacks[it->second - 1] == frames)
			return it->second;
	m_stacks.push_back(frames);
	auto handle = static_cast<StackHandle>(m_stacks.size());
	m_index.emplace(h, handle);
	m_indexed = m_stacks.size();
	return handle;
}

const std::vector<std::string>& StackDepot::fetch(StackHandle h) const
{
	static const std::vector<std::string> kNone;
	return h == 0 || h > m_stacks.size() ? kNone : m_stacks[h - 1];
}

}  // namespace kctx::kernel
