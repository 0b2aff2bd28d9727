#include "check/MachineWriter.h"

#include <gtest/gtest.h>

#include <string>

namespace kctx::check {
namespace {

kernel::Machine filled()
{
	kernel::Machine m;
	m.cpus.resize(2);
	m.cpus[1].preempt_count = 0x100;
	m.kmem.map(0xffff888000000000ull, 2 * vm::kPageSize, "kmem");
	(void)m.kmem.store(0xffff888000000010ull, uint64_t{42});
	m.devmodel.sysfs["/sys/module/m"] = kernel::SysfsNode{};
	m.pid.hold(1);
	m.warned_once.insert("site");
	m.kmalloc_next = 0x1000;
	return m;
}

std::string plain_bytes(kernel::Machine& m)
{
	StateWriter w;
	w(m);
	return std::string(w.bytes());
}

std::string writer_bytes(MachineWriter& mw, kernel::Machine& m)
{
	StateWriter w;
	mw.write(m, w);
	return std::string(w.bytes());
}

// Exact states: the remembered tables enter as their own bytes, so the result is the
// Machine's serialization, byte for byte, the first time and every time after.
TEST(MachineWriter, ExactIsTheSerialization)
{
	kernel::Machine m = filled();
	MachineWriter mw(false);
	EXPECT_EQ(writer_bytes(mw, m), plain_bytes(m));
	EXPECT_EQ(writer_bytes(mw, m), plain_bytes(m));
	m.pid.hold(9);
	EXPECT_EQ(writer_bytes(mw, m), plain_bytes(m));
}

// A remembered table that changed is written again: the memo compares it with the value
// it wrote for, never trusts the place (the explorer reuses one Machine for every state).
TEST(MachineWriter, AChangedTableIsWrittenAgain)
{
	for (bool digest : {false, true}) {
		kernel::Machine m = filled();
		MachineWriter mw(digest);
		std::string before = writer_bytes(mw, m);
		m.devmodel.sysfs["/sys/module/n"] = kernel::SysfsNode{};
		std::string after = writer_bytes(mw, m);
		EXPECT_NE(before, after) << digest;
		m.devmodel.sysfs.erase("/sys/module/n");
		EXPECT_EQ(writer_bytes(mw, m), before) << digest;
		kernel::Machine other = filled();   // another object with the same value
		EXPECT_EQ(writer_bytes(mw, other), before) << digest;
	}
}

}  // namespace
}  // namespace kctx::check
