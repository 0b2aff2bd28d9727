#include "ScenarioGen.h"

#include "Choices.h"
#include "ModuleGen.h"
#include "ProgramGen.h"

namespace kctx::fuzz {

namespace {

std::string header(Choices& c)
{
	static constexpr const char* kSeconds[] = {"0.02", "0.005", "0.05", "0.01"};
	static constexpr const char* kHz[] = {"250", "100", "1000"};
	static constexpr const char* kPreempt[] = {"voluntary", "none", "full"};
	std::string h = "#!kctx cpus=" + std::to_string(c.between(1, 4)) + " seconds=" + kSeconds[c.below(4)] +
			" mem=" + (c.one_in(4) ? "64M" : "32M") + " hz=" + kHz[c.below(3)] + " preempt=" + kPreempt[c.below(3)];
	if (c.one_in(3))
		h += " config=debian";
	if (c.one_in(8))
		h += " panic_on_warn=1";
	return h + " seed=" + std::to_string(c.below(1000)) + "\n";
}

std::string command(Choices& c)
{
	static constexpr const char* kParams[] = {"0", "-1", "2147483648", "abc", "7", "-2147483648", "0x10"};
	switch (c.below(16)) {
	case 0:
	case 1:
		return "./prog";
	case 2:
	case 3:
		return "./prog &";
	case 4:
		return "./prog x y";
	case 5:
		return "rmmod fz";
	case 6:
		return "insmod fz.ko";
	case 7:
		return std::string("insmod fz.ko fz_param=") + kParams[c.below(std::size(kParams))];
	case 8:
		return "cat /dev/fz";
	case 9:
		return "echo fuzz > /dev/fz";
	case 10:
		return "dd if=/dev/fz of=/dev/null bs=16 count=2";
	case 11:
		return "dmesg | tail -n 2";
	case 12:
		return "sleep 0.00" + std::to_string(c.between(1, 9));
	case 13:
		return "wait";
	case 14:
		return "kill $!";
	default:
		return "lsmod";
	}
}

}  // namespace

GeneratedScenario generate_scenario(const uint8_t* data, size_t size)
{
	Choices c(data, size);
	GeneratedScenario s;
	s.init_sh = header(c);
	s.init_sh += c.one_in(8) ? "./prog\n" : "insmod fz.ko\n";
	int commands = static_cast<int>(c.between(1, 6));
	for (int i = 0; i < commands; ++i)
		s.init_sh += command(c) + "\n";
	s.module_c = generate_module(c, "fz");
	s.program_c = generate_program(c, "fz");
	return s;
}

}  // namespace kctx::fuzz
