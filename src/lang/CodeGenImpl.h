// Code generation's private header: the FunctionGen and ProgramGen classes, whose
// member functions are defined across CodeGen.cpp and the Gen*.cpp files by what they
// generate (README.md lists them), and the helpers they share. Only code generation's
// own files include it.
#pragma once

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "lang/CodeGen.h"
#include "lang/Limits.h"
#include "lang/Sema.h"

namespace kctx::lang::codegen {


using vm::Insn;
using vm::Op;

inline constexpr int kAny = -1;
inline constexpr uint32_t kMaxRegs = 60000;

inline bool fits16(int64_t v) { return v >= INT16_MIN && v <= INT16_MAX; }
inline bool fits32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

// How a value of type t sits in a register, for conversions and arithmetic.
struct RegClass {
	uint32_t size = 8;   // bytes of the C type (1, 2, 4, 8)
	bool is_signed = false;
	bool is_float = false;
	bool is_bool = false;
};

inline RegClass reg_class(const Type* t)
{
	RegClass c;
	if (t->is_float()) {
		c.is_float = true;
		// long double is computed as a double: 8 bytes in registers and in memory.
		c.size = t->kind == TypeKind::Float ? 4 : 8;
		c.is_signed = true;
		return c;
	}
	if (t->is_pointer() || t->is_record() || t->is_array() || t->is_function()) {
		c.size = 8;
		return c;
	}
	TypeKind k = t->int_kind();
	c.is_bool = k == TypeKind::Bool;
	switch (k) {
	case TypeKind::Bool:
	case TypeKind::UChar: c.size = 1; break;
	case TypeKind::Char:
	case TypeKind::SChar: c.size = 1; c.is_signed = true; break;
	case TypeKind::Short: c.size = 2; c.is_signed = true; break;
	case TypeKind::UShort: c.size = 2; break;
	case TypeKind::Int: c.size = 4; c.is_signed = true; break;
	case TypeKind::UInt: c.size = 4; break;
	case TypeKind::Long:
	case TypeKind::LongLong: c.size = 8; c.is_signed = true; break;
	default: c.size = 8; break;
	}
	return c;
}

inline Op load_op(const Type* t)
{
	RegClass c = reg_class(t);
	if (c.is_float)
		return c.size == 4 ? Op::LDF32 : Op::LD64;
	switch (c.size) {
	case 1: return c.is_signed ? Op::LD8S : Op::LD8U;
	case 2: return c.is_signed ? Op::LD16S : Op::LD16U;
	case 4: return c.is_signed ? Op::LD32S : Op::LD32U;
	default: return Op::LD64;
	}
}

inline Op store_op(const Type* t)
{
	RegClass c = reg_class(t);
	if (c.is_float)
		return c.size == 4 ? Op::STF32 : Op::ST64;
	switch (c.size) {
	case 1: return Op::ST8;
	case 2: return Op::ST16;
	case 4: return Op::ST32;
	default: return Op::ST64;
	}
}

// The extension instruction that brings a 64-bit result back to type t, if any.
inline std::optional<Op> narrow_op(const Type* t)
{
	RegClass c = reg_class(t);
	if (c.is_float || c.is_bool)
		return std::nullopt;
	switch (c.size) {
	case 1: return c.is_signed ? Op::SEXT8 : Op::ZEXT8;
	case 2: return c.is_signed ? Op::SEXT16 : Op::ZEXT16;
	case 4: return c.is_signed ? Op::SEXT32 : Op::ZEXT32;
	default: return std::nullopt;
	}
}

inline bool is_memory_resident(const Symbol* s)
{
	return s->address_taken || !s->type->is_scalar();
}

inline bool is_compare(BinOp op)
{
	return op == BinOp::Eq || op == BinOp::Ne || op == BinOp::Lt || op == BinOp::Le || op == BinOp::Gt ||
	       op == BinOp::Ge;
}

inline BinOp negate(BinOp op)
{
	switch (op) {
	case BinOp::Eq: return BinOp::Ne;
	case BinOp::Ne: return BinOp::Eq;
	case BinOp::Lt: return BinOp::Ge;
	case BinOp::Le: return BinOp::Gt;
	case BinOp::Gt: return BinOp::Le;
	case BinOp::Ge: return BinOp::Lt;
	default: return op;
	}
}

// A constant for a static initializer: a number, or an address plus an addend.
struct ConstVal {
	enum class Kind : uint8_t { Int, Float, Address } kind = ConstVal::Kind::Int;
	int64_t i = 0;
	double f = 0;
	vm::Relocation::Kind target_kind = vm::Relocation::Kind::Data;
	uint32_t target = 0;
};

class ProgramGen;

// One lvalue: a variable's register, or memory at base register + offset.
struct LVal {
	bool is_reg = false;
	uint16_t reg = 0;
	int64_t off = 0;
	const Type* type = nullptr;   // for a bit-field: its declared type (the storage unit)
	uint8_t bit_offset = 0;
	uint8_t bit_width = 0;        // 0: not a bit-field
};

// The load of a bit-field's storage unit: unsigned, the bits are extracted after.
inline Op unit_load_op(const Type* t)
{
	switch (t->size()) {
	case 1: return Op::LD8U;
	case 2: return Op::LD16U;
	case 4: return Op::LD32U;
	default: return Op::LD64;
	}
}

struct Label {
	int64_t pc = -1;
	std::vector<std::pair<uint32_t, bool>> fixups;   // (pc of the jump, is a 16-bit fused branch)
};

class FunctionGen {
public:
	struct Options {
		bool allow_fused = true;   // fused compare-and-branch (16-bit offsets)
		bool reserve_fp = true;    // a register for the frame address
		bool reserve_gp = true;    // a register for the data address
		// Constants that loops use as operands, loaded once by the prologue.
		std::vector<int64_t> pinned;
	};
	FunctionGen(ProgramGen& pg, const FunctionDef& def, vm::Function& fn, Options opt)
		: m_pg(pg), m_def(def), m_fn(fn), m_opt(opt), m_allow_fused(opt.allow_fused)
	{
	}
	// False when a fused branch did not fit its 16-bit offset: retry without them.
	bool run();
	[[nodiscard]] bool failed() const { return m_failed; }
	[[nodiscard]] bool used_fp() const { return m_fp_used; }
	[[nodiscard]] bool used_gp() const { return m_gp_used; }
	// The function's named variables with their locations and blocks (stap's $var).
	[[nodiscard]] std::vector<vm::VarInfo> take_vars() { return std::move(m_vars); }
	// The constants loops materialized most often (candidates for Options::pinned).
	[[nodiscard]] std::vector<int64_t> hot_constants(size_t max) const
	{
		std::vector<std::pair<uint32_t, int64_t>> v;
		for (auto [value, uses] : m_const_uses)
			v.push_back({uses, value});
		std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
			return a.first != b.first ? a.first > b.first : a.second < b.second;
		});
		std::vector<int64_t> out;
		for (size_t i = 0; i < v.size() && i < max; i++)
			out.push_back(v[i].second);
		return out;
	}

