// struct, union and whatis (symbols.c cmd_struct(), cmd_union(), cmd_whatis()): a
// record's definition as gdb's ptype prints it, with -o its member offsets; with an
// address (or a module object's name) its contents as gdb's print shows them.
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "crash/Types.h"

namespace kctx::crash {

namespace {

// "timer_list.expires": the record's tag and, optionally, one member.
struct RecordRef {
	std::string tag;
	std::string member;
};

RecordRef split_member(std::string_view arg)
{
	size_t dot = arg.find('.');
	if (dot == std::string_view::npos)
		return {std::string(arg), {}};
	return {std::string(arg.substr(0, dot)), std::string(arg.substr(dot + 1))};
}

std::string record_command(SessionState& s, const Args& args, RecordKind kind)
{
	std::string_view name = kind == RecordKind::Struct ? "struct" : "union";
	ParsedArgs p;
	if (auto bad = parse_anywhere(args, "oxd", {}, p))
		return usage_error(name, fmt::format("invalid option -- '{}'", *bad));
	if (p.operands.empty())
		return usage_error(name, "a structure name is required");
	const Target& t = *s.target;
	RecordRef ref = split_member(p.operands[0]);
	const lang::Type* type = find_record(t, ref.tag, kind);
	if (!type)
		return fmt::format("{}: invalid data structure reference: {}\n", name, ref.tag);
	Radix radix = has_flag(p, 'x') ? Radix::Hex : Radix::Decimal;
	lang::FieldRef field;
	if (!ref.member.empty() && !lang::find_field(*type->record, ref.member, field))
		return fmt::format("{}: invalid data structure reference: {}.{}\n", name, ref.tag, ref.member);
	if (p.operands.size() < 2) {
		if (!ref.member.empty())
			return fmt::format("{} {} {{\n    [{}] {};\n}}\n", name, ref.tag, field.offset,
					   declaration(field.type, ref.member));
		return definition(type, has_flag(p, 'o')) + fmt::format("SIZE: {}\n", type->size());
	}
	std::string out;
	for (size_t i = 1; i < p.operands.size(); i++) {
		std::optional<uint64_t> addr = parse_address(t, p.operands[i]);
		if (!addr) {
			out += fmt::format("{}: invalid address: {}\n", name, p.operands[i]);
			continue;
		}
		if (!ref.member.empty()) {
			out += fmt::format("  {} = {},\n", ref.member, value_text(t, field.type, *addr + field.offset, radix, 2));
			continue;
		}
		uint64_t probe = 0;
		if (!read_kernel(t, *addr, &probe, 1)) {
			out += fmt::format("{}: invalid kernel virtual address: {:x}  type: \"gdb_readmem_callback\"\n", name, *addr);
			continue;
		}
		out += fmt::format("{} {} {}\n", name, ref.tag, value_text(t, type, *addr, radix, 0));
	}
	return out;
}

}  // namespace

std::string cmd_struct(SessionState& s, const Args& args) { return record_command(s, args, RecordKind::Struct); }
std::string cmd_union(SessionState& s, const Args& args) { return record_command(s, args, RecordKind::Union); }

std::string cmd_whatis(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "o", p))
		return usage_error("whatis", fmt::format("invalid option -- '{}'", *bad));
	if (p.operands.empty())
		return usage_error("whatis", "a type or symbol name is required");
	const Target& t = *s.target;
	std::string arg = p.operands[0];
	// "struct timer_list" as two words, or the bare tag, as crash takes both.
	RecordKind kind = RecordKind::Struct;
	if ((arg == "struct" || arg == "union") && p.operands.size() > 1) {
		kind = arg == "union" ? RecordKind::Union : RecordKind::Struct;
		arg = p.operands[1];
	}
	if (const lang::Type* rec = find_record(t, arg, kind))
		return definition(rec, has_flag(p, 'o')) + fmt::format("SIZE: {}\n", rec->size());
	if (const lang::Type* rec = find_record(t, arg, RecordKind::Union))
		return definition(rec, has_flag(p, 'o')) + fmt::format("SIZE: {}\n", rec->size());
	if (const lang::Type* td = find_typedef(t, arg))
		return fmt::format("typedef {};\n", declaration(td, arg));
	if (auto obj = find_object(t, arg))
		return declaration(obj->type, obj->name) + ";\n";
	if (auto fn = find_function_object(t, arg))
		return declaration(fn->type, fn->name) + ";\n";
	return fmt::format("whatis: gdb request failed: whatis {}\n", arg);
}

}  // namespace kctx::crash
