// The recorder attached to a running kernel: it only observes (the machine is the same with
// and without it), its trace is deterministic, and a user program's syscalls show up as
// mode switches on its own task while sched_switch changes tasks.
#include <gtest/gtest.h>

#include "kernel/core/Kernel.h"
#include "trace/Ftrace.h"
#include "trace/Perfetto.h"
#include "trace/Recorder.h"
#include "vm/Assembler.h"

namespace kctx::trace {
namespace {

// pid 1: count to 2000, print a dot (putchar + fflush: a write), forever.
constexpr const char* kDotLoop = R"(
program init
func main nparams=0 nregs=6
  LOADI r0, 0
  LOADI r1, 2000
  LOADK r4, 4097
loop:
  ADDI r0, r0, 1
  JLTS r0, r1, loop
  LOADI r0, 0
  LOADI r2, 46
  CALLB r3, r2, 1, $putchar
  CALLB r3, r4, 1, $fflush
  JMP loop
)";

kernel::Code make_code()
{
	auto p = vm::assemble(kDotLoop);
	EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
	kernel::Code code;
	code.init = std::make_shared<vm::Program>(std::move(*p));
	return code;
}

kernel::Config config()
{
	kernel::Config c;
	c.cpus = 2;
	c.end_ns = 30'000'000;
	return c;
}

std::string traced_run(const kernel::Config& cfg, const kernel::Code& code, kernel::Machine& m)
{
	kernel::Kernel k(cfg, code, m);
	k.boot();
	Recorder r(cfg);
	r.set_images(&k.images());
	FtraceSink text(kCategoryAll);
	PerfettoSink json;
	r.add_sink(&text);
	r.add_sink(&json);
	r.start(m);
	k.set_hooks(&r);
	while (k.run_until(k.now() + 10'000'000)) {
	}
	r.finish(m);
	EXPECT_FALSE(json.text().empty());
	return text.take();
}

TEST(Recorder, OnlyObserves)
{
	kernel::Config cfg = config();
	kernel::Code code = make_code();
	kernel::Machine traced, plain;
	(void)traced_run(cfg, code, traced);
	kernel::Kernel k(cfg, code, plain);
	k.boot();
	while (k.run_until(k.now() + 10'000'000)) {
	}
	EXPECT_TRUE(traced == plain);
}

TEST(Recorder, SameRunSameTrace)
{
	kernel::Config cfg = config();
	kernel::Code code = make_code();
	kernel::Machine a, b;
	std::string ta = traced_run(cfg, code, a);
	std::string tb = traced_run(cfg, code, b);
	EXPECT_EQ(ta, tb);
	EXPECT_GT(ta.size(), 1000u);
}

TEST(Recorder, WritesAreModeSwitchesOfInit)
{
	kernel::Config cfg = config();
	kernel::Code code = make_code();
	kernel::Machine m;
	std::string t = traced_run(cfg, code, m);
	EXPECT_NE(t.find("            init-1       [00"), std::string::npos) << t.substr(0, 2000);
	EXPECT_NE(t.find("sys_enter_write: fd: 0x00000001, buf: 0x"), std::string::npos);
	EXPECT_NE(t.find("sys_exit_write: 0x1"), std::string::npos);
	EXPECT_NE(t.find("local_timer_entry: vector=236"), std::string::npos);
	// Between a sys_enter and its sys_exit the line's task does not change: the mode
	// switch stays on init's own kernel stack.
	size_t enter = t.find("sys_enter_write");
	size_t exit = t.find("sys_exit_write", enter);
	ASSERT_NE(exit, std::string::npos);
	std::string between = t.substr(enter, exit - enter);
	EXPECT_EQ(between.find("sched_switch"), std::string::npos) << between;
}

}  // namespace
}  // namespace kctx::trace
