// The symbols crash's sym, rd, p and dis resolve: each loaded module's functions and
// objects (its image's Program: text at text_base + text_offset, data at data_base +
// offset) and the kernel's own functions (the builtins' stubs at kBuiltinTextBase and
// the stable addresses kctx gives the functions its traces name).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crash/Target.h"

namespace kctx::crash {

// One entry of the symbol table, as `sym` prints it: "ADDR (T) name [module]".
struct Symbol {
	std::string name;
	uint64_t addr = 0;
	uint64_t size = 0;
	char type = 'T';            // nm's letter: T/t text, D/d data, B/b bss (lower case: static)
	std::string module;         // empty for the kernel's own
	uint32_t image = 0;         // modules: the image it is in
	int32_t func = -1;          // text: the function's index in its image's program
};

// A name: a module's function or object ("hits", or "fn.var" for a function's static),
// else a kernel builtin. Modules are searched in load order, as crash's module symbols.
[[nodiscard]] std::optional<Symbol> lookup_symbol(const Target& t, std::string_view name);
// The symbol containing `addr` (a module's function or object, a builtin's stub).
[[nodiscard]] std::optional<Symbol> symbol_at(const Target& t, uint64_t addr);
// Every module symbol by address (sym -l, sym -m NAME), kctx's own metadata left out.
[[nodiscard]] std::vector<Symbol> module_symbols(const Target& t, std::string_view module = {});
// "name+off" as crash's sym and rd -s show an address (no "+0" at the start).
[[nodiscard]] std::string symbol_offset(const Symbol& s, uint64_t addr);
// An address argument: hex (with or without 0x) or a symbol name.
[[nodiscard]] std::optional<uint64_t> parse_address(const Target& t, std::string_view arg);
// crash reads kernel memory: the machine's kernel address space (a page never touched
// reads as zeros, as it would from RAM; an unmapped one fails).
[[nodiscard]] bool read_kernel(const Target& t, uint64_t addr, void* out, uint64_t n);

}  // namespace kctx::crash
