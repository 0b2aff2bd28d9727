// The whole-scenario fuzzer's property (ScenarioCheck.h) on every ctest run, without
// libFuzzer or clang: over each input in fuzz/regressions-scenario/ (inputs that once
// broke kctx, kept once fixed) and over a fixed set of pseudo-random inputs, which also
// keeps the grammar honest (its scenarios must compile as kctx's compiler changes).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "ScenarioCheck.h"
#include "gen/ScenarioGen.h"

namespace {

std::string scratch_dir(const std::string& name)
{
	auto dir = std::filesystem::temp_directory_path() / ("kctx-fuzz-test-" + std::to_string(getpid())) / name;
	std::filesystem::create_directories(dir);
	return dir.string();
}

void expect_invariants(const std::string& bytes, const std::string& what)
{
	kctx::fuzz::GeneratedScenario s =
		kctx::fuzz::generate_scenario(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
	std::string dir = scratch_dir("s");
	std::optional<std::string> broken = kctx::fuzz::check_scenario(s, dir);
	EXPECT_FALSE(broken) << what << ": " << *broken << "\n--- init.sh\n" << s.init_sh;
}

class ScratchCleanup : public ::testing::Environment {
public:
	void TearDown() override
	{
		std::error_code ec;
		std::filesystem::remove_all(std::filesystem::temp_directory_path() / ("kctx-fuzz-test-" + std::to_string(getpid())),
					    ec);
	}
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

}  // namespace

TEST(ScenarioFuzzRegressions, EveryInputKeepsKctxInvariants)
{
	std::filesystem::path dir = std::filesystem::path(KCTX_SOURCE_DIR) / "fuzz" / "regressions-scenario";
	std::vector<std::filesystem::path> inputs;
	for (const auto& entry : std::filesystem::directory_iterator(dir))
		if (entry.is_regular_file() && entry.path().extension() != ".md")
			inputs.push_back(entry.path());
	std::sort(inputs.begin(), inputs.end());
	ASSERT_FALSE(inputs.empty()) << "no inputs in " << dir;
	for (const auto& path : inputs) {
		std::ifstream in(path, std::ios::binary);
		std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		expect_invariants(bytes, path.filename().string());
	}
}

TEST(ScenarioFuzzRegressions, GeneratedScenariosCompileAndKeepInvariants)
{
	// A fixed generator, so each run checks the same scenarios.
	std::mt19937 rng(12);
	expect_invariants("", "the empty input");
	expect_invariants(std::string(4000, '\xff'), "4000 bytes of 0xff");
	for (int i = 0; i < 24; ++i) {
		std::string bytes(200 + rng() % 3000, '\0');
		for (char& b : bytes)
			b = static_cast<char>(rng());
		expect_invariants(bytes, "pseudo-random input " + std::to_string(i));
	}
}
