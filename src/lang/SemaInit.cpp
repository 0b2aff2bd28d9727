// Sema for initializers: fitting braces, designators and strings to the object's type
// into a flat list of (offset, type, value) items.
#include "lang/Sema.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "lang/Limits.h"

namespace kctx::lang {

struct Sema::InitCursor {
	RawInit* list = nullptr;
	size_t pos = 0;
	bool designator_consumed = false;   // the current element's designators were applied
	[[nodiscard]] bool done() const { return pos >= list->list.size(); }
	[[nodiscard]] RawInitElem& cur() const { return list->list[pos]; }
	// Brace elision stops at an element that carries its own designator: it belongs to
	// the enclosing braced list.
	[[nodiscard]] bool at_designator() const { return !done() && !designator_consumed && !cur().designators.empty(); }
	void next()
	{
		pos++;
		designator_consumed = false;
	}
};

void Sema::add_item(Initializer& out, uint64_t off, const Type* t, Expr* e, Bits bits)
{
	if (e->kind == ExprKind::Error)
		return;
	out.items.push_back({off, t, e, bits.offset, bits.width});
}

const Type* Sema::bitfield_value_type(const Type* declared, uint8_t width)
{
	if (declared->is_bool())
		return declared;
	if (width < 32)
		return m_types.int_type();
	if (width == 32)
		return declared->is_signed() ? m_types.int_type() : m_types.basic(TypeKind::UInt);
	return m_types.basic(declared->int_kind());
}

static Expr* strip_parens_str(Expr* e) { return e && e->kind == ExprKind::StrLit ? e : nullptr; }

bool Sema::init_from_string(const Type* t, uint64_t off, Expr* e, Initializer& out)
{
	Expr* s = strip_parens_str(e);
	if (!s || !t->is_array() || !t->base->is_integer() || t->base->size() != 1)
		return false;
	if (!t->unsized && s->str.size() - 1 > t->length)
		warning(s->loc, "initializer-string for char array is too long", s->length);
	add_item(out, off, t, s);
	return true;
}

void Sema::init_scalar(const Type* t, uint64_t off, RawInit* value, Initializer& out, int depth, Bits bits)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(value->loc, "initializer nesting too deep");
		return;
	}
	if (value->braced) {
		if (value->list.empty()) {
			add_item(out, off, t, cast(int_lit(0, m_types.int_type(), value->loc), t, value->loc, false), bits);
			return;
		}
		if (value->list.size() > 1)
			warning(value->list[1].value->loc, "excess elements in scalar initializer");
		if (!value->list[0].designators.empty()) {
			error(value->list[0].designators[0].loc, "designator in initializer for scalar type");
			return;
		}
		init_scalar(t, off, value->list[0].value, out, depth + 1, bits);
		return;
	}
	if (t->is_record() || t->is_array()) {
		error(value->loc, "initializer for aggregate is not an initializer list");
		return;
	}
	add_item(out, off, t, convert_assign(value->expr, t, value->loc, "initializing"), bits);
}

void Sema::init_object(const Type* t, uint64_t off, InitCursor& c, Initializer& out, int depth, Bits bits)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(c.cur().value->loc, "initializer nesting too deep");
		c.next();
		return;
	}
	RawInit* v = c.cur().value;
	if (v->braced) {
		c.next();
		if (t->is_aggregate())
			init_braced(t, off, v, out, depth + 1, nullptr);
		else
			init_scalar(t, off, v, out, depth + 1, bits);
		return;
	}
	Expr* e = v->expr;
	if (t->is_array() && init_from_string(t, off, e, out)) {
		c.next();
		return;
	}
	if (t->is_record() && e->type && same_type(e->type, t)) {
		add_item(out, off, t, e);
		c.next();
		return;
	}
	if (t->is_array()) {
		if (t->unsized) {
			error(v->loc, "initialization of flexible array member is not allowed");
			c.next();
			return;
		}
		c.designator_consumed = false;
		for (uint64_t k = 0; k < t->length && !c.done() && !c.at_designator(); k++)
			init_object(t->base, off + k * t->base->size(), c, out, depth + 1);
		return;
	}
	if (t->is_record()) {
		if (!t->record->complete) {
			error(v->loc, fmt::format("variable has incomplete type '{}'", type_name(t)));
			c.next();
			return;
		}
		bool first = true;
		for (const Field& f : t->record->fields) {
			if (c.done() || (!first && c.at_designator()))
				break;
			if (f.type->is_array() && f.type->unsized)
				break;
			if (f.is_bitfield && f.name.empty())
				continue;   // unnamed bit-fields take no initializer
			c.designator_consumed = first ? c.designator_consumed : false;
			init_object(f.type, off + f.offset, c, out, depth + 1, bits_of(f));
			first = false;
			if (t->record->is_union)
				break;
		}
		return;
	}
	add_item(out, off, t, convert_assign(e, t, v->loc, "initializing"), bits);
	c.next();
}

