#include "trace/Category.h"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace kctx::trace {

namespace {
constexpr std::array<std::pair<std::string_view, uint32_t>, 5> kNames = {{
	{"sched", kCategorySched},
	{"syscalls", kCategorySyscalls},
	{"irq", kCategoryIrq},
	{"timer", kCategoryTimer},
	{"printk", kCategoryPrintk},
}};
constexpr std::string_view kValid = "sched, syscalls, irq, timer, printk or all";
}  // namespace

Result<uint32_t> parse_categories(std::string_view list)
{
	const std::string_view whole = list;
	uint32_t set = 0;
	for (;;) {
		size_t comma = list.find(',');
		std::string_view name = list.substr(0, comma);
		if (name.empty())
			return Error{
				fmt::format("empty category in '{}' (expected a comma-separated list of {})",
					    whole, kValid)};
		uint32_t bit = name == "all" ? kCategoryAll : 0;
		for (const auto& [n, b] : kNames)
			if (n == name)
				bit = b;
		if (!bit)
			return Error{fmt::format("unknown category '{}' (expected {})", name, kValid)};
		set |= bit;
		if (comma == std::string_view::npos)
			return set;
		list.remove_prefix(comma + 1);
	}
}

std::string category_list(uint32_t set)
{
	if ((set & kCategoryAll) == kCategoryAll)
		return "all";
	std::string out;
	for (const auto& [n, b] : kNames) {
		if (!(set & b))
			continue;
		if (!out.empty())
			out += ',';
		out += n;
	}
	return out;
}

}  // namespace kctx::trace
