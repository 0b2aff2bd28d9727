#include "cli/Suggest.h"

#include <gtest/gtest.h>

namespace kctx::cli {
namespace {

std::string suggest(std::vector<std::string> args)
{
	static const std::vector<SubcommandNames> subs = {
		{"run", {"--help", "--cpus", "--seconds", "--seed", "-q", "--quiet", "--perfetto"}},
		{"disasm", {"--help", "--world"}}};
	args.insert(args.begin(), "kctx");
	std::vector<char*> argv;
	for (std::string& a : args)
		argv.push_back(a.data());
	return suggest_for_bad_command_line(subs, static_cast<int>(argv.size()), argv.data());
}

TEST(Suggest, NearestSubcommandAndOption)
{
	EXPECT_EQ(suggest({"runn", "d"}), "kctx: error: unknown subcommand 'runn'; did you mean run?");
	EXPECT_EQ(suggest({"run", "d", "--cpu", "2"}), "kctx: error: unknown option '--cpu'; did you mean --cpus?");
	EXPECT_EQ(suggest({"run", "d", "--perfeto=x"}), "kctx: error: unknown option '--perfeto'; did you mean --perfetto?");
	EXPECT_EQ(suggest({"run", "d", "--frobnicate"}), "kctx: error: unknown option '--frobnicate' (see kctx --help)");
}

// What the parser refused for another reason keeps its own message: a negative number
// is a value, not an option; a known option is not "unknown".
TEST(Suggest, NothingToSuggest)
{
	EXPECT_EQ(suggest({"run", "d", "--seed", "-5"}), "");
	EXPECT_EQ(suggest({"run", "d", "--cpus"}), "");
	EXPECT_EQ(suggest({"--version"}), "");
}

}  // namespace
}  // namespace kctx::cli
