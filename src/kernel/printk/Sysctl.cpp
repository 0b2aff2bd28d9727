#include "kernel/printk/Sysctl.h"

#include <cctype>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/printk/Loglevel.h"

namespace kctx::kernel {

namespace {
constexpr size_t kFields = 4;   // console_printk[4]

// kernel/sysctl.c __do_proc_dointvec(): blanks skipped, then an optional '-' and
// decimal digits (proc_get_long(): a number must end at a blank or the end); at most
// kFields values. nullopt for anything else.
std::optional<std::vector<int64_t>> parse_ints(std::string_view s)
{
	std::vector<int64_t> out;
	size_t i = 0;
	auto blank = [&](size_t k) { return k < s.size() && std::isspace(static_cast<unsigned char>(s[k])); };
	while (true) {
		while (blank(i))
			i++;
		if (i >= s.size() || s[i] == '\0' || out.size() == kFields)
			break;
		bool neg = s[i] == '-';
		if (neg)
			i++;
		size_t start = i;
		int64_t v = 0;
		while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && v < (int64_t{1} << 40))
			v = v * 10 + (s[i++] - '0');
		if (i == start || (i < s.size() && !blank(i) && s[i] != '\0'))
			return std::nullopt;
		out.push_back(neg ? -v : v);
	}
	return out;
}
}   // namespace

std::string printk_sysctl_text(const PrintkState& p)
{
	// console_printk[]: the console's level, then the three defaults (include/linux/printk.h).
	return fmt::format("{}\t{}\t{}\t{}\n", p.console_loglevel, loglevel::kMessageDefault, loglevel::kConsoleMin,
			   loglevel::kConsoleDefault);
}

int64_t printk_sysctl_write(PrintkState& p, std::string_view text)
{
	std::optional<std::vector<int64_t>> v = parse_ints(text);
	if (!v)
		return -abi::kEINVAL;
	if (!v->empty())
		p.console_loglevel = static_cast<int8_t>((*v)[0]);
	return static_cast<int64_t>(text.size());
}

}   // namespace kctx::kernel