private:
	// ---- emission ----
	uint32_t pc() const { return static_cast<uint32_t>(m_code.size()); }
	void emit(Insn i) { m_code.push_back(i); }
	void abc(Op op, uint16_t a, uint16_t b, uint16_t c) { emit(Insn::make(op, a, b, c)); }
	void ab(Op op, uint16_t a, uint16_t b) { emit(Insn::make(op, a, b, 0)); }
	void absc(Op op, uint16_t a, uint16_t b, int64_t sc) { emit(Insn::make_sc(op, a, b, static_cast<int16_t>(sc))); }

	uint16_t alloc()
	{
		if (m_top >= kMaxRegs) {
			fail(m_def.loc, "function is too complex for kctx (it needs too many registers)");
			return static_cast<uint16_t>(kMaxRegs);
		}
		uint16_t r = static_cast<uint16_t>(m_top++);
		m_max = std::max(m_max, m_top);
		return r;
	}
	uint16_t dest(int want) { return want >= 0 ? static_cast<uint16_t>(want) : alloc(); }
	void fail(SourceLoc loc, std::string msg);

	void mov(uint16_t d, uint16_t s)
	{
		if (d != s)
			ab(Op::MOV, d, s);
	}
	void load_const(uint16_t d, int64_t v);
	void load_bits(uint16_t d, uint64_t bits);
	// The pinned base registers; a first pass finds out whether the function needs them.
	uint16_t fp()
	{
		m_fp_used = true;
		if (!m_opt.reserve_fp)
			fail(m_def.loc, "kctx internal error: frame register not reserved");
		return m_fp;
	}
	// Loads into a register the address the loader linked for an imported symbol.
	uint16_t imported_address(const Symbol* s, uint16_t d);
	uint16_t gp()
	{
		m_gp_used = true;
		if (!m_opt.reserve_gp)
			fail(m_def.loc, "kctx internal error: data register not reserved");
		return m_gp;
	}

	// ---- labels and jumps ----
	int new_label()
	{
		m_labels.emplace_back();
		return static_cast<int>(m_labels.size() - 1);
	}
	void bind(int l)
	{
		Label& lab = m_labels[l];
		lab.pc = pc();
		for (auto [at, fused] : lab.fixups)
			patch(at, fused, pc());
		lab.fixups.clear();
		m_reachable = true;
	}
	void patch(uint32_t at, bool fused, uint32_t target)
	{
		int64_t off = static_cast<int64_t>(target) - static_cast<int64_t>(at) - 1;
		Insn& i = m_code[at];
		if (fused) {
			if (!fits16(off)) {
				m_fused_overflow = true;
				return;
			}
			i = Insn::make_sc(i.op, i.a, i.b(), static_cast<int16_t>(off));
			return;
		}
		i.x = static_cast<uint32_t>(static_cast<int32_t>(off));
	}
	void add_fixup(int l, bool fused)
	{
		Label& lab = m_labels[l];
		uint32_t at = pc() - 1;
		if (lab.pc >= 0)
			patch(at, fused, static_cast<uint32_t>(lab.pc));
		else
			lab.fixups.push_back({at, fused});
	}
	void jump(int l)
	{
		emit(Insn::make_sbx(Op::JMP, 0, 0));
		add_fixup(l, false);
		m_reachable = false;
	}
	void jump_if(bool nonzero, uint16_t r, int l)
	{
		emit(Insn::make_sbx(nonzero ? Op::JNZ : Op::JZ, r, 0));
		add_fixup(l, false);
	}
	// if (a op b) goto l, for integers/pointers of the given signedness.
	void jump_cmp(BinOp op, uint16_t a, uint16_t b, bool is_signed, int l);

	// ---- lines ----
	void line(SourceLoc loc)
	{
		if (loc.line == 0 || loc.file != m_def.loc.file)
			return;
		if (!m_fn.lines.empty() && m_fn.lines.back().line == loc.line)
			return;
		if (!m_fn.lines.empty() && m_fn.lines.back().pc == pc()) {
			m_fn.lines.back().line = loc.line;
			return;
		}
		m_fn.lines.push_back({pc(), loc.line});
	}

	// ---- expressions ----
	uint16_t expr(const Expr* e, int want);
	uint16_t object_value(const Expr* e, int want);
	// The value of a kernel .data object (jiffies): the builtin call it has always been.
	uint16_t kernel_data_value(const Expr* e, int want);
	uint16_t address_of(const Expr* e, int want);
	uint16_t cast(const Expr* e, int want);
	uint16_t unary(const Expr* e, int want);
	uint16_t logical_value(const Expr* e, int want);
	void effect(const Expr* e);
	LVal lvalue(const Expr* e);
	uint16_t load(const LVal& lv, int want);
	void store(const LVal& lv, uint16_t value);
	uint16_t address(const LVal& lv, int want);
	void convert(uint16_t d, uint16_t s, const Type* from, const Type* to);
	bool is_noop_conversion(const Type* from, const Type* to) const;
	uint16_t binary(const Expr* e, int want);
	void arith(BinOp op, const Type* t, uint16_t d, uint16_t l, uint16_t r);
	uint16_t arith_imm(BinOp op, const Type* t, int want, const Expr* lhs, int64_t imm);
	uint16_t call(const Expr* e, int want);
	uint16_t assign(const Expr* e, int want, bool need_value);
	uint16_t compound_assign(const Expr* e, int want, bool need_value);
	uint16_t incdec(const Expr* e, int want, bool need_value);
	uint16_t cond_value(const Expr* e, int want);
	uint16_t stdarg(const Expr* e, int want);
	uint16_t stmt_expr(const Expr* e, int want);
	void copy_record(uint16_t dst_addr, uint16_t src_addr, uint64_t size);
	void branch(const Expr* e, bool jump_if_true, int l);
	uint16_t operand(const Expr* e);
	uint32_t frame_alloc(uint64_t size, uint32_t align);
	void init_object(const Initializer* init, const LVal& obj, const Type* t);

	// ---- statements ----
	void stmt(const Stmt* s);
	void for_stmt(const Stmt* s);
	void switch_stmt(const Stmt* s);
	void return_stmt(const Stmt* s);
	// The label a break/continue/goto statement (or a block of just one) jumps to, or -1.
	int jump_target(const Stmt* s);
	int named_label(const std::string& name)
	{
		auto it = m_named_labels.find(name);
		if (it != m_named_labels.end())
			return it->second;
		int l = new_label();
		m_named_labels[name] = l;
		return l;
	}
	void declare(const Stmt* s);
	void declare_object(const Stmt* s);
	// Variable-length arrays (Vla section below).
	uint16_t vla_bytes(const Type* t, int want);
	void declare_vla_types(const Type* t);
	void release_vlas(size_t depth);
	[[nodiscard]] size_t label_vla_depth(const std::string& label) const;
	void check_vla_jumps();

	ProgramGen& m_pg;
	const FunctionDef& m_def;
	vm::Function& m_fn;
	Options m_opt;
	std::vector<Insn> m_code;
	std::vector<Label> m_labels;
	std::unordered_map<const Symbol*, uint16_t> m_reg_of;
	std::unordered_map<const Symbol*, uint32_t> m_slot_of;
	std::map<std::string, int> m_named_labels;
	std::unordered_map<const Stmt*, int> m_case_labels;
	struct Target {
		int break_label;
		int continue_label;   // -1 for a switch
		size_t vla_depth;     // m_vla_scopes.size() outside the loop or switch
	};
	// Variable-length arrays in scope, in declaration order: each one's declaration and
	// the register holding sp from before its ALLOCA (leaving its scope restores it).
	struct VlaScope {
		const Stmt* decl;
		uint16_t saved_sp;
	};
	std::vector<VlaScope> m_vla_scopes;
	std::unordered_map<const Symbol*, uint16_t> m_vla_addr;    // a VLA object's address
	std::unordered_map<const Type*, uint16_t> m_vla_size;      // a declared VLA type's size in bytes
	// Each label's VLAs in scope (declarations, outermost first), from a pre-pass.
	std::map<std::string, std::vector<const Stmt*>> m_label_vlas;
	std::vector<Target> m_targets;
	std::map<int64_t, uint16_t> m_const_regs;
	std::map<int64_t, uint32_t> m_const_uses;
	// Debug view of the variables (GenStmt.cpp record_var): each block opened and not
	// yet closed is (the index of its first variable, the pc it starts at).
	void record_var(const Symbol* v, bool param);
	void open_scope() { m_scopes.push_back({m_vars.size(), pc()}); }
	void close_scope();
	std::vector<vm::VarInfo> m_vars;
	std::vector<std::pair<size_t, uint32_t>> m_scopes;
	uint32_t m_loop_depth = 0;
	uint32_t m_top = 0;
	uint32_t m_floor = 0;
	uint32_t m_max = 0;
	uint32_t m_frame = 0;
	uint16_t m_fp = 0;
	uint16_t m_gp = 0;
	uint16_t m_ret_ptr = 0;   // the hidden result address of a struct-returning function
	uint32_t m_va_area = 0;   // frame offset of a variadic function's register save area
	bool m_struct_ret = false;
	bool m_fp_used = false;
	bool m_gp_used = false;
	bool m_allow_fused = true;
	bool m_fused_overflow = false;
	bool m_reachable = true;
	bool m_failed = false;
};

