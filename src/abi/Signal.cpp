#include "abi/Signal.h"

#include <array>

namespace kctx::abi {

namespace {
struct SignalInfo {
	std::string_view name;
	std::string_view description;
};
constexpr std::array<SignalInfo, kNSIG> kSignals = {{
	{"", ""}, {"HUP", "Hangup"}, {"INT", "Interrupt"}, {"QUIT", "Quit"},
	{"ILL", "Illegal instruction"}, {"TRAP", "Trace/breakpoint trap"}, {"ABRT", "Aborted"},
	{"BUS", "Bus error"}, {"FPE", "Floating point exception"}, {"KILL", "Killed"},
	{"USR1", "User defined signal 1"}, {"SEGV", "Segmentation fault"},
	{"USR2", "User defined signal 2"}, {"PIPE", "Broken pipe"}, {"ALRM", "Alarm clock"},
	{"TERM", "Terminated"}, {"STKFLT", "Stack fault"}, {"CHLD", "Child exited"},
	{"CONT", "Continued"}, {"STOP", "Stopped (signal)"}, {"TSTP", "Stopped"},
	{"TTIN", "Stopped (tty input)"}, {"TTOU", "Stopped (tty output)"},
	{"URG", "Urgent I/O condition"}, {"XCPU", "CPU time limit exceeded"},
	{"XFSZ", "File size limit exceeded"}, {"VTALRM", "Virtual timer expired"},
	{"PROF", "Profiling timer expired"}, {"WINCH", "Window changed"}, {"IO", "I/O possible"},
	{"PWR", "Power failure"}, {"SYS", "Bad system call"},
}};
}  // namespace

std::string_view signal_name(int32_t sig) { return sig > 0 && sig < kNSIG ? kSignals[sig].name : ""; }
std::string_view signal_description(int32_t sig) { return sig > 0 && sig < kNSIG ? kSignals[sig].description : ""; }

int32_t signal_from_name(std::string_view name)
{
	if (name.substr(0, 3) == "SIG")
		name.remove_prefix(3);
	for (int32_t s = 1; s < kNSIG; s++)
		if (kSignals[s].name == name)
			return s;
	return 0;
}

}  // namespace kctx::abi
