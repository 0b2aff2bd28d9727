// kctx_fuzz_gen INPUT DIR: writes the scenario the whole-scenario fuzzer generates from
// INPUT (a libFuzzer input: a crash artifact, a corpus or regressions-scenario file) into
// DIR as init.sh, fz.c and prog.c, so that `kctx run DIR` shows what it does.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "gen/ScenarioGen.h"

namespace {

bool write(const std::string& path, const std::string& text)
{
	std::ofstream out(path, std::ios::binary);
	out << text;
	return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv)
{
	if (argc != 3) {
		std::fprintf(stderr, "usage: kctx_fuzz_gen INPUT DIR\n");
		return 2;
	}
	std::ifstream in(argv[1], std::ios::binary);
	if (!in) {
		std::fprintf(stderr, "kctx_fuzz_gen: cannot read %s\n", argv[1]);
		return 2;
	}
	std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	kctx::fuzz::GeneratedScenario s =
		kctx::fuzz::generate_scenario(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
	std::string dir = argv[2];
	if (!write(dir + "/init.sh", s.init_sh) || !write(dir + "/fz.c", s.module_c) || !write(dir + "/prog.c", s.program_c)) {
		std::fprintf(stderr, "kctx_fuzz_gen: cannot write into %s\n", dir.c_str());
		return 2;
	}
	return 0;
}
