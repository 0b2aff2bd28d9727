#include "cli/Kbuild.h"

#include <gtest/gtest.h>

namespace kctx::cli {
namespace {

Kbuild parse(const std::string& text) { return parse_kbuild("d/Makefile", text, "d", "6.1.0-kctx-debug"); }

TEST(Kbuild, TheUsualOutOfTreeMakefile)
{
	Kbuild kb = parse("obj-m += hello-1.o\n"
			  "obj-m += startstop.o\n"
			  "startstop-objs := start.o stop.o\n"
			  "PWD := $(CURDIR)\n"
			  "ifeq ($(CONFIG_STATUS_CHECK_GCC),y)\n"
			  "ccflags-y += -fanalyzer -DNOT_TAKEN\n"
			  "endif\n"
			  "all:\n"
			  "\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n"
			  "clean:\n"
			  "\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean\n");
	ASSERT_EQ(kb.modules.size(), 2u);
	EXPECT_EQ(kb.modules[0].name, "hello-1");
	EXPECT_EQ(kb.modules[0].sources, std::vector<std::string>{"hello-1.c"});
	EXPECT_EQ(kb.modules[1].name, "startstop");
	EXPECT_EQ(kb.modules[1].sources, (std::vector<std::string>{"start.c", "stop.c"}));
	EXPECT_TRUE(kb.defines.empty());
	EXPECT_TRUE(kb.include_dirs.empty());
}

TEST(Kbuild, KernelReleaseBlockFlagsAndContinuations)
{
	Kbuild kb = parse("# comment\n"
			  "ifneq ($(KERNELRELEASE),)\n"
			  "obj-m := drv.o\n"
			  "drv-y := core.o \\\n"
			  "\tio.o\n"
			  "drv-y += extra.o\n"
			  "ccflags-y += -I$(src)/include -I inc2 -DLEVEL=3 -DDEBUG # trailing comment\n"
			  "EXTRA_CFLAGS += -D OLD\n"
			  "else\n"
			  "obj-m := wrong.o\n"
			  "KDIR ?= /lib/modules/$(shell uname -r)/build\n"
			  "endif\n");
	ASSERT_EQ(kb.modules.size(), 1u);
	EXPECT_EQ(kb.modules[0].name, "drv");
	EXPECT_EQ(kb.modules[0].sources, (std::vector<std::string>{"core.c", "io.c", "extra.c"}));
	EXPECT_EQ(kb.include_dirs, (std::vector<std::string>{"d/include", "d/inc2"}));
	using D = std::pair<std::string, std::string>;
	EXPECT_EQ(kb.defines, (std::vector<D>{{"LEVEL", "3"}, {"DEBUG", "1"}, {"OLD", "1"}}));
}

// LDD3's misc-modules/Makefile: LDDINC=$(PWD)/../include, the directory beside the
// module's (not d/include: $(PWD) already names d).
TEST(Kbuild, AnIncludeDirBesideTheModulesStaysBesideIt)
{
	Kbuild kb = parse("LDDINC=$(PWD)/../include\n"
			  "EXTRA_CFLAGS += -I$(LDDINC)\n"
			  "obj-m := hello.o\n");
	EXPECT_EQ(kb.include_dirs, (std::vector<std::string>{"include"}));
	kb = parse_kbuild("/s/d/Makefile", "ccflags-y := -I$(src)/../include -I$(src)/inc\nobj-m := a.o\n", "/s/d",
			  "6.1.0-kctx-debug");
	EXPECT_EQ(kb.include_dirs, (std::vector<std::string>{"/s/include", "/s/d/inc"}));
}

// A Makefile that builds a test program beside the module: make's implicit rule passes
// CPPFLAGS and CFLAGS to the program's compiler, ccflags-y only to the module's; a
// -Wno-incompatible-pointer-types among the program's flags leaves the module's rule alone.
TEST(Kbuild, ProgramsTakeCppflagsAndCflags)
{
	Kbuild kb = parse("obj-m := drv.o\n"
			  "ccflags-y := -I$(src)/kinc\n"
			  "CPPFLAGS += -I. -DTEST=1\n"
			  "CFLAGS = -O2 -Wall -Iuinc -Wno-incompatible-pointer-types\n"
			  "all:\n\tgcc $(CPPFLAGS) $(CFLAGS) -o test test.c\n");
	EXPECT_EQ(kb.include_dirs, (std::vector<std::string>{"d/kinc"}));
	EXPECT_EQ(kb.program_include_dirs, (std::vector<std::string>{"d", "d/uinc"}));
	using D = std::pair<std::string, std::string>;
	EXPECT_EQ(kb.program_defines, (std::vector<D>{{"TEST", "1"}}));
	EXPECT_TRUE(kb.defines.empty());
	EXPECT_EQ(kb.incompatible_pointer_types, Kbuild::PointerTypes::Error);
}

// The kernel's -Werror=incompatible-pointer-types, and the two ccflags that relax it.
TEST(Kbuild, IncompatiblePointerTypesIsAnErrorUnlessTheFlagsSayOtherwise)
{
	EXPECT_EQ(parse("obj-m := a.o\n").incompatible_pointer_types, Kbuild::PointerTypes::Error);
	EXPECT_EQ(parse("obj-m := a.o\nccflags-y += -Wno-error=incompatible-pointer-types\n").incompatible_pointer_types,
		  Kbuild::PointerTypes::Warning);
	EXPECT_EQ(parse("obj-m := a.o\nEXTRA_CFLAGS += -O2 -Wno-incompatible-pointer-types\n").incompatible_pointer_types,
		  Kbuild::PointerTypes::Ignore);
}

TEST(Kbuild, ConfigSymbolsAndIfdef)
{
	Kbuild kb = parse("CONFIG_MYDRV := m\n"
			  "obj-$(CONFIG_MYDRV) += mydrv.o\n"
			  "obj-$(CONFIG_OTHER) += other.o\n"
			  "ifdef CONFIG_MYDRV\n"
			  "ccflags-y += -DHAVE_MYDRV\n"
			  "endif\n"
			  "ifndef CONFIG_MYDRV\n"
			  "ccflags-y += -DNO_MYDRV\n"
			  "endif\n");
	ASSERT_EQ(kb.modules.size(), 1u);
	EXPECT_EQ(kb.modules[0].name, "mydrv");
	ASSERT_EQ(kb.defines.size(), 1u);
	EXPECT_EQ(kb.defines[0].first, "HAVE_MYDRV");
}

TEST(Kbuild, AMakefileWithoutObjMBuildsNoModule)
{
	Kbuild kb = parse("CC = gcc\nall: prog\nprog: prog.c\n\t$(CC) -o $@ $<\n");
	EXPECT_TRUE(kb.modules.empty());
}

}  // namespace
}  // namespace kctx::cli
