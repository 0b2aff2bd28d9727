#include "vm/Shmem.h"

#include "base/Check.h"

namespace kctx::vm {

uint32_t ShmemTable::create(uint64_t pages)
{
	uint32_t id = m_next_id++;
	m_objects[id].pages = pages;
	return id;
}

void ShmemTable::destroy(uint32_t id) { m_objects.erase(id); }

uint8_t* ShmemTable::page(uint32_t id, uint64_t pgoff)
{
	auto it = m_objects.find(id);
	KCTX_CHECK(it != m_objects.end());
	KCTX_CHECK(pgoff < it->second.pages);
	// try_emplace value-initializes the array: a new page reads as zeros.
	return it->second.data.try_emplace(pgoff).first->second.data();
}

const ShmemObject* ShmemTable::find(uint32_t id) const
{
	auto it = m_objects.find(id);
	return it == m_objects.end() ? nullptr : &it->second;
}

}  // namespace kctx::vm
