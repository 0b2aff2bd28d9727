#include "lang/Link.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace kctx::lang {

void drop_unused_library_functions(Unit& unit, uint32_t library_file)
{
	auto in_library = [&](const FunctionDef* d) { return d && d->loc.file == library_file; };
	std::unordered_set<const Symbol*> live;
	std::vector<const Symbol*> work;
	auto reach = [&](const Symbol* s) {
		if (live.insert(s).second)
			work.push_back(s);
	};
	// Roots: every mention from the program itself (its functions, file-scope initializers).
	for (const auto& [from, to] : unit.function_refs)
		if (!in_library(from))
			reach(to);
	while (!work.empty()) {
		const Symbol* s = work.back();
		work.pop_back();
		for (const auto& [from, to] : unit.function_refs)
			if (from && from->sym == s && in_library(from))
				reach(to);
	}
	std::erase_if(unit.functions, [&](const FunctionDef* d) { return in_library(d) && !live.count(d->sym); });
}

}  // namespace kctx::lang
