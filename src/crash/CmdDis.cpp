// dis (kernel.c cmd_dis()): a function's code, one instruction a line as
// "0xADDR <name+off>:\tINSN". kctx's module code is its own bytecode, so the
// instructions are vm::format_insn()'s; -l puts the C source line each run of
// instructions came from before it, as crash's -l puts "file.c: LINE" (with the line's
// text, which kctx has from the dump's sources).
#include <charconv>
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "vm/Disassembler.h"
#include "vm/Insn.h"

namespace kctx::crash {

namespace {

// The dump's copy of a compiled file: the program names it by the path it was compiled
// from (a temporary directory), the dump by its path in the scenario.
const DumpSource* source_of(const Target& t, std::string_view compiled)
{
	for (const DumpSource& src : t.meta.sources)
		if (compiled == src.path || compiled.ends_with("/" + src.path))
			return &src;
	return nullptr;
}

std::string source_line(const DumpSource& src, uint32_t line)
{
	size_t pos = 0;
	for (uint32_t l = 1; l < line && pos != std::string::npos; l++) {
		pos = src.text.find('\n', pos);
		if (pos != std::string::npos)
			pos++;
	}
	if (pos == std::string::npos || pos >= src.text.size())
		return {};
	std::string text = src.text.substr(pos, src.text.find('\n', pos) - pos);
	size_t start = text.find_first_not_of(" \t");
	return start == std::string::npos ? std::string() : text.substr(start);
}

}  // namespace

std::string cmd_dis(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "lrf", p))
		return usage_error("dis", fmt::format("invalid option -- '{}'", *bad));
	if (p.operands.empty())
		return usage_error("dis", "a symbol or an address is required");
	const Target& t = *s.target;
	std::optional<uint64_t> addr = parse_address(t, p.operands[0]);
	std::optional<Symbol> sym = addr ? symbol_at(t, *addr) : std::nullopt;
	if (!sym)
		return fmt::format("dis: {}: {}\n", p.operands[0], addr ? "no text symbol at this address" : "symbol not found");
	if (sym->func < 0)
		return fmt::format("dis: {}: {}\n", p.operands[0],
				   sym->module.empty() ? "a kernel function kctx runs natively: it has no bytecode"
						       : "not a text symbol");
	const vm::Program& prog = *t.images[sym->image].program;
	const vm::Function& fn = prog.functions[static_cast<size_t>(sym->func)];
	uint32_t first = static_cast<uint32_t>((*addr - sym->addr) / vm::kInsnBytes);
	uint32_t last = static_cast<uint32_t>(fn.code.size());
	// -r: from the start up to the address; an address alone or -f: from there on.
	if (has_flag(p, 'r')) {
		last = first + 1;
		first = 0;
	} else if (p.operands.size() > 1) {
		uint32_t count = 0;
		const std::string& c = p.operands[1];
		auto [ptr, ec] = std::from_chars(c.data(), c.data() + c.size(), count, 10);
		if (ec != std::errc() || ptr != c.data() + c.size())
			return fmt::format("dis: invalid count: {}\n", c);
		last = std::min(last, first + count);
	}
	const DumpSource* src = fn.file < prog.files.size() ? source_of(t, prog.files[fn.file]) : nullptr;
	std::string out;
	uint32_t shown_line = 0;
	for (uint32_t pc = first; pc < last; pc++) {
		if (has_flag(p, 'l')) {
			uint32_t line = fn.line_at(pc);
			if (line && line != shown_line) {
				shown_line = line;
				out += fmt::format("{}: {}\n", src ? src->path : prog.files[fn.file], line);
				if (src)
					if (std::string text = source_line(*src, line); !text.empty())
						out += fmt::format("    {}\n", text);
			}
		}
		uint64_t at = sym->addr + pc * vm::kInsnBytes;
		std::string where = pc ? fmt::format("{}+{}", sym->name, pc * vm::kInsnBytes) : sym->name;
		out += fmt::format("{:#x} <{}>:\t{}\n", at, where, vm::format_insn(prog, static_cast<uint32_t>(sym->func), pc));
	}
	return out;
}

}  // namespace kctx::crash
