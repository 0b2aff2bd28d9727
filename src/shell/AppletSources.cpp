// The text applets a pipeline's commands use (cat, echo, grep, head, tail, wc, dmesg,
// sleep, true, false, mknod, ls): small C programs written for kctx from what busybox 1.35's
// applets print and return (coreutils/, findutils/grep.c, util-linux/dmesg.c), run as
// child processes of init.sh like dd and lsmod (Applets.cpp).
// The sources themselves are in AppletParts.h's files, by family.
#include "shell/Applets.h"

#include <initializer_list>

#include "shell/AppletParts.h"

namespace kctx::shell {

using namespace applet;

std::string text_applet_source(std::string_view name)
{
	std::string out = "/* busybox " + std::string(name) +
			  ", as kctx's init.sh runs it (src/shell/AppletSources.cpp). */\n" + std::string(kIncludes);
	auto with = [&](std::initializer_list<std::string_view> parts) {
		for (std::string_view p : parts)
			out += p;
		return out;
	};
	if (name == "cat")
		return with({kFullWrite, kCat});
	if (name == "echo")
		return with({kFullWrite, kDigits, kEcho});
	if (name == "printf")
		return with({kFullWrite, kDigits, kPrintf});
	if (name == "grep")
		return with({kLineReader, kRegex, kGrep});
	if (name == "awk")
		return with({kLineReader, kRegex, kAwk});
	if (name == "rm")
		return with({kRm});
	if (name == "ln")
		return with({kLn});
	if (name == "chmod")
		return with({kChmod});
	if (name == "chown" || name == "chgrp")
		return with({kIds, name == "chown" ? "#define CHGRP 0\n" : "#define CHGRP 1\n", kChown});
	if (name == "head")
		return with({kLineReader, "#define HEAD 1\n", kHeadTail});
	if (name == "tail")   // and tail -f's loop
		return with({kLineReader, kFullWrite, "#include <sys/stat.h>\n", "#define HEAD 0\n", kHeadTail});
	if (name == "tee")
		return with({kFullWrite, kTee});
	if (name == "wc")
		return with({kWc});
	if (name == "crash")
		return with({kLineReader, kFullWrite, kCrash});
	if (name == "dmesg")
		return with({kFullWrite, kDmesg});
	if (name == "journalctl")
		return with({kJournalctl});
	if (name == "sleep")
		return with({kSleep});
	if (name == "mknod")
		return with({kMknod});
	if (name == "ls")
		return with({kIds, kLs});
	if (name == "test" || name == "[")
		return with({kTest});
	if (name == "true")
		return with({kTrue});
	if (name == "false")
		return with({kFalse});
	return {};
}

}   // namespace kctx::shell
