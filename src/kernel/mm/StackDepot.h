// lib/stackdepot.c: every distinct stack KASAN saves is stored once, and an object's
// alloc and free tracks keep only a handle to it (depot_stack_handle_t), as Linux's
// kasan_alloc_meta does. Without it each tiny slab object carried its own copy of two
// stacks, a few hundred bytes of host memory for an 8-byte object, which broke the
// bound docs/limits.md gives for a run's host memory (a kmalloc(8) loop to the limit of
// mem=64M: 1.4 GB). A loop allocating from one place saves one stack, however many
// objects it makes.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace kctx::kernel {

using StackHandle = uint32_t;   // 0: no stack saved

class StackDepot {
public:
	// stack_depot_save(): the handle of `frames`, stored if the depot has not seen them.
	[[nodiscard]] StackHandle save(const std::vector<std::string>& frames);
	// stack_depot_fetch(): the frames of a handle; none for 0 or an unknown handle.
	[[nodiscard]] const std::vector<std::string>& fetch(StackHandle h) const;
	[[nodiscard]] size_t size() const { return m_stacks.size(); }

	// The stacks are the state; the index over them is a host-side cache, rebuilt after a
	// read, neither compared nor serialized.
	bool operator==(const StackDepot& o) const { return m_stacks == o.m_stacks; }
	template <typename Ar> void serialize(Ar& ar) { ar(m_stacks); }

private:
	std::vector<std::vector<std::string>> m_stacks;   // handle h is m_stacks[h - 1]
	std::unordered_multimap<uint64_t, StackHandle> m_index;   // by hash of the frames
	size_t m_indexed = 0;   // m_stacks[0, m_indexed) are in m_index
};

}  // namespace kctx::kernel
