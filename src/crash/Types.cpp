#include "crash/Types.h"

#include <cstring>
#include <fmt/format.h>
#include <set>

#include "crash/Symbols.h"
#include "lang/Compiler.h"
#include "vm/Program.h"

namespace kctx::crash {

namespace {

using lang::Type;
using lang::TypeKind;

// Every type reachable from a unit's symbols and expressions: the parser keeps its tag
// scopes to itself, but each struct it laid out is some symbol's or expression's type,
// or inside one.
template <typename Fn>
bool visit_types(const lang::ParsedUnit& u, Fn&& fn)
{
	std::set<const Type*> seen;
	std::vector<const Type*> work;
	auto push = [&](const Type* t) {
		if (t && seen.insert(t).second)
			work.push_back(t);
	};
	for (const lang::Symbol& s : u.unit.symbols)
		push(s.type);
	for (const lang::Expr& e : u.unit.exprs)
		push(e.type);
	while (!work.empty()) {
		const Type* t = work.back();
		work.pop_back();
		if (fn(t))
			return true;
		push(t->base);
		for (const Type* p : t->params)
			push(p);
		if (t->record)
			for (const lang::Field& f : t->record->fields)
				push(f.type);
	}
	return false;
}

std::string indent_of(int n) { return std::string(static_cast<size_t>(n), ' '); }

}  // namespace

const Type* find_record(const Target& t, std::string_view tag, RecordKind kind)
{
	TypeKind want = kind == RecordKind::Struct ? TypeKind::Struct : TypeKind::Union;
	for (const auto& u : t.module_units) {
		if (!u)
			continue;
		const Type* found = nullptr;
		visit_types(*u, [&](const Type* ty) {
			if (ty->kind == want && ty->record && ty->record->complete && ty->record->tag == tag) {
				found = ty;
				return true;
			}
			return false;
		});
		if (found)
			return found;
	}
	return nullptr;
}

const Type* find_typedef(const Target& t, std::string_view name)
{
	for (const auto& u : t.module_units)
		if (u)
			for (const lang::Symbol& s : u->unit.symbols)
				if (s.kind == lang::SymKind::Typedef && s.name == name)
					return s.type;
	return nullptr;
}

std::optional<TypedObject> find_object(const Target& t, std::string_view name)
{
	for (const kernel::Module& m : t.machine.modules) {
		if (m.state == kernel::ModuleState::Gone || m.code >= t.module_units.size() || !t.module_units[m.code])
			continue;
		const vm::Program& p = *t.images[m.image].program;
		const lang::Symbol* match = nullptr;
		int matches = 0;
		for (const lang::Symbol* s : t.module_units[m.code]->unit.objects) {
			std::string gname = s->global_name.empty() ? s->name : s->global_name;
			if (gname == name) {
				match = s;
				matches = 1;
				break;
			}
			// A function's static by its own name, when that names only one.
			if (s->storage == lang::Storage::LocalStatic && s->name == name) {
				match = s;
				matches++;
			}
		}
		if (!match || matches != 1)
			continue;
		const vm::Global* g = p.find_global(match->global_name.empty() ? match->name : match->global_name);
		if (!g)
			continue;
		return TypedObject{std::string(name), match->type, t.images[m.image].data_base + g->offset, m.name};
	}
	return std::nullopt;
}

std::optional<TypedObject> find_function_object(const Target& t, std::string_view name)
{
	auto sym = lookup_symbol(t, name);
	if (!sym || sym->func < 0)
		return std::nullopt;
	for (const kernel::Module& m : t.machine.modules) {
		if (m.name != sym->module || m.code >= t.module_units.size() || !t.module_units[m.code])
			continue;
		for (const lang::Symbol& s : t.module_units[m.code]->unit.symbols)
			if (s.kind == lang::SymKind::Func && s.name == name && s.type)
				return TypedObject{std::string(name), s.type, sym->addr, m.name};
	}
	return std::nullopt;
}

std::string declaration(const Type* type, std::string_view name)
{
	// type_name() writes the abstract declarator ("void (*)(struct timer_list *)"); the
	// name goes where the declarator's innermost part is.
	std::string abstract = lang::type_name(type);
	if (name.empty())
		return abstract;
	// A function: "void cst_timer_handler(struct timer_list *)".
	if (type->is_function())
		if (size_t params = abstract.find('('); params != std::string::npos)
			return abstract.substr(0, params) + std::string(name) + abstract.substr(params);
	if (size_t inner = abstract.find("(*)"); inner != std::string::npos)
		return abstract.substr(0, inner + 2) + std::string(name) + abstract.substr(inner + 2);
	if (size_t bracket = abstract.find('['); bracket != std::string::npos)
		return abstract.substr(0, bracket) + (abstract[bracket - 1] == ' ' ? "" : " ") + std::string(name) +
		       abstract.substr(bracket);
	if (abstract.ends_with('*'))
		return abstract + std::string(name);
	return abstract + " " + std::string(name);
}

namespace {

void append_members(std::string& out, const lang::Record& r, int indent, bool offsets, uint64_t base)
{
	for (const lang::Field& f : r.fields) {
		// -o: the offset column takes the place of the top level's indentation.
		std::string off = offsets ? fmt::format("{:>6} ", fmt::format("[{}]", base + f.offset)) : "";
		int shown = offsets ? indent - 4 : indent;
		if (f.name.empty() && f.type->is_record()) {
			// An anonymous struct or union: its members inline, at their own offsets.
			out += fmt::format("{}{}{} {{\n", off, indent_of(shown), f.type->kind == TypeKind::Union ? "union" : "struct");
			append_members(out, *f.type->record, indent + 4, offsets, base + f.offset);
			out += fmt::format("{}{}}};\n", offsets ? std::string(7, ' ') : "", indent_of(shown));
			continue;
		}
		std::string bits = f.is_bitfield ? fmt::format(" : {}", f.bit_width) : "";
		out += fmt::format("{}{}{}{};\n", off, indent_of(shown), declaration(f.type, f.name), bits);
	}
}

}  // namespace

std::string definition(const Type* record, bool offsets)
{
	const lang::Record& r = *record->record;
	std::string out = fmt::format("{} {} {{\n", r.is_union ? "union" : "struct", r.tag);
	append_members(out, r, 4, offsets, 0);
	return out + "}\n";
}

namespace {

uint64_t read_uint(const Target& t, uint64_t addr, uint64_t size, bool* ok)
{
	uint64_t v = 0;
	*ok = size <= 8 && read_kernel(t, addr, &v, size);
	return v;
}

int64_t sign_extend(uint64_t v, uint64_t size)
{
	if (size >= 8)
		return static_cast<int64_t>(v);
	uint64_t bit = 1ull << (size * 8 - 1);
	return static_cast<int64_t>((v ^ bit) - bit);
}

std::string scalar_text(const Target& t, const Type* type, uint64_t v, Radix radix)
{
	if (type->is_pointer()) {
		if (v == 0)
			return "0x0";
		// gdb names what a code pointer points at: "0xffffffffc0a01010 <cst_timer_handler>".
		if (type->base && type->base->is_function())
			if (auto s = symbol_at(t, v))
				return fmt::format("{:#x} <{}>", v, symbol_offset(*s, v));
		return fmt::format("{:#x}", v);
	}
	if (type->is_bool())
		return v ? "true" : "false";
	uint64_t size = type->size();
	if (radix == Radix::Hex)
		return fmt::format("{:#x}", size < 8 ? v & ((1ull << (size * 8)) - 1) : v);
	if (type->is_signed())
		return std::to_string(sign_extend(v, size));
	return std::to_string(v);
}

std::string char_array_text(const Target& t, uint64_t addr, uint64_t n)
{
	std::string bytes(n, '\0');
	if (!read_kernel(t, addr, bytes.data(), n))
		return "<unreadable>";
	size_t len = bytes.find('\0');
	std::string out = "\"";
	for (char c : bytes.substr(0, len)) {
		if (c == '"' || c == '\\')
			out += '\\';
		if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
			out += fmt::format("\\{:03o}", static_cast<unsigned char>(c));
		else
			out += c;
	}
	out += '"';
	// gdb: the NUL padding after the text as a repeat count.
	if (len != std::string::npos && n - len > 1)
		out += fmt::format(", '\\000' <repeats {} times>", n - len - 1);
	return out;
}

}  // namespace

std::string value_text(const Target& t, const Type* type, uint64_t addr, Radix radix, int indent)
{
	if (indent > 40)
		return "{...}";
	if (type->is_record()) {
		std::string out = "{\n";
		const lang::Record& r = *type->record;
		for (size_t i = 0; i < r.fields.size(); i++) {
			const lang::Field& f = r.fields[i];
			std::string value;
			if (f.is_bitfield) {
				bool ok = false;
				uint64_t unit = read_uint(t, addr + f.offset, f.type->size(), &ok);
				uint64_t v = (unit >> f.bit_offset) & ((f.bit_width >= 64 ? 0 : (1ull << f.bit_width)) - 1);
				value = ok ? scalar_text(t, f.type, v, radix) : "<unreadable>";
			} else {
				value = value_text(t, f.type, addr + f.offset, radix, indent + 2);
			}
			std::string name = f.name.empty() ? "" : f.name + " = ";
			out += fmt::format("{}{}{}{}\n", indent_of(indent + 2), name, value, i + 1 < r.fields.size() ? "," : "");
		}
		return out + indent_of(indent) + "}";
	}
	if (type->is_array()) {
		const Type* elem = type->base;
		if (elem->kind == TypeKind::Char || elem->kind == TypeKind::SChar || elem->kind == TypeKind::UChar)
			return char_array_text(t, addr, type->length);
		std::string out = "{";
		uint64_t n = std::min<uint64_t>(type->length, 200);
		for (uint64_t i = 0; i < n; i++)
			out += (i ? ", " : "") + value_text(t, elem, addr + i * elem->size(), radix, indent);
		return out + (n < type->length ? "..." : "") + "}";
	}
	if (type->is_function())
		return fmt::format("{{{}}} {:#x}", lang::type_name(type), addr);
	if (type->is_float()) {
		double d = 0;
		if (type->kind == TypeKind::Float) {
			float f = 0;
			if (!read_kernel(t, addr, &f, 4))
				return "<unreadable>";
			d = f;
		} else if (!read_kernel(t, addr, &d, 8)) {
			return "<unreadable>";
		}
		return fmt::format("{}", d);
	}
	bool ok = false;
	uint64_t v = read_uint(t, addr, type->size(), &ok);
	if (!ok)
		return fmt::format("<unreadable at {:#x}>", addr);
	return scalar_text(t, type, v, radix);
}

}  // namespace kctx::crash
