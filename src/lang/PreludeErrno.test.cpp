// The preludes' errno macros are generated from abi's one table (abi/Errno.h): every
// value reaches both worlds' <errno.h> exactly as Linux defines it, and the kernel's
// restart codes reach only modules.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <string>

#include "abi/Errno.h"
#include "lang/Preprocessor.h"

namespace kctx::lang {
namespace {

// The text `name` expands to after `#include <header>` in `world`.
std::string expand(abi::World world, const char* header, const char* name)
{
	SourceSet sources;
	DiagnosticSink diags;
	std::string text = fmt::format("#include <{}>\n{}\n", header, name);
	PreprocessOptions opt;
	opt.world = world;
	uint32_t file = sources.add("e.c", text);
	TokenList toks = preprocess(sources, file, opt, diags);
	EXPECT_FALSE(diags.has_errors()) << diags.render_all(sources);
	std::string out;
	for (const Token& t : toks)
		if (t.kind != Tok::Eof && t.loc.file == file)
			out += t.text;
	return out;
}

TEST(PreludeErrno, BothWorldsMatchAbiTable)
{
#define KCTX_X(name, value, text)                                                    \
	EXPECT_EQ(expand(abi::World::User, "errno.h", #name), std::to_string(value));      \
	EXPECT_EQ(expand(abi::World::Kernel, "linux/errno.h", #name), std::to_string(value)); \
	EXPECT_EQ(static_cast<int>(abi::k##name), value);
	KCTX_ERRNO_LIST(KCTX_X)
#undef KCTX_X
}

TEST(PreludeErrno, RestartCodesOnlyInTheKernel)
{
#define KCTX_X(name, value)                                                                  \
	EXPECT_EQ(expand(abi::World::Kernel, "linux/errno.h", #name), std::to_string(value)); \
	EXPECT_EQ(expand(abi::World::User, "errno.h", #name), #name);
	KCTX_ERRNO_RESTART_LIST(KCTX_X)
#undef KCTX_X
}

// The table itself, against Linux 6.1 x86-64 (include/uapi/asm-generic/errno-base.h,
// errno.h, include/linux/errno.h), for the values programs test most.
TEST(PreludeErrno, LinuxValues)
{
	EXPECT_EQ(abi::kEPERM, 1);
	EXPECT_EQ(abi::kENOENT, 2);
	EXPECT_EQ(abi::kEINTR, 4);
	EXPECT_EQ(abi::kEAGAIN, 11);
	EXPECT_EQ(abi::kENOMEM, 12);
	EXPECT_EQ(abi::kEFAULT, 14);
	EXPECT_EQ(abi::kEINVAL, 22);
	EXPECT_EQ(abi::kEPIPE, 32);
	EXPECT_EQ(abi::kEDEADLK, 35);
	EXPECT_EQ(abi::kENOSYS, 38);
	EXPECT_EQ(abi::kETIME, 62);
	EXPECT_EQ(abi::kEOVERFLOW, 75);
	EXPECT_EQ(abi::kEOPNOTSUPP, 95);
	EXPECT_EQ(abi::kETIMEDOUT, 110);
	EXPECT_EQ(abi::kERESTARTSYS, 512);
	EXPECT_EQ(abi::kERESTART_RESTARTBLOCK, 516);
}

}  // namespace
}  // namespace kctx::lang
