#include "check/Verdict.h"

#include <gtest/gtest.h>

namespace kctx::check {
namespace {

TEST(Verdict, HeadlineDropsTimestampAndWhatCameBefore)
{
	EXPECT_EQ(report_headline("[    1.000000] BUG: scheduling while atomic: a/1/0x00000002\nmore\n"),
		  "BUG: scheduling while atomic: a/1/0x00000002");
	// A program's dots on the same line as the report (the console has no line break).
	EXPECT_EQ(report_headline("....[    1.053030] BUG: scheduling while atomic: cst_test/104/0x00000101\n"),
		  "BUG: scheduling while atomic: cst_test/104/0x00000101");
	EXPECT_EQ(report_headline("hello\n"), "");
}

}  // namespace
}  // namespace kctx::check
