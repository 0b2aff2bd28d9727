// docs/api.md is what `kctx api --markdown` prints for both worlds.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "cli/Api.h"

namespace kctx::cli {
namespace {

TEST(ApiDoc, MatchesTheTables)
{
	std::filesystem::path path = std::filesystem::path(KCTX_SOURCE_DIR) / "docs/api.md";
	std::string doc = api_markdown_document();
	if (std::getenv("KCTX_UPDATE_DOCS")) {
		std::ofstream(path) << doc;
		return;
	}
	std::ifstream in(path);
	std::stringstream text;
	text << in.rdbuf();
	EXPECT_EQ(text.str(), doc) << "docs/api.md is out of date: run KCTX_UPDATE_DOCS=1 ctest -R ApiDoc";
}

}  // namespace
}  // namespace kctx::cli