class ProgramGen {
public:
	ProgramGen(const Unit& unit, const SourceSet& sources, vm::Program& prog, DiagnosticSink& diags)
		: m_unit(unit), m_sources(sources), m_prog(prog), m_diags(diags)
	{
	}

	// Lays out the data, then generates every function (twice: CodeGen.cpp).
	bool run();

	void error(SourceLoc loc, std::string msg, uint32_t len = 1)
	{
		if (m_quiet || error_count(m_diags) >= kMaxErrors)
			return;
		m_diags.error(loc, std::move(msg), len);
	}

	// Room for `size` bytes of .data (stored in the image). A string literal first met
	// after .bss was placed (discover_strings() finds them all first) stores that .bss
	// as zeros before it, so offsets stay valid either way.
	uint32_t data_alloc(uint64_t size, uint32_t align, const Symbol* o = nullptr)
	{
		uint64_t off = (m_prog.data_size() + align - 1) / align * align;
		if (!fits_data_segment(off, size, o))
			return 0;
		m_prog.data.resize(off + size, 0);
		m_prog.bss_size = 0;
		return static_cast<uint32_t>(off);
	}
	// Room for `size` zero bytes of .bss, after everything so far: never stored.
	uint32_t bss_alloc(uint64_t size, uint32_t align, const Symbol* o)
	{
		uint64_t off = (m_prog.data_size() + align - 1) / align * align;
		if (!fits_data_segment(off, size, o))
			return 0;
		m_prog.bss_size = off + size - m_prog.data.size();
		return static_cast<uint32_t>(off);
	}
	// Data offsets are 32-bit and a global's address is data_base + offset: x86-64's
	// small and kernel code models (gcc -mcmodel) reach 2 GiB of data, past which ld
	// reports "relocation truncated to fit". kctx says so at the declaration.
	bool fits_data_segment(uint64_t off, uint64_t size, const Symbol* o)
	{
		if (off + size <= kMaxDataSegment && size <= kMaxDataSegment)
			return true;
		if (o)
			error(o->loc,
			      fmt::format("'{}' does not fit in the data segment: {} bytes at offset {}, past the limit of {} "
					  "bytes (2 GiB, the x86-64 code model's)",
					  o->name, size, off, kMaxDataSegment),
			      o->length);
		else
			error({}, fmt::format("the data segment is too large (limit {} bytes)", kMaxDataSegment));
		return false;
	}
	static constexpr uint64_t kMaxDataSegment = kMaxDataBytes;   // lang/Limits.h
	static constexpr uint64_t kBssMinSize = 64 << 10;

