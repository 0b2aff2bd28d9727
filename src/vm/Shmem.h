// Shared memory objects: the pages behind MAP_SHARED|MAP_ANONYMOUS mappings. Linux backs
// such a mapping with a shmem file (mm/shmem.c shmem_zero_setup(), the "/dev/zero
// (deleted)" of /proc/PID/maps) whose page cache every process mapping it faults in,
// so a fork() child and its parent see each other's writes.
//
// One table per machine holds every object by id; a Memory region that maps one names it
// by that id and the page offset it starts at (vm_pgoff), never by a host pointer, so the
// machine stays one plain value. A page belongs to exactly one table: copying a table
// copies its pages, so the table a snapshot holds never shares a page with the live one,
// and a host pointer a Memory cached into a table page stays valid for as long as that
// Memory maps the object.
#pragma once

#include <cstdint>
#include <map>

#include "vm/Memory.h"

namespace kctx::vm {

struct ShmemObject {
	uint64_t pages = 0;                        // its size (the shmem inode's i_size), in pages
	std::map<uint64_t, Memory::Page> data;     // resident pages by page offset (its page cache)
	bool operator==(const ShmemObject&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(pages, data); }
};

class ShmemTable {
public:
	// A new zero-filled object of `pages` pages (shmem_kernel_file_setup()); ids are
	// never reused.
	[[nodiscard]] uint32_t create(uint64_t pages);
	// The object's last mapping went (shmem_evict_inode(): its pages are freed).
	void destroy(uint32_t id);
	// The host bytes of the object's page `pgoff`, zero-filled at its first touch
	// (shmem_fault() -> shmem_get_folio_gfp()). The object must exist and hold the page.
	[[nodiscard]] uint8_t* page(uint32_t id, uint64_t pgoff);
	[[nodiscard]] const ShmemObject* find(uint32_t id) const;
	[[nodiscard]] const std::map<uint32_t, ShmemObject>& objects() const { return m_objects; }

	bool operator==(const ShmemTable&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(m_objects, m_next_id); }

private:
	std::map<uint32_t, ShmemObject> m_objects;   // node-based: a page never moves while it lives
	uint32_t m_next_id = 1;                      // 0 means "private memory" in a Region
};

}  // namespace kctx::vm
