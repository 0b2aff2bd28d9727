// The Perfetto sink's JSON, parsed back: CPU tracks with running slices, task tracks,
// names, instants.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "abi/Builtins.h"
#include "abi/Preempt.h"
#include "trace/Perfetto.h"
#include "trace/Recorder.h"

namespace kctx::trace {
namespace {

using nlohmann::json;

struct Fixture {
	kernel::Config config;
	kernel::Machine m;
	Recorder recorder{config};
	PerfettoSink sink;

	Fixture()
	{
		auto task = [&](std::string comm, int32_t pid) {
			kernel::Task t;
			t.comm = std::move(comm);
			t.pid = t.tgid = pid;
			m.tasks.push_back(t);
		};
		task("swapper/0", 0);
		task("ping", 101);
		task("pong", 102);
		m.cpus.resize(1);
		m.cpus[0].curr = m.cpus[0].idle = 0;
		recorder.add_sink(&sink);
	}
	// Parses the sink's text, as a viewer would.
	json parsed() const
	{
		json j = json::parse(sink.text(), nullptr, false);
		EXPECT_FALSE(j.is_discarded());
		return j;
	}
};

std::vector<json> with(const json& doc, std::string_view ph)
{
	std::vector<json> out;
	for (const json& e : doc["traceEvents"])
		if (e["ph"] == ph)
			out.push_back(e);
	return out;
}

TEST(Perfetto, RunningSlicesFollowSchedSwitch)
{
	Fixture f;
	f.recorder.start(f.m);
	f.m.cpus[0].now = 1'000'000;
	f.m.cpus[0].curr = 1;
	f.recorder.sched_switch(f.m, 0, false, 0, 1, abi::TASK_RUNNING);
	f.m.cpus[0].now = 3'500'000;
	f.m.cpus[0].curr = 2;
	f.recorder.sched_switch(f.m, 0, false, 1, 2, abi::TASK_INTERRUPTIBLE);
	f.m.cpus[0].now = 4'000'000;
	f.recorder.finish(f.m);

	json doc = f.parsed();
	std::vector<json> slices = with(doc, "X");
	// ping on CPU 0 from 1 ms to 3.5 ms, on the CPU track and on its own; pong to the end.
	// The idle task's stretch is a gap, not a slice.
	ASSERT_EQ(slices.size(), 4u);
	const json& cpu_slice = slices[0];
	EXPECT_EQ(cpu_slice["name"], "ping 101");
	EXPECT_EQ(cpu_slice["pid"], kCpuTracksPid);
	EXPECT_EQ(cpu_slice["tid"], kCpuTracksPid + 0);
	EXPECT_DOUBLE_EQ(cpu_slice["ts"].get<double>(), 1000.0);
	EXPECT_DOUBLE_EQ(cpu_slice["dur"].get<double>(), 2500.0);
	EXPECT_EQ(cpu_slice["args"]["end_state"], "S");
	const json& task_slice = slices[1];
	EXPECT_EQ(task_slice["pid"], 101);
	EXPECT_EQ(task_slice["tid"], 101);
	EXPECT_EQ(task_slice["name"], "running on CPU 0");
	EXPECT_EQ(slices[2]["name"], "pong 102");
	EXPECT_DOUBLE_EQ(slices[2]["dur"].get<double>(), 500.0);
}

TEST(Perfetto, NamesTracksAndTasks)
{
	Fixture f;
	f.recorder.start(f.m);
	f.m.cpus[0].curr = 1;
	f.recorder.sched_switch(f.m, 0, false, 0, 1, abi::TASK_RUNNING);
	f.recorder.finish(f.m);
	json doc = f.parsed();
	bool cpu_named = false, process_named = false, thread_named = false;
	for (const json& e : with(doc, "M")) {
		if (e["name"] == "thread_name" && e["tid"] == kCpuTracksPid && e["args"]["name"] == "CPU 0")
			cpu_named = true;
		if (e["name"] == "process_name" && e["pid"] == 101 && e["args"]["name"] == "ping")
			process_named = true;
		if (e["name"] == "thread_name" && e["tid"] == 101 && e["args"]["name"] == "ping")
			thread_named = true;
		EXPECT_NE(e["pid"], 0) << "the idle task gets no process of its own";
	}
	EXPECT_TRUE(cpu_named);
	EXPECT_TRUE(process_named);
	EXPECT_TRUE(thread_named);
	EXPECT_EQ(doc["displayTimeUnit"], "ns");
}

TEST(Perfetto, InstantsForIrqsSoftirqsAndSyscalls)
{
	Fixture f;
	f.m.cpus[0].curr = 1;
	f.recorder.start(f.m);
	f.m.cpus[0].now = 2'000;
	std::vector<uint64_t> args = {1, 0, 5};
	f.recorder.sys_enter(f.m, 0, 1, static_cast<uint32_t>(abi::BuiltinId::write), args);
	f.recorder.sys_exit(f.m, 0, 1, static_cast<uint32_t>(abi::BuiltinId::write), 5);
	f.recorder.irq_entry(f.m, 0, 0);
	f.recorder.softirq_entry(f.m, 0, abi::TIMER_SOFTIRQ);
	f.recorder.finish(f.m);
	json doc = f.parsed();
	std::vector<json> instants = with(doc, "i");
	ASSERT_EQ(instants.size(), 4u);
	EXPECT_EQ(instants[0]["name"], "sys_enter_write");
	EXPECT_EQ(instants[0]["s"], "t");
	EXPECT_EQ(instants[0]["tid"], kCpuTracksPid);
	EXPECT_DOUBLE_EQ(instants[0]["ts"].get<double>(), 2.0);
	EXPECT_EQ(instants[0]["args"]["task"], "ping-101");
	EXPECT_EQ(instants[1]["name"], "sys_exit_write");
	EXPECT_EQ(instants[1]["args"]["ret"], 5);
	EXPECT_EQ(instants[2]["name"], "local_timer_entry");
	EXPECT_EQ(instants[2]["cat"], "irq");
	EXPECT_EQ(instants[3]["name"], "softirq_entry");
	EXPECT_EQ(instants[3]["args"]["event"], "softirq_entry: vec=1 [action=TIMER]");
}

TEST(Perfetto, BadUtf8InANameDoesNotBreakTheDocument)
{
	Fixture f;
	f.m.tasks[1].comm = "bad\xff";
	f.m.cpus[0].curr = 1;
	f.recorder.start(f.m);
	f.recorder.finish(f.m);
	json doc = f.parsed();
	EXPECT_TRUE(doc.contains("traceEvents"));
}

}  // namespace
}  // namespace kctx::trace