void Sema::init_designated(const Type* t, uint64_t off, const std::vector<Designator>& ds, size_t di, RawInit* value,
			   Initializer& out, int depth)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(value->loc, "initializer nesting too deep");
		return;
	}
	const Designator& d = ds[di];
	const Type* sub = nullptr;
	uint64_t suboff = 0;
	Bits bits;
	if (d.is_field) {
		if (!t->is_record()) {
			error(d.loc, fmt::format("field designator '{}' used for non-struct type '{}'", d.field, type_name(t)));
			return;
		}
		FieldRef f;
		if (!find_field(*t->record, d.field, f)) {
			error(d.loc, fmt::format("field designator '{}' does not refer to any field in type '{}'", d.field, type_name(t)));
			return;
		}
		sub = f.type;
		suboff = off + f.offset;
		if (f.is_bitfield)
			bits = Bits{f.bit_offset, f.bit_width};
	} else {
		if (!t->is_array()) {
			error(d.loc, fmt::format("array designator used for non-array type '{}'", type_name(t)));
			return;
		}
		if (d.index < 0 || (!t->unsized && static_cast<uint64_t>(d.index_hi) >= t->length)) {
			error(d.loc, fmt::format("array designator index ({}) exceeds array bounds ({})", d.index_hi, t->length));
			return;
		}
		sub = t->base;
		suboff = off + static_cast<uint64_t>(d.index) * sub->size();
	}
	int64_t count = d.is_field ? 1 : d.index_hi - d.index + 1;
	for (int64_t k = 0; k < count; k++) {
		uint64_t o = suboff + static_cast<uint64_t>(k) * (d.is_field ? 0 : sub->size());
		if (di + 1 < ds.size()) {
			init_designated(sub, o, ds, di + 1, value, out, depth + 1);
			continue;
		}
		RawInit one;
		one.loc = value->loc;
		one.braced = true;
		one.list.push_back({{}, value});
		InitCursor c{&one, 0, false};
		init_object(sub, o, c, out, depth + 1, bits);
	}
}

