#include "cli/Api.h"

#include <cstdio>
#include <fmt/format.h>
#include <fnmatch.h>

#include "abi/ApiIndex.h"
#include "abi/Prelude.h"

namespace kctx::cli {

namespace {

// A pattern with a glob character is a glob over the whole name; any other is a substring.
bool matches(const std::string& pattern, std::string_view name)
{
	if (pattern.empty())
		return true;
	if (pattern.find_first_of("*?[") != std::string::npos)
		return fnmatch(pattern.c_str(), std::string(name).c_str(), 0) == 0;
	return name.find(pattern) != std::string_view::npos;
}

std::string escape_cell(std::string_view s)
{
	std::string out;
	for (char c : s)
		out += c == '|' ? std::string("\\|") : std::string(1, c);
	return out;
}

std::string markdown_table(abi::World world, const std::string& pattern)
{
	std::string out = "| name | kind | may sleep | context | prototype |\n|---|---|---|---|---|\n";
	for (const abi::ApiEntry& e : abi::api_index(world))
		if (matches(pattern, e.name))
			out += fmt::format("| `{}` | {} | {} | {} | `{}` |\n", e.name, abi::api_kind_name(e.kind),
					   abi::api_sleeps_text(e), abi::api_context_text(e), escape_cell(e.signature));
	return out;
}

std::string header_list(abi::World world)
{
	std::string out;
	for (std::string_view h : abi::known_headers(world))
		out += fmt::format("{}<{}>", out.empty() ? "" : ", ", h);
	return out + "\n";
}

}  // namespace

int api_command(const ApiOptions& opts)
{
	abi::World world = opts.user ? abi::World::User : abi::World::Kernel;
	std::string out;
	if (opts.headers) {
		for (std::string_view h : abi::known_headers(world))
			if (matches(opts.pattern, h))
				out += fmt::format("<{}>\n", h);
	} else if (opts.markdown) {
		out = markdown_table(world, opts.pattern);
	} else {
		// kind, then (builtins) may it sleep and where may it be called, then the prototype.
		for (const abi::ApiEntry& e : abi::api_index(world)) {
			if (!matches(opts.pattern, e.name))
				continue;
			std::string rules = e.kind == abi::ApiKind::Builtin
						    ? fmt::format("may sleep: {}, {} context", abi::api_sleeps_text(e),
								  abi::api_context_text(e))
						    : "";
			out += fmt::format("{:<8} {:<40} {}\n", abi::api_kind_name(e.kind), rules, e.signature);
		}
	}
	if (out.empty() || (opts.markdown && out.find("| `") == std::string::npos)) {
		std::fprintf(stderr, "kctx api: nothing in the %s API matches '%s'\n", opts.user ? "user" : "kernel",
			     opts.pattern.c_str());
		return 1;
	}
	std::fwrite(out.data(), 1, out.size(), stdout);
	return 0;
}

std::string api_markdown_document()
{
	return "# The API of modules and programs\n\n"
	       "Generated from the tables the compiler reads (src/abi/Builtins.def, the prelude in\n"
	       "src/abi/prelude/, src/abi/Headers.def) by `kctx api --markdown`; a test keeps this file\n"
	       "equal to them (`KCTX_UPDATE_DOCS=1 ctest -R ApiDoc` rewrites it).\n\n"
	       "A *builtin* is implemented by the simulated kernel (or its libc) and carries whether it\n"
	       "may sleep and where it may be called, which the lint and the debug profile's checks\n"
	       "use. A *library* function is written in C in the prelude, as Linux has it in a header\n"
	       "or in lib/: it sleeps exactly when the code it runs does. Every header of a world brings\n"
	       "in the same prelude.\n\n"
	       "## Modules (kernel C)\n\n" +
	       markdown_table(abi::World::Kernel, "") + "\nHeaders: " + header_list(abi::World::Kernel) +
	       "\n## Programs (libc)\n\n" + markdown_table(abi::World::User, "") +
	       "\nHeaders: " + header_list(abi::World::User);
}

}  // namespace kctx::cli
