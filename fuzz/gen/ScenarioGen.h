// A whole random scenario from libFuzzer's bytes (a grammar, see Choices.h): an init.sh
// whose header picks a small machine (1–4 CPUs, mem=32M or 64M, a few simulated
// milliseconds, either profile) and whose commands load, use and unload the module, run
// the program in the foreground and background, read and write the device from the
// shell; the module (ModuleGen.h) and the program (ProgramGen.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kctx::fuzz {

struct GeneratedScenario {
	std::string init_sh;
	std::string module_c;    // fz.c, loaded as fz.ko: /dev/fz
	std::string program_c;   // prog.c, run as ./prog
};

[[nodiscard]] GeneratedScenario generate_scenario(const uint8_t* data, size_t size);

}  // namespace kctx::fuzz
