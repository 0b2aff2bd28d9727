#include "kernel/printk/Sysctl.h"

#include <gtest/gtest.h>

#include "abi/Errno.h"

namespace kctx::kernel {
namespace {

TEST(PrintkSysctl, ReadsFourTabSeparatedLevels)
{
	PrintkState p;
	EXPECT_EQ(printk_sysctl_text(p), "7\t4\t1\t7\n");
	p.console_loglevel = 8;
	EXPECT_EQ(printk_sysctl_text(p), "8\t4\t1\t7\n");
}

TEST(PrintkSysctl, AWriteSetsTheConsoleLevelFromTheFirstField)
{
	PrintkState p;
	EXPECT_EQ(printk_sysctl_write(p, "8\n"), 2);   // LDD3: echo 8 > /proc/sys/kernel/printk
	EXPECT_EQ(p.console_loglevel, 8);
	EXPECT_EQ(printk_sysctl_write(p, "  3 4 1 7\n"), 10);
	EXPECT_EQ(p.console_loglevel, 3);
	EXPECT_EQ(printk_sysctl_write(p, "\n"), 1);   // nothing to set
	EXPECT_EQ(p.console_loglevel, 3);
}

TEST(PrintkSysctl, ANonNumberIsEinvalAndChangesNothing)
{
	PrintkState p;
	EXPECT_EQ(printk_sysctl_write(p, "eight\n"), -abi::kEINVAL);
	EXPECT_EQ(printk_sysctl_write(p, "8x\n"), -abi::kEINVAL);
	EXPECT_EQ(printk_sysctl_write(p, "-\n"), -abi::kEINVAL);
	EXPECT_EQ(p.console_loglevel, 7);
}

}   // namespace
}   // namespace kctx::kernel
