// The explorer builds every successor in one Machine, assigned afresh from the state it
// expands before each transition (check/Explorer.cpp). A transition writes few of the
// Machine's tables (a task, a lock word, a run queue); the sysfs tree, the VFS, the pid
// map, lockdep's classes and the rest are as the last successor left them, which was a
// copy of the same state. A plain copy-assignment copies them all again (node by node
// for the maps: most of a copy's time). MachineCopier compares each field first (no
// allocation) and copies only those that differ.
#pragma once

#include <vector>

#include "kernel/core/Machine.h"

namespace kctx::check {

class MachineCopier {
public:
	// `to` and `from` are kept by reference: the fields are found once, by Machine's
	// serialize() list (the same list that defines what a state is), and paired by place.
	MachineCopier(kernel::Machine& to, const kernel::Machine& from);
	// to = from. The result is equal to a copy-assignment's (tested).
	void copy();

	struct Field {
		void* to;
		const void* from;
		bool (*equal)(const void* a, const void* b);   // null: assigned without comparing
		void (*assign)(void* to, const void* from);
	};

private:
	std::vector<Field> m_fields;
};

}  // namespace kctx::check
