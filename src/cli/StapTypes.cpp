#include "cli/StapTypes.h"

#include <set>

#include "lang/Ast.h"
#include "lang/Type.h"

namespace kctx::cli {

namespace {

class TypeTable {
public:
	explicit TypeTable(probe::CTypes& out) : m_out(out) {}

	// The type's key, adding it (and what it reaches) the first time.
	std::string add(const lang::Type* t)
	{
		if (!t || t->is_void())
			return {};
		std::string name = lang::type_name(t);
		if (!m_seen.emplace(name).second)
			return name;   // the first layout of a name wins (a struct's across files is one)
		probe::CType c;
		c.size = t->is_complete() ? t->size() : 0;
		if (t->is_pointer()) {
			c.kind = probe::CType::Kind::Pointer;
			c.target = add(t->base);
		} else if (t->is_array()) {
			c.kind = probe::CType::Kind::Array;
			c.target = add(t->base);
		} else if (t->is_record() && t->record) {
			c.kind = probe::CType::Kind::Record;
			members(*t->record, 0, c.members);
		} else if (t->is_arithmetic()) {
			c.kind = probe::CType::Kind::Scalar;
			c.is_signed = t->is_integer() && t->is_signed();
			c.is_float = t->is_float();
		} else if (t->is_function()) {
			c.kind = probe::CType::Kind::Function;
		}
		m_out[name] = std::move(c);
		return name;
	}

private:
	// A record's named members; an anonymous struct's or union's members as its own, at
	// their offset in it (C11 6.7.2.1p13). A bit-field keeps its bits in its storage unit;
	// an unnamed one is padding and has no member.
	void members(const lang::Record& r, uint64_t base, std::vector<probe::CMember>& out)
	{
		for (const lang::Field& f : r.fields) {
			if (f.is_bitfield) {
				if (!f.name.empty())
					out.push_back({f.name, base + f.offset, add(f.type), f.bit_offset, f.bit_width});
				continue;
			}
			if (f.name.empty()) {
				if (f.type && f.type->is_record() && f.type->record)
					members(*f.type->record, base + f.offset, out);
				continue;
			}
			out.push_back({f.name, base + f.offset, add(f.type)});
		}
	}

	probe::CTypes& m_out;
	std::set<std::string> m_seen;
};

}  // namespace

std::shared_ptr<const probe::CTypes> stap_types(const lang::Unit& unit)
{
	auto types = std::make_shared<probe::CTypes>();
	TypeTable table(*types);
	for (const lang::Symbol& s : unit.symbols)
		if (s.kind == lang::SymKind::Var)
			(void)table.add(s.type);
	return types;
}

}  // namespace kctx::cli
