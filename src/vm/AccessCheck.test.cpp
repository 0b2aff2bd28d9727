// The host's access-check window (AddressSpace::check): what KASAN in the kernel layer
// builds on. Loads, stores, MEMCPY and MEMSET inside the window ask the host first; a
// refusal is a Checked fault that leaves pc on the access, so the access runs again when
// the host lets it.
#include <gtest/gtest.h>

#include "vm/Assembler.h"
#include "vm/Interpreter.h"

namespace kctx::vm {
namespace {

constexpr uint64_t kText = 0x400000;
constexpr uint64_t kData = 0x600000;
constexpr uint64_t kStackTop = 0x7ffff0000000;
constexpr uint64_t kWindow = 0xffff888104000000;

// The host: refuses [bad, bad+8) until told to let one access through.
struct Host {
	uint64_t bad = kWindow + 16;
	int asked = 0;
	bool let_through = false;
	uint64_t last_size = 0;
	bool last_write = false;
	static bool check(void* h, uint64_t addr, uint64_t size, bool write)
	{
		auto* self = static_cast<Host*>(h);
		self->asked++;
		self->last_size = size;
		self->last_write = write;
		bool hits = addr < self->bad + 8 && addr + size > self->bad;
		return !hits || self->let_through;
	}
};

struct Fixture {
	Program prog;
	std::vector<Image> images;
	Memory kernel;
	Thread t;
	NativeContext cx;
	NativeTable natives;
	Host host;

	explicit Fixture(std::string_view src)
	{
		Result<Program> r = assemble(src);
		if (!r.ok()) {
			ADD_FAILURE() << r.error().message;
			return;
		}
		prog = std::move(*r);
		images.push_back(Image{&prog, kText, kData});
		kernel.map(kWindow, kPageSize, "kmalloc-64");
		t.sp = kStackTop;
		t.stack_limit = kStackTop - 4096;
		cx.mem.kernel = &kernel;
		cx.mem.check = AccessCheck{kWindow, kPageSize, &Host::check, &host};
	}
	RunResult start(std::vector<uint64_t> args)
	{
		EXPECT_TRUE(push_call(t, images, 0, 0, args));
		return run(t, images, cx, natives, 1000);
	}
};

TEST(AccessCheck, ARefusedLoadFaultsOnTheAccessAndRunsAgainWhenAllowed)
{
	Fixture f("func f nparams=1 nregs=2\n LOADI r1, 7\n LD32U r1, r0, 0\n RET r1\n");
	ASSERT_TRUE(f.kernel.store<uint32_t>(kWindow + 20, 1234));
	RunResult r = f.start({kWindow + 20});
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Checked);
	EXPECT_EQ(r.fault_address, kWindow + 20);
	EXPECT_EQ(r.fault_size, 4u);
	EXPECT_FALSE(r.fault_write);
	EXPECT_EQ(f.t.frames.back().pc, 1u);   // on the load, not past it
	EXPECT_EQ(r.executed, 1u);             // the refused load is not charged

	f.host.let_through = true;
	r = run(f.t, f.images, f.cx, f.natives, 1000);
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 1234u);
}

TEST(AccessCheck, StoresReportTheirSizeAndDirection)
{
	Fixture f("func f nparams=2 nregs=2\n ST16 r1, r0, 0\n RETV\n");
	RunResult r = f.start({kWindow + 23, 5});
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Checked);
	EXPECT_EQ(r.fault_size, 2u);
	EXPECT_TRUE(r.fault_write);
	uint16_t v = 1;
	ASSERT_TRUE(f.kernel.load(kWindow + 23, v));
	EXPECT_EQ(v, 0u);   // nothing was written
}

TEST(AccessCheck, TheWindowsPageIsNeverCachedByARun)
{
	// Three accesses to the same window page in one run: each is asked, none is served
	// from the run's page cache.
	Fixture f("func f nparams=1 nregs=3\n LD64 r1, r0, 0\n ST64 r1, r0, 8\n LD64 r2, r0, 8\n RET r2\n");
	ASSERT_TRUE(f.kernel.store<uint64_t>(kWindow + 32, 77));
	RunResult r = f.start({kWindow + 32});
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(r.value, 77u);
	EXPECT_EQ(f.host.asked, 3);
}

TEST(AccessCheck, AccessesOutsideTheWindowAreNotAsked)
{
	Fixture f("func f nparams=1 nregs=2\n LD64 r1, r0, 0\n RET r1\n");
	f.kernel.map(kWindow + 2 * kPageSize, kPageSize, "other");
	RunResult r = f.start({kWindow + 2 * kPageSize});
	ASSERT_EQ(r.exit, Exit::Return);
	EXPECT_EQ(f.host.asked, 0);
}

TEST(AccessCheck, MemsetAndMemcpyAskForTheWholeRange)
{
	Fixture f("func f nparams=3 nregs=4\n MEMSET r0, r2, r1\n RETV\n");
	RunResult r = f.start({kWindow, 64, 0xaa});
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault, FaultKind::Checked);
	EXPECT_EQ(r.fault_address, kWindow);
	EXPECT_EQ(r.fault_size, 64u);
	EXPECT_TRUE(r.fault_write);

	Fixture g("func f nparams=3 nregs=3\n MEMCPY r0, r1, r2\n RETV\n");
	r = g.start({kWindow + 256, kWindow + 8, 16});
	ASSERT_EQ(r.exit, Exit::Fault);
	EXPECT_EQ(r.fault_address, kWindow + 8);
	EXPECT_EQ(r.fault_size, 16u);
	EXPECT_FALSE(r.fault_write);   // the source is read first
}

}  // namespace
}  // namespace kctx::vm
