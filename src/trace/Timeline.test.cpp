// The HTML timeline's data for tiny hand-made traces: the nested bands, preempt_count and
// irqs-off, the task states, a report's place and its console lines, and the bound on a
// long run. Runs without a browser.
#include <gtest/gtest.h>

#include "trace/HtmlPage.h"
#include "trace/Timeline.h"

namespace kctx::trace {
namespace {

using nlohmann::json;

Event context(uint64_t ts, std::vector<ContextLevel> levels, uint32_t preempt = 0, bool irqs_off = false)
{
	Event e;
	e.kind = EventKind::Context;
	e.cpu = 1;
	e.ts = ts;
	e.context = std::move(levels);
	e.preempt_count = preempt;
	e.flags.irqs_off = irqs_off;
	return e;
}

// cst's moment: a user task, a timer interrupt, the timer softirq, schedule() in it.
TimelineSink cst_moment()
{
	TimelineSink s;
	s.set_console_base(100);
	TaskInfo victim{"cst_test", 116, 116};
	s.cpu_start(1, 0, victim);
	ContextLevel user{ExecKind::User, "cst_test/116"};
	s.event(context(0, {user}));
	s.event(context(1'000, {user, {ExecKind::Hardirq, "local timer"}}, 0x10000, true));
	s.event(context(2'000, {user, {ExecKind::Softirq, "softirq TIMER"}}, 0x100));
	s.event(context(3'000, {user, {ExecKind::Softirq, "softirq TIMER"}, {ExecKind::Kernel, "schedule()"}}, 0x100));
	Event printk;
	printk.kind = EventKind::Console;
	printk.cpu = 1;
	printk.ts = 3'100;
	printk.console_pos = 104;
	s.event(printk);
	const std::string bug = "[    1.026495] BUG: scheduling while atomic: cst_test/116/0x00000101\n";
	const std::string modules = "[    1.026500] Modules linked in: cst(OE)\n";
	Event report;
	report.kind = EventKind::Report;
	report.cpu = 1;
	report.ts = 3'500;
	report.report = ReportKind::Bug;
	report.console_start = 104;
	report.console_pos = 104 + bug.size() + modules.size();
	s.event(report);
	s.add_console("...." + bug + modules + "after\n");
	s.event(context(4'000, {user, {ExecKind::Softirq, "softirq TIMER"}}, 0));
	s.event(context(5'000, {user}));
	s.cpu_end(1, 6'000);
	return s;
}

TEST(Timeline, NestedBandsFollowTheContexts)
{
	TimelineSink s = cst_moment();
	const CpuLanes& c = s.cpus().at(1);
	ASSERT_EQ(c.bands.size(), 3u);
	// The user band runs under everything, unbroken.
	ASSERT_EQ(c.bands[0].segments().size(), 1u);
	EXPECT_EQ(c.bands[0].segments()[0].start, 0u);
	EXPECT_EQ(c.bands[0].segments()[0].end, 6'000u);
	// Above it: the hardirq, then the softirq that outlives the schedule() on top of it.
	const auto& nested = c.bands[1].segments();
	ASSERT_EQ(nested.size(), 2u);
	EXPECT_EQ(nested[0].value, static_cast<uint32_t>(ExecKind::Hardirq));
	EXPECT_EQ(nested[1].value, static_cast<uint32_t>(ExecKind::Softirq));
	EXPECT_EQ(s.strings()[nested[1].label], "softirq TIMER");
	EXPECT_EQ(nested[1].start, 2'000u);
	EXPECT_EQ(nested[1].end, 5'000u);
	const auto& top = c.bands[2].segments();
	ASSERT_EQ(top.size(), 1u);
	EXPECT_EQ(s.strings()[top[0].label], "schedule()");
	EXPECT_EQ(top[0].start, 3'000u);
	EXPECT_EQ(top[0].end, 4'000u);
	// preempt_count: the hardirq's, then the softirq's, which the schedule() lost.
	const auto& pc = c.preempt.segments();
	ASSERT_EQ(pc.size(), 2u);
	EXPECT_EQ(pc[0], (Segment{1'000, 2'000, 0x10000, 0, 1}));
	EXPECT_EQ(pc[1], (Segment{2'000, 4'000, 0x100, 0, 1}));
	ASSERT_EQ(c.irqs_off.segments().size(), 1u);
	EXPECT_EQ(c.irqs_off.segments()[0], (Segment{1'000, 2'000, 1, 0, 1}));
}

TEST(Timeline, TaskStatesFollowSwitchesAndWakeups)
{
	TimelineSink s;
	TaskInfo a{"a", 10, 10}, b{"b", 11, 11};
	s.cpu_start(0, 0, a);
	Event sw;
	sw.kind = EventKind::SchedSwitch;
	sw.ts = 100;
	sw.task = a;
	sw.other = b;
	sw.prev_state = 1;   // TASK_INTERRUPTIBLE
	s.event(sw);
	Event wake;
	wake.kind = EventKind::SchedWakeup;
	wake.ts = 150;
	wake.other = a;
	s.event(wake);
	s.cpu_end(0, 200);
	const auto& states = s.tasks().at(10).state.segments();
	ASSERT_EQ(states.size(), 3u);
	EXPECT_EQ(states[0].value, static_cast<uint32_t>(TaskState::Running));
	EXPECT_EQ(s.strings()[states[0].label], "CPU 0");
	EXPECT_EQ(states[1], (Segment{100, 150, static_cast<uint32_t>(TaskState::Sleeping), 0, 1}));
	EXPECT_EQ(states[2], (Segment{150, 200, static_cast<uint32_t>(TaskState::Runnable), 0, 1}));
	EXPECT_EQ(s.tasks().at(11).state.segments().size(), 1u);
}

TEST(Timeline, AReportIsMarkedAtItsFirstLineAndLinkedToItsLines)
{
	json j = timeline_json(cst_moment(), PageInfo{"examples/cst", "kctx: summary"});
	ASSERT_EQ(j["reports"].size(), 1u);
	const json& r = j["reports"][0];
	EXPECT_EQ(r[0], 3'100);   // the first line's printk, not the step's end
	EXPECT_EQ(r[1], 1);
	EXPECT_EQ(r[2], "BUG");
	EXPECT_EQ(r[3], 0);   // console lines 0 and 1
	EXPECT_EQ(r[4], 1);
	EXPECT_EQ(r[5], "BUG: scheduling while atomic: cst_test/116/0x00000101");
	EXPECT_EQ(j["console"].size(), 3u);
	EXPECT_EQ(j["printk"][0], json({0, 3'100, 1}));
	EXPECT_EQ(j["cpus"].size(), 2u);
	EXPECT_EQ(j["start"], 0);
	EXPECT_EQ(j["end"], 6'000);
	// The user band as [start delta, length, kind, label].
	json user = j["cpus"][1]["bands"][0];
	ASSERT_EQ(user.size(), 4u);
	EXPECT_EQ(user[0], 0);
	EXPECT_EQ(user[1], 6'000);
	EXPECT_EQ(user[2], static_cast<int>(ExecKind::User));
	EXPECT_EQ(j["strings"][user[3].get<size_t>()], "cst_test/116");
}

TEST(Timeline, ReportTitlesSkipBannersAndTimestamps)
{
	EXPECT_EQ(report_title("[    1.026623] ------------[ cut here ]------------\n"
			       "[    1.026628] timer: cst_timer_handler+0x0/0x6c [cst] preempt leak: 00000100 -> 00000000\n"
			       "[    1.026633] WARNING: CPU: 1 PID: 116 at kernel/time/timer.c:1707 call_timer_fn+0x120/0x130\n"),
		  "WARNING: CPU: 1 PID: 116 at kernel/time/timer.c:1707 call_timer_fn+0x120/0x130");
	EXPECT_EQ(report_title("[    2.000000] ==================\n[    2.000005] BUG: KASAN: use-after-free in f\n"),
		  "BUG: KASAN: use-after-free in f");
	EXPECT_EQ(report_title("[    1.000000] something else\n"), "something else");
	EXPECT_EQ(report_title(""), "");
}

TEST(Timeline, ThePageHoldsItsDataSafely)
{
	TimelineSink s = cst_moment();
	s.add_console("</script><!-- a user's output\n");
	std::string page = html_page(s, PageInfo{"examples/cst", "kctx: summary"});
	EXPECT_EQ(page.find(kHtmlDataMarker), std::string::npos);
	// The console's "</script>" is escaped: the one end tag of the data is the page's own.
	size_t data = page.find("id=\"kctx-data\">");
	ASSERT_NE(data, std::string::npos);
	size_t end = page.find("</script>", data);
	EXPECT_NE(page.substr(data, end - data).find("\\u003c/script>"), std::string::npos);
	EXPECT_EQ(page.find("http"), std::string::npos);   // nothing fetched from anywhere
}

TEST(Timeline, ALongRunStaysBounded)
{
	TimelineLimits limits;
	limits.max_segments = 2'000;
	TimelineSink s(limits);
	s.cpu_start(1, 0, TaskInfo{"busy", 5, 5});
	ContextLevel user{ExecKind::User, "busy/5"};
	// A tick every 4 ms for 100 simulated seconds: 25000 hardirqs.
	for (uint64_t t = 0; t < 100'000'000'000; t += 4'000'000) {
		s.event(context(t, {user}));
		s.event(context(t + 1'000, {user, {ExecKind::Hardirq, "local timer"}}, 0x10000, true));
		s.event(context(t + 2'000, {user}));
	}
	s.cpu_end(1, 100'000'000'000);
	EXPECT_LE(s.segment_count(), limits.max_segments);
	EXPECT_GT(s.resolution(), 0u);
	// The user band is one segment throughout; the merged ticks still cover the run.
	const CpuLanes& c = s.cpus().at(1);
	EXPECT_EQ(c.bands[0].segments().size(), 1u);
	EXPECT_GT(c.bands[1].segments().size(), 10u);
	EXPECT_GT(c.bands[1].segments().front().merged, 1u);
}

}  // namespace
}  // namespace kctx::trace
