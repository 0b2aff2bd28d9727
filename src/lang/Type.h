// C types with x86-64 LP64 layouts (the sizes, alignments and struct offsets gcc uses,
// which the simulated kernel relies on when it reads prelude structs in memory).
// Types are owned by a TypeContext and compared by identity, except function types,
// which are compared structurally.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "base/Diagnostic.h"

namespace kctx::lang {

enum class TypeKind : uint8_t {
	Void,
	Bool,
	Char,
	SChar,
	UChar,
	Short,
	UShort,
	Int,
	UInt,
	Long,
	ULong,
	LongLong,
	ULongLong,
	Float,
	Double,
	// x86-64's long double: sizeof 16, alignment 16, as gcc lays it out; kctx computes in
	// double precision (the value is a double in registers and in the first 8 bytes of
	// its memory). See README.md.
	LongDouble,
	Pointer,
	Array,
	Function,
	Struct,
	Union,
	Enum,
};

struct Type;
struct Expr;

struct Field {
	std::string name;           // empty for an anonymous struct/union member
	const Type* type = nullptr;
	uint64_t offset = 0;
	SourceLoc loc;
	uint32_t align = 0;         // __attribute__((aligned(n))) on the member, else 0
	// Bit-fields: `offset` is the storage unit (of the declared type's size) holding
	// bits [bit_offset, bit_offset + bit_width).
	bool is_bitfield = false;
	uint8_t bit_offset = 0;
	uint8_t bit_width = 0;
};

// A struct or union; mutable until complete (a forward declaration is completed later).
struct Record {
	std::string tag;
	bool is_union = false;
	bool complete = false;
	std::vector<Field> fields;
	uint64_t size = 0;
	uint32_t align = 1;
	SourceLoc loc;
};

struct EnumInfo {
	std::string tag;
	bool complete = false;
	TypeKind underlying = TypeKind::UInt;
};

struct Type {
	TypeKind kind = TypeKind::Void;
	uint64_t size_ = 0;     // for records see Record::size
	uint32_t align_ = 1;
	const Type* base = nullptr;   // pointee, element, or return type
	// Arrays: element count; `unsized` for T[] (a flexible member, or sized later).
	uint64_t length = 0;
	bool unsized = false;
	// A variable-length array: the element count, evaluated (as unsigned long) where the
	// type's declaration is reached; size() is then 0 and code asks for the run-time size.
	const Expr* vla_count = nullptr;
	// Functions.
	std::vector<const Type*> params;
	bool variadic = false;
	bool prototyped = true;   // false for `int f()`
	Record* record = nullptr;
	EnumInfo* enumeration = nullptr;

	[[nodiscard]] uint64_t size() const;
	[[nodiscard]] uint32_t align() const;
	[[nodiscard]] bool is_void() const { return kind == TypeKind::Void; }
	[[nodiscard]] bool is_bool() const { return kind == TypeKind::Bool; }
	[[nodiscard]] bool is_integer() const { return (kind >= TypeKind::Bool && kind <= TypeKind::ULongLong) || kind == TypeKind::Enum; }
	[[nodiscard]] bool is_float() const
	{
		return kind == TypeKind::Float || kind == TypeKind::Double || kind == TypeKind::LongDouble;
	}
	[[nodiscard]] bool is_arithmetic() const { return is_integer() || is_float(); }
	[[nodiscard]] bool is_pointer() const { return kind == TypeKind::Pointer; }
	[[nodiscard]] bool is_array() const { return kind == TypeKind::Array; }
	[[nodiscard]] bool is_vla() const { return vla_count != nullptr; }
	// A VLA, or a pointer to or array of one (C's "variably modified" types).
	[[nodiscard]] bool is_variably_modified() const;
	[[nodiscard]] bool is_function() const { return kind == TypeKind::Function; }
	[[nodiscard]] bool is_record() const { return kind == TypeKind::Struct || kind == TypeKind::Union; }
	[[nodiscard]] bool is_scalar() const { return is_arithmetic() || is_pointer(); }
	[[nodiscard]] bool is_aggregate() const { return is_array() || is_record(); }
	// Incomplete: void, an unsized array, a struct declared but not defined.
	[[nodiscard]] bool is_complete() const;
	// The integer kind that represents this type in registers (enum -> its underlying
	// kind, pointer -> ULong).
	[[nodiscard]] TypeKind int_kind() const;
	[[nodiscard]] bool is_signed() const;
};

[[nodiscard]] std::string type_name(const Type* t);
// Structural equality where C requires compatibility (identical records, same
// pointee/element types, same function signatures).
[[nodiscard]] bool same_type(const Type* a, const Type* b);

// The member `name` of a record, searching anonymous members too; offset accumulates.
struct FieldRef {
	const Type* type = nullptr;
	uint64_t offset = 0;
	bool is_bitfield = false;
	uint8_t bit_offset = 0;
	uint8_t bit_width = 0;
};
[[nodiscard]] bool find_field(const Record& r, const std::string& name, FieldRef& out, int depth = 0);

class TypeContext {
public:
	TypeContext();
	TypeContext(const TypeContext&) = delete;
	TypeContext& operator=(const TypeContext&) = delete;

	[[nodiscard]] const Type* basic(TypeKind k) const { return m_basic[static_cast<size_t>(k)]; }
	[[nodiscard]] const Type* void_type() const { return basic(TypeKind::Void); }
	[[nodiscard]] const Type* int_type() const { return basic(TypeKind::Int); }
	[[nodiscard]] const Type* long_type() const { return basic(TypeKind::Long); }
	[[nodiscard]] const Type* ulong_type() const { return basic(TypeKind::ULong); }
	[[nodiscard]] const Type* char_type() const { return basic(TypeKind::Char); }
	[[nodiscard]] const Type* double_type() const { return basic(TypeKind::Double); }
	// __builtin_va_list (struct __va_list_tag[1]) and its element; see README.md.
	[[nodiscard]] const Type* va_list_type() const { return m_va_list; }
	[[nodiscard]] const Type* va_tag_type() const { return m_va_tag; }
	[[nodiscard]] const Type* pointer_to(const Type* base);
	[[nodiscard]] const Type* array_of(const Type* elem, uint64_t length, bool unsized = false);
	// A new variable-length array type (never shared: its count is its declaration's).
	[[nodiscard]] const Type* vla_of(const Type* elem, const Expr* count);
	[[nodiscard]] const Type* function(const Type* ret, std::vector<const Type*> params, bool variadic, bool prototyped);
	[[nodiscard]] Type* new_record(bool is_union, std::string tag, SourceLoc loc);
	[[nodiscard]] Type* new_enum(std::string tag);
	// Lays out a record's fields (offsets, size, alignment); `packed` drops padding.
	static void layout_record(Record& r, bool packed, uint32_t min_align);

	// Integer promotion and the usual arithmetic conversions.
	[[nodiscard]] const Type* promote(const Type* t) const;
	[[nodiscard]] const Type* common_arith(const Type* a, const Type* b) const;

private:
	std::deque<Type> m_types;
	std::deque<Record> m_records;
	std::deque<EnumInfo> m_enums;
	std::vector<const Type*> m_basic;
	const Type* m_va_tag = nullptr;
	const Type* m_va_list = nullptr;
	std::map<const Type*, const Type*> m_pointers;
	std::map<std::pair<const Type*, uint64_t>, const Type*> m_arrays;
};

}  // namespace kctx::lang
