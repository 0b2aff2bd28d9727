// The Abstractor's writer of the Machine's own tables (everything but the tasks, which it
// remembers per task object). Most tables a step never writes — the sysfs tree, the slab
// caches, the VFS, the pid map, the modules — yet each transition's state serialized and
// hashed them whole. A table listed here is remembered instead: a copy of the value last
// written and the bytes written for it (its 64-bit digest with a hashed store, else the
// bytes themselves, so exact states stay exact). While the table compares equal to the
// copy (a walk, no allocation), the remembered bytes are written again.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "check/StateWriter.h"
#include "kernel/core/Machine.h"

namespace kctx::check {

class MachineWriter {
public:
	// digest: a remembered table enters as the hash of its bytes (memory pages in it as
	// their hashes too).
	explicit MachineWriter(bool digest);
	// Appends m's fields, in Machine::serialize()'s order, to `out`.
	void write(kernel::Machine& m, StateWriter& out);

	struct Field {
		size_t offset = 0;   // from the start of a Machine
		void (*write)(StateWriter&, void*) = nullptr;
		// Remembered tables only (else null):
		bool (*equal)(const void* a, const void* b) = nullptr;
		std::shared_ptr<void> (*copy)(const void*) = nullptr;
		std::shared_ptr<void> last;   // the value the part below was written for
		std::string part;
	};

private:
	std::vector<Field> m_fields;
	StateWriter m_field_writer;
	bool m_digest;
};

}  // namespace kctx::check
