// libFuzzer target over whole scenarios: each input is a list of choices for the grammar
// of gen/ScenarioGen.h, which turns it into an init.sh, a module and a program; the
// scenario is compiled, booted and run for its few simulated milliseconds, and kctx's own
// invariants are checked (ScenarioCheck.h). Set KCTX_FUZZ_SCENARIO_DIR to keep the
// scenario of the last input there (to reproduce an artifact: `KCTX_FUZZ_SCENARIO_DIR=d
// kctx_fuzz_scenario FILE`, then `kctx run d`); otherwise a temporary directory is used.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "ScenarioCheck.h"
#include "gen/ScenarioGen.h"

namespace {

const std::string& scenario_dir()
{
	static const std::string dir = [] {
		if (const char* d = std::getenv("KCTX_FUZZ_SCENARIO_DIR")) {
			std::filesystem::create_directories(d);
			return std::string(d);
		}
		static std::string tmpl = (std::filesystem::temp_directory_path() / "kctx-fuzz-XXXXXX").string();
		if (!mkdtemp(tmpl.data())) {
			perror("mkdtemp");
			abort();
		}
		// Gone at a normal exit; after a crash it stays, with the scenario that crashed.
		atexit([] {
			std::error_code ec;
			std::filesystem::remove_all(tmpl, ec);
		});
		return tmpl;
	}();
	return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
	kctx::fuzz::GeneratedScenario s = kctx::fuzz::generate_scenario(data, size);
	if (std::optional<std::string> broken = kctx::fuzz::check_scenario(s, scenario_dir())) {
		fprintf(stderr, "kctx invariant broken: %s\n--- init.sh\n%s--- the scenario is in %s\n", broken->c_str(),
			s.init_sh.c_str(), scenario_dir().c_str());
		abort();
	}
	return 0;
}
