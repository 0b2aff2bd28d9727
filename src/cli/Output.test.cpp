#include "cli/Output.h"

#include <cstdio>
#include <gtest/gtest.h>

namespace kctx::cli {
namespace {

TEST(Output, EscapesControlBytesButNotTabOrNewline)
{
	EXPECT_EQ(escape_controls("a\x1b]0;x\a\tb\n\x7f"), "a\\x1b]0;x\\x07\tb\n\\x7f");
	EXPECT_EQ(escape_controls(escape_controls("\x1b")), "\\x1b");
}

TEST(Output, RefusesEmptyInputAndRepeatedPaths)
{
	std::string in = KCTX_SOURCE_DIR "/examples/pingpong/init.sh";
	EXPECT_EQ(check_output_paths({{"--perfetto", ""}}, {}).error().message,
		  "kctx: error: --perfetto: the output file name is empty");
	std::string same = KCTX_SOURCE_DIR "/examples/pingpong/../pingpong/init.sh";
	EXPECT_EQ(check_output_paths({{"--perfetto", same}}, {in}).error().message,
		  "kctx: error: --perfetto " + same + ": that is " + in +
			  ", an input of the scenario; kctx never overwrites its input");
	EXPECT_EQ(check_output_paths({{"--trace-out", "/tmp/kctx_t.json"}, {"--perfetto", "/tmp/./kctx_t.json"}}, {})
			  .error()
			  .message,
		  "kctx: error: --perfetto /tmp/./kctx_t.json: the same file as --trace-out /tmp/kctx_t.json; each "
		  "output needs a file of its own");
	EXPECT_TRUE(check_output_paths({{"--trace-out", "/tmp/a"}, {"--perfetto", "/tmp/b"}}, {in}).ok());
}

TEST(Output, KeepsTheFirstWriteError)
{
	std::FILE* full = std::fopen("/dev/full", "w");
	ASSERT_NE(full, nullptr);
	OutputStream out(full, "the console");
	out.write("hello\n");
	EXPECT_TRUE(out.failed());
	EXPECT_EQ(out.finish().error().message, "kctx: writing the console: No space left on device");
	std::fclose(full);
}

}  // namespace
}  // namespace kctx::cli
