#include "lang/Type.h"

#include <algorithm>

namespace kctx::lang {

uint64_t Type::size() const
{
	if (is_record())
		return record->size;
	if (kind == TypeKind::Array)
		return unsized ? 0 : base->size() * length;
	return size_;
}

uint32_t Type::align() const
{
	if (is_record())
		return record->align;
	if (kind == TypeKind::Array)
		return base->align();
	return align_;
}

bool Type::is_variably_modified() const
{
	const Type* t = this;
	for (int depth = 0; t && depth < 256; depth++) {
		if (t->is_vla())
			return true;
		if (!t->is_pointer() && !t->is_array())
			return false;
		t = t->base;
	}
	return false;
}

bool Type::is_complete() const
{
	switch (kind) {
	case TypeKind::Void: return false;
	case TypeKind::Array: return !unsized && base->is_complete();
	case TypeKind::Struct:
	case TypeKind::Union: return record->complete;
	case TypeKind::Enum: return true;
	default: return true;
	}
}

TypeKind Type::int_kind() const
{
	if (kind == TypeKind::Enum)
		return enumeration->underlying;
	if (kind == TypeKind::Pointer)
		return TypeKind::ULong;
	return kind;
}

bool Type::is_signed() const
{
	switch (int_kind()) {
	case TypeKind::Char:
	case TypeKind::SChar:
	case TypeKind::Short:
	case TypeKind::Int:
	case TypeKind::Long:
	case TypeKind::LongLong:
	case TypeKind::Float:
	case TypeKind::Double:
	case TypeKind::LongDouble: return true;
	default: return false;
	}
}

namespace {

std::string basic_name(TypeKind k)
{
	switch (k) {
	case TypeKind::Void: return "void";
	case TypeKind::Bool: return "_Bool";
	case TypeKind::Char: return "char";
	case TypeKind::SChar: return "signed char";
	case TypeKind::UChar: return "unsigned char";
	case TypeKind::Short: return "short";
	case TypeKind::UShort: return "unsigned short";
	case TypeKind::Int: return "int";
	case TypeKind::UInt: return "unsigned int";
	case TypeKind::Long: return "long";
	case TypeKind::ULong: return "unsigned long";
	case TypeKind::LongLong: return "long long";
	case TypeKind::ULongLong: return "unsigned long long";
	case TypeKind::Float: return "float";
	case TypeKind::Double: return "double";
	case TypeKind::LongDouble: return "long double";
	default: return "?";
	}
}

// C declarator syntax inside out: `inner` is what the declarator so far reads.
std::string declarator_name(const Type* t, std::string inner, int depth)
{
	if (depth > 64)
		return "...";
	switch (t->kind) {
	case TypeKind::Pointer: {
		std::string s = "*" + inner;
		if (t->base->is_array() || t->base->is_function())
			s = "(" + s + ")";
		return declarator_name(t->base, s, depth + 1);
	}
	case TypeKind::Array: {
		std::string len = t->is_vla() ? "*" : t->unsized ? "" : std::to_string(t->length);
		return declarator_name(t->base, inner + "[" + len + "]", depth + 1);
	}
	case TypeKind::Function: {
		std::string ps;
		for (size_t i = 0; i < t->params.size(); i++) {
			if (i)
				ps += ", ";
			ps += declarator_name(t->params[i], "", depth + 1);
		}
		if (t->variadic)
			ps += t->params.empty() ? "..." : ", ...";
		if (t->params.empty() && !t->variadic && t->prototyped)
			ps = "void";
		return declarator_name(t->base, inner + "(" + ps + ")", depth + 1);
	}
	case TypeKind::Struct:
	case TypeKind::Union: {
		std::string s = std::string(t->kind == TypeKind::Struct ? "struct " : "union ") +
				(t->record->tag.empty() ? "(anonymous)" : t->record->tag);
		return inner.empty() ? s : s + " " + inner;
	}
	case TypeKind::Enum: {
		std::string s = "enum " + (t->enumeration->tag.empty() ? std::string("(anonymous)") : t->enumeration->tag);
		return inner.empty() ? s : s + " " + inner;
	}
	default: {
		std::string s = basic_name(t->kind);
		if (inner.empty())
			return s;
		return s + (inner[0] == '*' || inner[0] == '(' ? " " : " ") + inner;
	}
	}
}

int rank(TypeKind k)
{
	switch (k) {
	case TypeKind::Bool: return 0;
	case TypeKind::Char:
	case TypeKind::SChar:
	case TypeKind::UChar: return 1;
	case TypeKind::Short:
	case TypeKind::UShort: return 2;
	case TypeKind::Int:
	case TypeKind::UInt: return 3;
	case TypeKind::Long:
	case TypeKind::ULong: return 4;
	case TypeKind::LongLong:
	case TypeKind::ULongLong: return 5;
	default: return 0;
	}
}

}  // namespace

std::string type_name(const Type* t)
{
	std::string s = declarator_name(t, "", 0);
	// "int *" rather than "int*": declarator_name already spaces it.
	return s;
}

namespace {

bool same_type_at(const Type* a, const Type* b, int nesting);

// C11 6.2.7: structures of two translation units (a composite module's files, which
// each define a shared header's struct) are compatible when they have the same tag and
// the same members in the same order with compatible types. Past a few levels (a struct
// pointing at itself) the tags decide.
bool compatible_records(const Record& a, const Record& b, int nesting)
{
	if (a.tag.empty() || a.tag != b.tag || a.is_union != b.is_union)
		return false;
	if (nesting >= 4)
		return true;
	if (!a.complete || !b.complete)
		return true;
	if (a.fields.size() != b.fields.size() || a.size != b.size)
		return false;
	for (size_t i = 0; i < a.fields.size(); i++) {
		const Field& x = a.fields[i];
		const Field& y = b.fields[i];
		if (x.name != y.name || x.offset != y.offset || x.bit_width != y.bit_width ||
		    !same_type_at(x.type, y.type, nesting + 1))
			return false;
	}
	return true;
}

}  // namespace

bool same_type(const Type* a, const Type* b) { return same_type_at(a, b, 0); }

namespace {

bool same_type_at(const Type* a, const Type* b, int nesting)
{
	for (int depth = 0; depth < 64; depth++) {
		if (a == b)
			return true;
		if (a->kind != b->kind)
			return false;
		switch (a->kind) {
		case TypeKind::Pointer:
			a = a->base;
			b = b->base;
			continue;
		case TypeKind::Array:
			if (!a->unsized && !b->unsized && !a->is_vla() && !b->is_vla() && a->length != b->length)
				return false;
			a = a->base;
			b = b->base;
			continue;
		case TypeKind::Function:
			if (a->variadic != b->variadic)
				return false;
			if (a->prototyped && b->prototyped) {
				if (a->params.size() != b->params.size())
					return false;
				for (size_t i = 0; i < a->params.size(); i++)
					if (!same_type_at(a->params[i], b->params[i], nesting))
						return false;
			}
			a = a->base;
			b = b->base;
			continue;
		case TypeKind::Struct:
		case TypeKind::Union: return a->record == b->record || compatible_records(*a->record, *b->record, nesting);
		case TypeKind::Enum:
			return a->enumeration == b->enumeration ||
			       (!a->enumeration->tag.empty() && a->enumeration->tag == b->enumeration->tag);
		default: return true;   // same basic kind
		}
	}
	return false;
}

}  // namespace

bool find_field(const Record& r, const std::string& name, FieldRef& out, int depth)
{
	if (depth > 32)
		return false;
	for (const Field& f : r.fields) {
		if (!f.name.empty() && f.name == name) {
			out.type = f.type;
			out.offset = f.offset;
			out.is_bitfield = f.is_bitfield;
			out.bit_offset = f.bit_offset;
			out.bit_width = f.bit_width;
			return true;
		}
		if (f.name.empty() && !f.is_bitfield && f.type->is_record()) {
			FieldRef inner;
			if (find_field(*f.type->record, name, inner, depth + 1)) {
				out = inner;
				out.offset = f.offset + inner.offset;
				return true;
			}
		}
	}
	return false;
}

TypeContext::TypeContext()
{
	struct B {
		TypeKind k;
		uint64_t size;
		uint32_t align;
	};
	const B basics[] = {
		{TypeKind::Void, 1, 1},  {TypeKind::Bool, 1, 1},      {TypeKind::Char, 1, 1},  {TypeKind::SChar, 1, 1},
		{TypeKind::UChar, 1, 1}, {TypeKind::Short, 2, 2},     {TypeKind::UShort, 2, 2}, {TypeKind::Int, 4, 4},
		{TypeKind::UInt, 4, 4},  {TypeKind::Long, 8, 8},      {TypeKind::ULong, 8, 8}, {TypeKind::LongLong, 8, 8},
		{TypeKind::ULongLong, 8, 8}, {TypeKind::Float, 4, 4}, {TypeKind::Double, 8, 8},
		{TypeKind::LongDouble, 16, 16},
	};
	m_basic.resize(static_cast<size_t>(TypeKind::Enum) + 1, nullptr);
	for (const B& b : basics) {
		Type t;
		t.kind = b.k;
		t.size_ = b.size;
		t.align_ = b.align;
		m_types.push_back(std::move(t));
		m_basic[static_cast<size_t>(b.k)] = &m_types.back();
	}
	// gcc's __builtin_va_list on x86-64 (the psABI's va_list): struct __va_list_tag[1].
	Type* tag = new_record(false, "__va_list_tag", SourceLoc{});
	tag->record->fields = {
		Field{"gp_offset", basic(TypeKind::UInt)},
		Field{"fp_offset", basic(TypeKind::UInt)},
		Field{"overflow_arg_area", pointer_to(void_type())},
		Field{"reg_save_area", pointer_to(void_type())},
	};
	layout_record(*tag->record, false, 0);
	m_va_tag = tag;
	m_va_list = array_of(tag, 1);
}

const Type* TypeContext::pointer_to(const Type* base)
{
	auto it = m_pointers.find(base);
	if (it != m_pointers.end())
		return it->second;
	Type t;
	t.kind = TypeKind::Pointer;
	t.size_ = 8;
	t.align_ = 8;
	t.base = base;
	m_types.push_back(std::move(t));
	m_pointers[base] = &m_types.back();
	return &m_types.back();
}

const Type* TypeContext::array_of(const Type* elem, uint64_t length, bool unsized)
{
	uint64_t key = unsized ? ~0ull : length;
	auto it = m_arrays.find({elem, key});
	if (it != m_arrays.end())
		return it->second;
	Type t;
	t.kind = TypeKind::Array;
	t.base = elem;
	t.length = unsized ? 0 : length;
	t.unsized = unsized;
	// Records may still be incomplete here; their arrays are rare enough that an
	// incomplete element is rejected by the parser before the size is needed.
	t.size_ = unsized ? 0 : elem->size() * length;
	t.align_ = elem->align();
	m_types.push_back(std::move(t));
	m_arrays[{elem, key}] = &m_types.back();
	return &m_types.back();
}

const Type* TypeContext::vla_of(const Type* elem, const Expr* count)
{
	Type t;
	t.kind = TypeKind::Array;
	t.base = elem;
	t.vla_count = count;
	t.align_ = elem->align();
	m_types.push_back(std::move(t));
	return &m_types.back();
}

const Type* TypeContext::function(const Type* ret, std::vector<const Type*> params, bool variadic, bool prototyped)
{
	Type t;
	t.kind = TypeKind::Function;
	t.size_ = 1;
	t.align_ = 1;
	t.base = ret;
	t.params = std::move(params);
	t.variadic = variadic;
	t.prototyped = prototyped;
	m_types.push_back(std::move(t));
	return &m_types.back();
}

Type* TypeContext::new_record(bool is_union, std::string tag, SourceLoc loc)
{
	m_records.emplace_back();
	Record& r = m_records.back();
	r.tag = std::move(tag);
	r.is_union = is_union;
	r.loc = loc;
	Type t;
	t.kind = is_union ? TypeKind::Union : TypeKind::Struct;
	t.record = &r;
	m_types.push_back(std::move(t));
	return &m_types.back();
}

Type* TypeContext::new_enum(std::string tag)
{
	m_enums.emplace_back();
	EnumInfo& e = m_enums.back();
	e.tag = std::move(tag);
	Type t;
	t.kind = TypeKind::Enum;
	t.size_ = 4;
	t.align_ = 4;
	t.enumeration = &e;
	m_types.push_back(std::move(t));
	return &m_types.back();
}

void TypeContext::layout_record(Record& r, bool packed, uint32_t min_align)
{
	// In bits, for bit-fields (the x86-64 SysV rules gcc follows): a bit-field goes at
	// the next free bit unless it would cross a boundary of its declared type's
	// alignment; a zero-width one skips to that boundary; unnamed ones do not align
	// the struct.
	uint64_t bits = 0;
	uint64_t size = 0;
	uint32_t align = std::max<uint32_t>(1, min_align);
	for (Field& f : r.fields) {
		uint32_t a = std::max(packed ? 1u : f.type->align(), f.align);
		if (f.is_bitfield) {
			uint64_t unit = f.type->align() * 8ull;
			if (!f.name.empty())
				align = std::max(align, a);
			if (r.is_union) {
				f.offset = 0;
				f.bit_offset = 0;
				size = std::max<uint64_t>(size, (f.bit_width + 7u) / 8);
				continue;
			}
			if (f.bit_width == 0) {
				bits = (bits + unit - 1) / unit * unit;
				continue;
			}
			if (!packed && bits % unit + f.bit_width > unit)
				bits = (bits + unit - 1) / unit * unit;
			uint64_t container = packed ? bits / 8 : bits / unit * f.type->align();
			f.offset = container;
			f.bit_offset = static_cast<uint8_t>(bits - container * 8);
			bits += f.bit_width;
			size = std::max(size, (bits + 7) / 8);
			continue;
		}
		align = std::max(align, a);
		if (r.is_union) {
			f.offset = 0;
			size = std::max(size, f.type->size());
			continue;
		}
		uint64_t off = (bits + 7) / 8;
		off = (off + a - 1) / a * a;
		f.offset = off;
		off += f.type->is_array() && f.type->unsized ? 0 : f.type->size();
		bits = off * 8;
		size = off;
	}
	r.size = (size + align - 1) / align * align;
	r.align = align;
	r.complete = true;
}

const Type* TypeContext::promote(const Type* t) const
{
	if (!t->is_integer())
		return t;
	TypeKind k = t->int_kind();
	if (rank(k) < rank(TypeKind::Int))
		return int_type();   // every smaller type fits in int
	return basic(k);
}

const Type* TypeContext::common_arith(const Type* a, const Type* b) const
{
	if (a->kind == TypeKind::LongDouble || b->kind == TypeKind::LongDouble)
		return basic(TypeKind::LongDouble);
	if (a->kind == TypeKind::Double || b->kind == TypeKind::Double)
		return basic(TypeKind::Double);
	if (a->kind == TypeKind::Float || b->kind == TypeKind::Float)
		return basic(TypeKind::Float);
	a = promote(a);
	b = promote(b);
	if (a == b)
		return a;
	TypeKind ka = a->kind, kb = b->kind;
	bool sa = a->is_signed(), sb = b->is_signed();
	if (sa == sb)
		return rank(ka) >= rank(kb) ? a : b;
	const Type* u = sa ? b : a;
	const Type* s = sa ? a : b;
	if (rank(u->kind) >= rank(s->kind))
		return u;
	if (s->size() > u->size())
		return s;
	// The signed type cannot represent every unsigned value: its unsigned counterpart.
	switch (s->kind) {
	case TypeKind::Long: return basic(TypeKind::ULong);
	case TypeKind::LongLong: return basic(TypeKind::ULongLong);
	default: return basic(TypeKind::UInt);
	}
}

}  // namespace kctx::lang
