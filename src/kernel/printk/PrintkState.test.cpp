#include "kernel/printk/PrintkState.h"

#include <gtest/gtest.h>

#include <string>

namespace kctx::kernel {
namespace {

// A 256-byte ring: a record of text n bytes takes (n + 8 + 7) & ~7 bytes, and there is a
// descriptor per 32 bytes (8 of them).
constexpr uint64_t kRing = 256;

TEST(PrintkState, StoreKeepsEveryRecordWhileTheRingHoldsThem)
{
	PrintkState p;
	p.store({1, 4, "one"}, kRing);
	p.store({2, 6, "two"}, kRing);
	EXPECT_EQ(p.first_seq(), 0u);
	EXPECT_EQ(p.next_seq(), 2u);
	EXPECT_EQ(p.record(1).text, "two");
	EXPECT_EQ(p.bytes, 32u);
}

TEST(PrintkState, StoreDropsTheOldestRecordsUntilTheNewOneFits)
{
	PrintkState p;
	for (int i = 0; i < 5; i++)
		p.store({uint64_t(i), 4, std::string(40, char('a' + i))}, kRing);   // 48 bytes each
	// 5 x 48 = 240 fits in bytes, but only 8 descriptors: all 5 kept.
	EXPECT_EQ(p.first_seq(), 0u);
	p.store({5, 4, std::string(40, 'f')}, kRing);   // 288 > 256: the oldest goes
	EXPECT_EQ(p.first_seq(), 1u);
	EXPECT_EQ(p.next_seq(), 6u);
	EXPECT_EQ(p.record(1).text[0], 'b');
	EXPECT_LE(p.bytes, kRing);
}

TEST(PrintkState, CompactionKeepsSequenceNumbers)
{
	PrintkState p;
	for (int i = 0; i < 5000; i++)
		p.store({uint64_t(i), 4, std::to_string(i)}, kRing);
	EXPECT_EQ(p.next_seq(), 5000u);
	EXPECT_EQ(p.record(4999).text, "4999");
	EXPECT_EQ(p.record(p.first_seq()).text, std::to_string(p.first_seq()));
	EXPECT_LT(p.log.size(), 2100u);   // the dropped front was erased, not kept
}

TEST(PrintkState, AppendGrowsTheNewestRecordAndItsBlock)
{
	PrintkState p;
	p.store({1, 4, "abc"}, kRing);
	p.append(std::string(10, 'x'));
	EXPECT_EQ(p.record(0).text, "abcxxxxxxxxxx");
	EXPECT_EQ(p.bytes, 24u);
}

TEST(PrintkState, ConsoleWriteTracksTheLineStart)
{
	PrintkState p;
	p.console_write("partial");
	EXPECT_FALSE(p.console_at_line_start);
	p.console_write("");
	EXPECT_FALSE(p.console_at_line_start);
	p.console_write(" line\n");
	EXPECT_TRUE(p.console_at_line_start);
	EXPECT_EQ(p.console, "partial line\n");
}

TEST(PrintkState, TakeConsoleHandsOutEachByteOnceAndCountsThem)
{
	PrintkState p;
	p.console_write("[    0.000000] a\n");
	EXPECT_EQ(p.take_console(), "[    0.000000] a\n");
	EXPECT_EQ(p.take_console(), "");
	p.console_write("b\n");
	EXPECT_EQ(p.take_console(), "b\n");
	EXPECT_EQ(p.console_flushed, 19u);
}

// kernel/printk/printk.c record_print_text(syslog=true, time=true): "<level>[ts] text",
// one line per record; a record still waiting for its KERN_CONT end gets a newline.
TEST(PrintkState, SyslogTextPrefixesLevelAndTimestampOfTheHeldRecords)
{
	PrintkState p;
	p.store({1'500'000'000, 6, "hello\n"}, kRing);
	p.store({2'000'001'000, 3, "partial"}, kRing);
	EXPECT_EQ(p.syslog_text(), "<6>[    1.500000] hello\n<3>[    2.000001] partial\n");
}

}  // namespace
}  // namespace kctx::kernel