	uint32_t string_offset(const std::string& bytes)
	{
		auto it = m_strings.find(bytes);
		if (it != m_strings.end())
			return it->second;
		uint32_t off = data_alloc(bytes.size(), 1);
		std::memcpy(m_prog.data.data() + off, bytes.data(), bytes.size());
		m_strings[bytes] = off;
		return off;
	}

	std::optional<uint32_t> data_offset(const Symbol* s) const
	{
		auto it = m_data_off.find(s);
		if (it == m_data_off.end())
			return std::nullopt;
		return it->second;
	}
	// The data word the loader fills with an imported symbol's address.
	// A kernel .data object whose memory this program uses (&jiffies, a store): the
	// loader keeps its value there (vm::Program::kernel_data).
	void note_kernel_data(const std::string& name)
	{
		if (std::find(m_prog.kernel_data.begin(), m_prog.kernel_data.end(), name) == m_prog.kernel_data.end())
			m_prog.kernel_data.push_back(name);
	}
	std::optional<uint32_t> import_slot(const Symbol* s) const
	{
		auto it = m_import_slot.find(s);
		if (it == m_import_slot.end())
			return std::nullopt;
		return it->second;
	}
	std::optional<uint32_t> function_index(const Symbol* s) const
	{
		auto it = m_func_index.find(s);
		if (it == m_func_index.end())
			return std::nullopt;
		return it->second;
	}
	uint32_t constant(uint64_t v)
	{
		auto it = m_constants.find(v);
		if (it != m_constants.end())
			return it->second;
		uint32_t idx = static_cast<uint32_t>(m_prog.constants.size());
		m_prog.constants.push_back(v);
		m_constants[v] = idx;
		return idx;
	}
	uint32_t file_index(uint32_t source_file)
	{
		auto it = m_files.find(source_file);
		if (it != m_files.end())
			return it->second;
		uint32_t idx = static_cast<uint32_t>(m_prog.files.size());
		m_prog.files.push_back(source_file < m_sources.size() ? m_sources.file(source_file).name : "?");
		m_files[source_file] = idx;
		return idx;
	}
	const FunctionDef* def_of(uint32_t index) const { return m_unit.functions[index]; }

	std::optional<ConstVal> eval(const Expr* e, int depth = 0);

private:
	std::optional<ConstVal> address_of(const Expr* e, int depth);
	[[nodiscard]] std::string not_constant_message(const Expr* e) const;
	void init_data(const Symbol* o);
	void place_object(const Symbol* o, bool bss);
	void discover_strings();
	void write_scalar(uint64_t off, const Type* t, const ConstVal& v, SourceLoc loc);

	const Unit& m_unit;
	const SourceSet& m_sources;
	vm::Program& m_prog;
	DiagnosticSink& m_diags;
	std::unordered_map<const Symbol*, uint32_t> m_data_off;
	std::unordered_map<const Symbol*, uint32_t> m_func_index;
	std::unordered_map<const Symbol*, uint32_t> m_global_index;   // into Program::globals
	bool m_quiet = false;   // discover_strings(): diagnostics come from the real pass
	std::unordered_map<const Symbol*, uint32_t> m_import_slot;
	std::map<std::string, uint32_t> m_strings;
	std::map<uint64_t, uint32_t> m_constants;
	std::map<uint32_t, uint32_t> m_files;
};

}  // namespace kctx::lang::codegen
