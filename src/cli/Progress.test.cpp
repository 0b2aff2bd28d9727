#include "cli/Progress.h"

#include <csignal>
#include <cstdio>
#include <gtest/gtest.h>
#include <thread>

namespace kctx::cli {
namespace {

TEST(Progress, TextSaysSimulatedTimeOutOfTheLimitSpeedAndReports)
{
	EXPECT_EQ(progress_text({2'340'000'000, 10'000'000'000, 1}, 1.2),
		  "kctx: 2.340 of 10.000 s simulated (23%), 1.95x real time, 1 report");
	EXPECT_EQ(progress_text({0, 5'000'000'000, 0}, 2.0), "kctx: 0.000 of 5.000 s simulated (0%), 0x real time, 0 reports");
}

// Reads what the line wrote into a memory stream.
struct Captured {
	char* buf = nullptr;
	size_t size = 0;
	std::FILE* f = open_memstream(&buf, &size);
	~Captured() { std::fclose(f), std::free(buf); }
	std::string text() { std::fflush(f); return std::string(buf, size); }
};

TEST(Progress, NothingBeforeTheDelayNorWhenDisabled)
{
	Captured c;
	{
		ProgressLine early(c.f, true, std::chrono::hours(1));
		early.update({1, 2, 0}, true);
		ProgressLine off(c.f, false, std::chrono::seconds(0));
		off.update({1, 2, 0}, true);
	}
	EXPECT_EQ(c.text(), "");
}

TEST(Progress, DrawnInPlaceAndErasedAtTheEnd)
{
	Captured c;
	{
		ProgressLine line(c.f, true, std::chrono::seconds(0));
		line.update({1'000'000'000, 2'000'000'000, 0}, true);
		EXPECT_TRUE(line.shown());
		// Redrawn at most five times a second: an immediate update draws nothing.
		line.update({1'500'000'000, 2'000'000'000, 0}, true);
	}
	std::string t = c.text();
	EXPECT_EQ(t.rfind("\rkctx: 1.000 of 2.000 s simulated (50%), ", 0), 0u) << t;
	EXPECT_EQ(t.find("1.500"), std::string::npos) << t;
	EXPECT_TRUE(t.ends_with(" reports\x1b[K\r\x1b[K")) << t;
}

TEST(Progress, NotDrawnInTheMiddleOfAConsoleLine)
{
	Captured c;
	ProgressLine line(c.f, true, std::chrono::seconds(0));
	line.update({1, 2, 0}, false);
	EXPECT_FALSE(line.shown());
	EXPECT_EQ(c.text(), "");
}

TEST(Progress, SignalsAskTheRunToStop)
{
	EXPECT_EQ(stop_requested(), 0);
	install_stop_signals();
	std::raise(SIGTERM);
	EXPECT_EQ(stop_requested(), SIGTERM);
	EXPECT_STREQ(signal_name(SIGTERM), "SIGTERM");
	EXPECT_STREQ(signal_name(SIGINT), "SIGINT");
}

}  // namespace
}  // namespace kctx::cli

namespace kctx::cli {
namespace {

// Regression: a console writing every step erased the line and had it redrawn at every
// step, flooding the terminal; the five-a-second limit holds across an erase.
TEST(Progress, ThrottledAcrossAnErase)
{
	Captured c;
	ProgressLine line(c.f, true, std::chrono::seconds(0));
	line.update({1, 2, 0}, true);
	line.erase();
	line.update({1, 2, 0}, true);
	EXPECT_FALSE(line.shown());
}

}  // namespace
}  // namespace kctx::cli
