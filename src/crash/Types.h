// The C types of the dump: what crash learns from a kernel's or module's debuginfo,
// kctx learns from its front end. The modules' sources are parsed again (Target::
// module_units) and their lang::Types give every layout (sizes, member offsets, bit
// fields) exactly as the compiled code used them. struct, union, whatis and p print
// through here, in gdb's words: ptype's definitions and print's values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crash/Target.h"
#include "lang/Type.h"

namespace kctx::crash {

enum class RecordKind : uint8_t { Struct, Union };
enum class Radix : uint8_t { Decimal, Hex };

// A record type by tag, from the first module that knows it.
[[nodiscard]] const lang::Type* find_record(const Target& t, std::string_view tag, RecordKind kind);
// A typedef's type ("u32" -> unsigned int).
[[nodiscard]] const lang::Type* find_typedef(const Target& t, std::string_view name);

// An object with static storage in a module: its type and where it lives.
struct TypedObject {
	std::string name;
	const lang::Type* type = nullptr;
	uint64_t addr = 0;
	std::string module;
};
// A module's global or static by name ("hits"; a function's static as "fn.var" or,
// when only one function has one of that name, "var").
[[nodiscard]] std::optional<TypedObject> find_object(const Target& t, std::string_view name);
// A module function's type and address, for whatis.
[[nodiscard]] std::optional<TypedObject> find_function_object(const Target& t, std::string_view name);

// A declaration as C writes it: "struct timer_list cst_timer", "void (*function)(struct timer_list *)".
[[nodiscard]] std::string declaration(const lang::Type* type, std::string_view name);
// ptype: "struct NAME {\n    members;\n}\n", members indented four spaces; with `offsets`
// each member is preceded by its offset, "   [0] ", as crash's -o does.
[[nodiscard]] std::string definition(const lang::Type* record, bool offsets);
// print: the value of `type` at `addr` in kernel memory, gdb's syntax; nested members
// indent two spaces per level from `indent`.
[[nodiscard]] std::string value_text(const Target& t, const lang::Type* type, uint64_t addr, Radix radix, int indent);

}  // namespace kctx::crash