void Sema::init_braced(const Type* t, uint64_t off, RawInit* list, Initializer& out, int depth, uint64_t* max_count)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(list->loc, "initializer nesting too deep");
		return;
	}
	if (!t->is_aggregate()) {
		init_scalar(t, off, list, out, depth);
		return;
	}
	if (t->is_record() && !t->record->complete) {
		error(list->loc, fmt::format("variable has incomplete type '{}'", type_name(t)));
		return;
	}
	// C11 6.7.9p14: a character array's string literal may be enclosed in braces:
	// char s[] = {"ab"} is char[3], not one char initialized from a pointer.
	if (t->is_array() && list->list.size() == 1 && list->list[0].designators.empty() && !list->list[0].value->braced) {
		Expr* str = strip_parens_str(list->list[0].value->expr);
		if (str && t->base->is_integer() && t->base->size() == 1) {
			init_from_string(t->unsized ? m_types.array_of(t->base, str->str.size()) : t, off, str, out);
			if (max_count)
				*max_count = str->str.size();
			return;
		}
	}
	InitCursor c{list, 0, false};
	uint64_t pos = 0;
	uint64_t count = 0;
	bool warned = false;
	while (!c.done() && !stopped()) {
		RawInitElem& el = c.cur();
		if (!el.designators.empty()) {
			const Designator& d = el.designators[0];
			// Find the position the first designator selects, for the elements after it.
			if (t->is_array() && !d.is_field)
				pos = static_cast<uint64_t>(std::max<int64_t>(0, d.index_hi));
			if (t->is_record() && d.is_field) {
				const auto& fs = t->record->fields;
				for (size_t k = 0; k < fs.size(); k++) {
					FieldRef tmp;
					if (fs[k].name == d.field || (fs[k].name.empty() && fs[k].type->is_record() &&
								      find_field(*fs[k].type->record, d.field, tmp))) {
						pos = k;
						break;
					}
				}
			}
			if (el.designators.size() > 1 || !t->is_array() || d.is_field || d.index != d.index_hi) {
				init_designated(t, off, el.designators, 0, el.value, out, depth + 1);
				c.next();
			} else {
				// A single array index: the element there, with brace elision continuing.
				if (d.index < 0 || (!t->unsized && static_cast<uint64_t>(d.index) >= t->length)) {
					error(d.loc, fmt::format("array designator index ({}) exceeds array bounds ({})", d.index, t->length));
					c.next();
				} else {
					c.designator_consumed = true;
					init_object(t->base, off + static_cast<uint64_t>(d.index) * t->base->size(), c, out, depth + 1);
				}
			}
			pos++;
			count = std::max(count, pos);
			continue;
		}
		if (t->is_array()) {
			if (!t->unsized && pos >= t->length) {
				if (!warned)
					warning(el.value->loc, "excess elements in array initializer");
				warned = true;
				c.next();
				continue;
			}
			init_object(t->base, off + pos * t->base->size(), c, out, depth + 1);
			pos++;
			count = std::max(count, pos);
			continue;
		}
		const auto& fs = t->record->fields;
		while (pos < fs.size() && fs[pos].is_bitfield && fs[pos].name.empty())
			pos++;   // unnamed bit-fields take no initializer
		if (pos >= fs.size() || (t->record->is_union && pos > 0) || (fs[pos].type->is_array() && fs[pos].type->unsized)) {
			if (!warned)
				warning(el.value->loc, fmt::format("excess elements in {} initializer", t->record->is_union ? "union" : "struct"));
			warned = true;
			c.next();
			continue;
		}
		init_object(fs[pos].type, off + fs[pos].offset, c, out, depth + 1, bits_of(fs[pos]));
		pos++;
	}
	if (max_count)
		*max_count = count;
}

Initializer* Sema::initializer(const Type*& type, RawInit* init, SourceLoc loc)
{
	Initializer* out = m_unit.new_init();
	out->aggregate = type->is_aggregate();
	if (init->braced) {
		if (type->is_array() && type->unsized) {
			uint64_t n = 0;
			init_braced(type, 0, init, *out, 0, &n);
			type = m_types.array_of(type->base, n);
			return out;
		}
		init_braced(type, 0, init, *out, 0, nullptr);
		return out;
	}
	Expr* e = init->expr;
	if (e->kind == ExprKind::Error)
		return out;
	if (type->is_array()) {
		Expr* s = strip_parens_str(e);
		if (s && type->base->is_integer() && type->base->size() == 1) {
			if (type->unsized)
				type = m_types.array_of(type->base, s->str.size());
			init_from_string(type, 0, s, *out);
			return out;
		}
		error(init->loc, "array initializer must be an initializer list or string literal");
		return out;
	}
	if (type->is_record()) {
		Expr* d = decay(e);
		if (!same_type(d->type, type)) {
			error(init->loc, fmt::format("initializing '{}' with an expression of incompatible type '{}'", type_name(type),
						     type_name(d->type)));
			return out;
		}
		out->aggregate = false;
		add_item(*out, 0, type, d);
		return out;
	}
	(void)loc;
	add_item(*out, 0, type, convert_assign(e, type, init->loc, "initializing"));
	return out;
}

}  // namespace kctx::lang
