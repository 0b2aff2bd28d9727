#include "lang/CodeGen.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <unordered_map>

#include "lang/Limits.h"
#include "lang/Sema.h"

namespace kctx::lang {

namespace {

using vm::Insn;
using vm::Op;

constexpr int kAny = -1;
constexpr uint32_t kMaxRegs = 60000;

bool fits16(int64_t v) { return v >= INT16_MIN && v <= INT16_MAX; }
bool fits32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

// How a value of type t sits in a register, for conversions and arithmetic.
struct RegClass {
	uint32_t size = 8;   // bytes of the C type (1, 2, 4, 8)
	bool is_signed = false;
	bool is_float = false;
	bool is_bool = false;
};

RegClass reg_class(const Type* t)
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

Op load_op(const Type* t)
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

Op store_op(const Type* t)
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
std::optional<Op> narrow_op(const Type* t)
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

bool is_memory_resident(const Symbol* s)
{
	return s->address_taken || !s->type->is_scalar();
}

bool is_compare(BinOp op)
{
	return op == BinOp::Eq || op == BinOp::Ne || op == BinOp::Lt || op == BinOp::Le || op == BinOp::Gt ||
	       op == BinOp::Ge;
}

BinOp negate(BinOp op)
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
Op unit_load_op(const Type* t)
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

	bool run()
	{
		for (size_t i = 0; i < m_unit.functions.size(); i++)
			m_func_index[m_unit.functions[i]->sym] = static_cast<uint32_t>(i);
		for (const Symbol* o : m_unit.objects) {
			uint32_t align = std::max<uint32_t>({1u, o->type->align(), o->align});
			uint64_t size = o->type->size();
			uint32_t off = data_alloc(size, align);
			m_data_off[o] = off;
			m_prog.globals.push_back({o->global_name.empty() ? o->name : o->global_name, off,
						  static_cast<uint32_t>(size), o->is_static || o->storage == Storage::LocalStatic});
		}
		for (const Symbol* o : m_unit.objects)
			if (o->init)
				init_data(o);
		for (const FunctionDef* def : m_unit.functions) {
			if (error_count(m_diags) >= kMaxErrors)
				break;
			// Generate once to learn what the function needs, then again with only that
			// (fewer registers to clear per call; plain branches if a jump is too far).
			FunctionGen::Options opt;
			vm::Function fn;
			FunctionGen g(*this, *def, fn, opt);
			bool fused_ok = g.run();
			if (!g.failed()) {
				opt.allow_fused = fused_ok;
				opt.reserve_fp = g.used_fp();
				opt.reserve_gp = g.used_gp();
				opt.pinned = g.hot_constants(6);
				fn = vm::Function{};
				FunctionGen g2(*this, *def, fn, opt);
				(void)g2.run();
			}
			m_prog.functions.push_back(std::move(fn));
		}
		return error_count(m_diags) == 0;
	}

	void error(SourceLoc loc, std::string msg, uint32_t len = 1)
	{
		if (error_count(m_diags) >= kMaxErrors)
			return;
		m_diags.error(loc, std::move(msg), len);
	}

	uint32_t data_alloc(uint64_t size, uint32_t align)
	{
		uint64_t off = (m_prog.data.size() + align - 1) / align * align;
		if (off + size > (1ull << 31)) {
			error({}, "the data segment is too large");
			return 0;
		}
		m_prog.data.resize(off + size, 0);
		return static_cast<uint32_t>(off);
	}

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
	void init_data(const Symbol* o);
	void write_scalar(uint64_t off, const Type* t, const ConstVal& v, SourceLoc loc);

	const Unit& m_unit;
	const SourceSet& m_sources;
	vm::Program& m_prog;
	DiagnosticSink& m_diags;
	std::unordered_map<const Symbol*, uint32_t> m_data_off;
	std::unordered_map<const Symbol*, uint32_t> m_func_index;
	std::map<std::string, uint32_t> m_strings;
	std::map<uint64_t, uint32_t> m_constants;
	std::map<uint32_t, uint32_t> m_files;
};

// ---- static initializers ----

std::optional<ConstVal> ProgramGen::address_of(const Expr* e, int depth)
{
	if (depth > 128)
		return std::nullopt;
	switch (e->kind) {
	case ExprKind::Var: {
		auto off = data_offset(e->sym);
		if (!off)
			return std::nullopt;
		ConstVal v;
		v.kind = ConstVal::Kind::Address;
		v.target_kind = vm::Relocation::Kind::Data;
		v.target = *off;
		return v;
	}
	case ExprKind::StrLit: {
		ConstVal v;
		v.kind = ConstVal::Kind::Address;
		v.target_kind = vm::Relocation::Kind::Data;
		v.target = string_offset(e->str);
		return v;
	}
	case ExprKind::Func: {
		ConstVal v;
		v.kind = ConstVal::Kind::Address;
		if (auto idx = function_index(e->sym)) {
			v.target_kind = vm::Relocation::Kind::Function;
			v.target = *idx;
			return v;
		}
		if (e->sym->builtin) {
			v.target_kind = vm::Relocation::Kind::Builtin;
			v.target = static_cast<uint32_t>(*e->sym->builtin);
			return v;
		}
		return std::nullopt;
	}
	case ExprKind::Member: {
		auto b = address_of(e->lhs, depth + 1);
		if (!b)
			return b;
		b->i += static_cast<int64_t>(e->offset);
		return b;
	}
	case ExprKind::Deref: return eval(e->lhs, depth + 1);
	default: return std::nullopt;
	}
}

std::optional<ConstVal> ProgramGen::eval(const Expr* e, int depth)
{
	if (depth > 128)
		return std::nullopt;
	switch (e->kind) {
	case ExprKind::IntLit: {
		ConstVal v;
		v.i = e->int_value;
		return v;
	}
	case ExprKind::FloatLit: {
		ConstVal v;
		v.kind = ConstVal::Kind::Float;
		v.f = e->float_value;
		return v;
	}
	case ExprKind::AddrOf: return address_of(e->lhs, depth + 1);
	case ExprKind::Cast: {
		auto v = eval(e->lhs, depth + 1);
		if (!v)
			return v;
		const Type* to = e->type;
		const Type* from = e->lhs->type;
		if (to->is_void())
			return std::nullopt;
		if (v->kind == ConstVal::Kind::Address) {
			if (to->is_pointer() || (to->is_integer() && to->size() == 8))
				return v;
			return std::nullopt;
		}
		if (to->is_float()) {
			if (v->kind == ConstVal::Kind::Int)
				v->f = from->is_signed() ? static_cast<double>(v->i) : static_cast<double>(static_cast<uint64_t>(v->i));
			if (to->kind == TypeKind::Float)
				v->f = static_cast<double>(static_cast<float>(v->f));
			v->kind = ConstVal::Kind::Float;
			return v;
		}
		if (v->kind == ConstVal::Kind::Float) {
			if (!(v->f > -9.2e18 && v->f < 9.2e18))
				return std::nullopt;
			v->i = static_cast<int64_t>(v->f);
			v->kind = ConstVal::Kind::Int;
		}
		if (to->is_bool())
			v->i = v->i != 0;
		else
			v->i = Sema::normalize(v->i, to);
		return v;
	}
	case ExprKind::Binary: {
		BinOp op = e->binop();
		if (op != BinOp::Add && op != BinOp::Sub)
			return std::nullopt;
		auto a = eval(e->lhs, depth + 1);
		auto b = eval(e->rhs, depth + 1);
		if (!a || !b)
			return std::nullopt;
		if (a->kind == ConstVal::Kind::Address && b->kind == ConstVal::Kind::Int) {
			a->i = op == BinOp::Add ? a->i + b->i : a->i - b->i;
			return a;
		}
		if (a->kind == ConstVal::Kind::Int && b->kind == ConstVal::Kind::Int) {
			uint64_t x = static_cast<uint64_t>(a->i), y = static_cast<uint64_t>(b->i);
			a->i = Sema::normalize(static_cast<int64_t>(op == BinOp::Add ? x + y : x - y), e->type);
			return a;
		}
		return std::nullopt;
	}
	case ExprKind::Cond: {
		auto c = eval(e->cond, depth + 1);
		if (!c || c->kind != ConstVal::Kind::Int)
			return std::nullopt;
		return eval(c->i ? e->lhs : e->rhs, depth + 1);
	}
	case ExprKind::Comma: return std::nullopt;
	default: return std::nullopt;
	}
}

void ProgramGen::write_scalar(uint64_t off, const Type* t, const ConstVal& v, SourceLoc loc)
{
	uint8_t* p = m_prog.data.data() + off;
	uint64_t size = t->size();
	if (v.kind == ConstVal::Kind::Address) {
		if (size != 8) {
			error(loc, "initializer element is not a compile-time constant (an address does not fit)");
			return;
		}
		vm::Relocation r;
		r.offset = static_cast<uint32_t>(off);
		r.kind = v.target_kind;
		r.target = v.target;
		r.addend = v.i;
		if (r.kind != vm::Relocation::Kind::Data && v.i != 0) {
			error(loc, "initializer element is not a compile-time constant (an offset from a function address)");
			return;
		}
		m_prog.relocations.push_back(r);
		std::memset(p, 0, 8);
		return;
	}
	if (t->is_float()) {
		double d = v.kind == ConstVal::Kind::Float ? v.f : static_cast<double>(v.i);
		if (t->kind == TypeKind::Float) {
			float f = static_cast<float>(d);
			std::memcpy(p, &f, 4);
		} else {
			std::memcpy(p, &d, 8);
		}
		return;
	}
	int64_t i = v.kind == ConstVal::Kind::Float ? static_cast<int64_t>(v.f) : v.i;
	uint64_t u = static_cast<uint64_t>(i);
	for (uint64_t k = 0; k < size && k < 8; k++)
		p[k] = static_cast<uint8_t>(u >> (8 * k));
}

void ProgramGen::init_data(const Symbol* o)
{
	uint64_t base = m_data_off[o];
	for (const InitItem& it : o->init->items) {
		const Type* t = it.type;
		const Expr* e = it.expr;
		uint64_t off = base + it.offset;
		if (t->is_array() && e->kind == ExprKind::StrLit) {
			uint64_t n = std::min<uint64_t>(e->str.size(), t->size());
			std::memcpy(m_prog.data.data() + off, e->str.data(), n);
			continue;
		}
		if (t->is_record()) {
			error(e->loc, "initializer element is not a compile-time constant", e->length);
			continue;
		}
		auto v = eval(e);
		if (!v) {
			error(e->loc, "initializer element is not a compile-time constant", e->length);
			continue;
		}
		if (it.bit_width) {
			if (v->kind != ConstVal::Kind::Int) {
				error(e->loc, "initializer element for a bit-field is not an integer constant", e->length);
				continue;
			}
			uint64_t unit = 0;
			uint64_t size = t->size();
			std::memcpy(&unit, m_prog.data.data() + off, size);
			uint64_t ones = it.bit_width >= 64 ? ~0ull : (1ull << it.bit_width) - 1;
			unit = (unit & ~(ones << it.bit_offset)) | ((static_cast<uint64_t>(v->i) & ones) << it.bit_offset);
			std::memcpy(m_prog.data.data() + off, &unit, size);
			continue;
		}
		write_scalar(off, t, *v, e->loc);
	}
}

// ---- functions ----

void FunctionGen::fail(SourceLoc loc, std::string msg)
{
	if (!m_failed)
		m_pg.error(loc, std::move(msg));
	m_failed = true;
}

void FunctionGen::load_const(uint16_t d, int64_t v)
{
	if (fits32(v)) {
		emit(Insn::make_sbx(Op::LOADI, d, static_cast<int32_t>(v)));
		return;
	}
	emit(Insn::make_bx(Op::LOADK, d, m_pg.constant(static_cast<uint64_t>(v))));
}

void FunctionGen::load_bits(uint16_t d, uint64_t bits)
{
	if (static_cast<int64_t>(bits) >= INT32_MIN && static_cast<int64_t>(bits) <= INT32_MAX) {
		emit(Insn::make_sbx(Op::LOADI, d, static_cast<int32_t>(static_cast<int64_t>(bits))));
		return;
	}
	emit(Insn::make_bx(Op::LOADK, d, m_pg.constant(bits)));
}

void FunctionGen::jump_cmp(BinOp op, uint16_t a, uint16_t b, bool is_signed, int l)
{
	Op o = Op::JEQ;
	uint16_t x = a, y = b;
	switch (op) {
	case BinOp::Eq: o = Op::JEQ; break;
	case BinOp::Ne: o = Op::JNE; break;
	case BinOp::Lt: o = is_signed ? Op::JLTS : Op::JLTU; break;
	case BinOp::Le: o = is_signed ? Op::JLES : Op::JLEU; break;
	case BinOp::Gt: o = is_signed ? Op::JLTS : Op::JLTU; std::swap(x, y); break;
	case BinOp::Ge: o = is_signed ? Op::JLES : Op::JLEU; std::swap(x, y); break;
	default: break;
	}
	if (m_allow_fused) {
		emit(Insn::make_sc(o, x, y, 0));
		add_fixup(l, true);
		return;
	}
	Op c = Op::EQ;
	switch (o) {
	case Op::JEQ: c = Op::EQ; break;
	case Op::JNE: c = Op::NE; break;
	case Op::JLTS: c = Op::LTS; break;
	case Op::JLES: c = Op::LES; break;
	case Op::JLTU: c = Op::LTU; break;
	case Op::JLEU: c = Op::LEU; break;
	default: break;
	}
	uint32_t save = m_top;
	uint16_t t = alloc();
	abc(c, t, x, y);
	jump_if(true, t, l);
	m_top = save;
}

uint32_t FunctionGen::frame_alloc(uint64_t size, uint32_t align)
{
	align = std::max<uint32_t>(align, 1);
	uint64_t off = (m_frame + align - 1) / align * align;
	if (off + size > (1u << 30)) {
		fail(m_def.loc, "the function's local variables are too large");
		return 0;
	}
	m_frame = static_cast<uint32_t>(off + size);
	return static_cast<uint32_t>(off);
}

bool FunctionGen::is_noop_conversion(const Type* from, const Type* to) const
{
	if (to->is_void())
		return true;
	RegClass f = reg_class(from), t = reg_class(to);
	if (f.is_float || t.is_float)
		return f.is_float && t.is_float && (t.size == 8 || f.size == 4);
	if (t.is_bool)
		return f.is_bool;
	if (t.size == 8)
		return true;
	if (f.size < t.size)
		return !(f.is_signed && !t.is_signed);
	return f.size == t.size && f.is_signed == t.is_signed;
}

void FunctionGen::convert(uint16_t d, uint16_t s, const Type* from, const Type* to)
{
	if (to->is_void())
		return;
	RegClass f = reg_class(from), t = reg_class(to);
	if (t.is_bool) {
		if (f.is_bool) {
			mov(d, s);
			return;
		}
		if (f.is_float) {
			uint32_t save = m_top;
			uint16_t z = alloc();
			load_const(z, 0);
			abc(Op::FNE, d, s, z);
			m_top = save;
			return;
		}
		ab(Op::LNOT, d, s);
		ab(Op::LNOT, d, d);
		return;
	}
	if (t.is_float) {
		if (f.is_float) {
			if (t.size == 4 && f.size == 8)
				ab(Op::F2F32, d, s);
			else
				mov(d, s);
			return;
		}
		bool u64 = !f.is_signed && f.size == 8;
		ab(u64 ? Op::U2F : Op::I2F, d, s);
		if (t.size == 4)
			ab(Op::F2F32, d, d);
		return;
	}
	if (f.is_float) {
		bool u64 = !t.is_signed && t.size == 8;
		ab(u64 ? Op::F2U : Op::F2I, d, s);
		if (auto n = narrow_op(to))
			ab(*n, d, d);
		return;
	}
	if (is_noop_conversion(from, to)) {
		mov(d, s);
		return;
	}
	if (auto n = narrow_op(to)) {
		ab(*n, d, s);
		return;
	}
	mov(d, s);
}

LVal FunctionGen::lvalue(const Expr* e)
{
	LVal lv;
	lv.type = e->type;
	switch (e->kind) {
	case ExprKind::Var: {
		const Symbol* s = e->sym;
		if (s->storage == Storage::Local || s->storage == Storage::Param) {
			if (auto vla = m_vla_addr.find(s); vla != m_vla_addr.end()) {
				lv.reg = vla->second;
				return lv;
			}
			if (s->type->is_array() && s->type->is_variably_modified()) {
				fail(e->loc, fmt::format("kctx internal error: variable-length array '{}' used before its declaration", s->name));
				return lv;
			}
			auto r = m_reg_of.find(s);
			if (r != m_reg_of.end()) {
				lv.is_reg = true;
				lv.reg = r->second;
				return lv;
			}
			auto slot = m_slot_of.find(s);
			if (slot == m_slot_of.end()) {
				// A variable whose declaration was jumped over is still given its home.
				if (is_memory_resident(s)) {
					uint32_t off = frame_alloc(s->type->size(), s->type->align());
					m_slot_of[s] = off;
					lv.reg = fp();
					lv.off = off;
					return lv;
				}
				uint16_t r2 = alloc();
				m_reg_of[s] = r2;
				fail(e->loc, fmt::format("kctx internal limitation: variable '{}' used before its declaration was generated",
							 s->name));
				lv.is_reg = true;
				lv.reg = r2;
				return lv;
			}
			lv.reg = fp();
			lv.off = slot->second;
			return lv;
		}
		auto off = m_pg.data_offset(s);
		if (!off) {
			fail(e->loc, fmt::format("'{}' has no storage in this file", s->name));
			return lv;
		}
		lv.reg = gp();
		lv.off = *off;
		return lv;
	}
	case ExprKind::Deref: {
		const Expr* p = e->lhs;
		// obj[i] where obj is an array in memory: base register + i, offset in the access.
		if (p->kind == ExprKind::Binary && p->binop() == BinOp::Add && p->type->is_pointer() &&
		    p->lhs->kind == ExprKind::AddrOf && p->lhs->lhs->kind != ExprKind::Func &&
		    p->rhs->kind != ExprKind::IntLit) {
			LVal obj = lvalue(p->lhs->lhs);
			if (!obj.is_reg) {
				uint16_t idx = expr(p->rhs, kAny);
				uint16_t t = alloc();
				abc(Op::ADD, t, obj.reg, idx);
				lv.reg = t;
				lv.off = obj.off;
				return lv;
			}
		}
		if (p->kind == ExprKind::Binary && (p->binop() == BinOp::Add || p->binop() == BinOp::Sub) &&
		    p->type->is_pointer() && p->rhs->kind == ExprKind::IntLit) {
			int64_t off = p->binop() == BinOp::Add ? p->rhs->int_value : -p->rhs->int_value;
			if (fits32(off)) {
				lv.reg = expr(p->lhs, kAny);
				lv.off = off;
				return lv;
			}
		}
		lv.reg = expr(p, kAny);
		return lv;
	}
	case ExprKind::Member: {
		LVal base = lvalue(e->lhs);
		if (base.is_reg) {
			fail(e->loc, "kctx internal error: a structure in a register");
			return lv;
		}
		lv.reg = base.reg;
		lv.off = base.off + static_cast<int64_t>(e->offset);
		if (e->bit_width) {
			lv.type = e->bit_type;
			lv.bit_offset = e->bit_offset;
			lv.bit_width = e->bit_width;
		}
		return lv;
	}
	case ExprKind::StrLit: {
		lv.reg = gp();
		lv.off = m_pg.string_offset(e->str);
		return lv;
	}
	case ExprKind::CompoundLit: {
		auto slot = m_slot_of.find(e->sym);
		uint32_t off = 0;
		if (slot == m_slot_of.end()) {
			off = frame_alloc(e->type->size(), e->type->align());
			m_slot_of[e->sym] = off;
		} else {
			off = slot->second;
		}
		LVal obj;
		obj.reg = fp();
		obj.off = off;
		obj.type = e->type;
		init_object(e->init, obj, e->type);
		return obj;
	}
	default: {
		// An rvalue structure (a call's result, ?:, assignment): its value is its address.
		lv.reg = expr(e, kAny);
		return lv;
	}
	}
}

uint16_t FunctionGen::address(const LVal& lv, int want)
{
	if (lv.off == 0 && want < 0)
		return lv.reg;
	uint16_t d = dest(want);
	if (fits16(lv.off)) {
		absc(Op::ADDI, d, lv.reg, lv.off);
		return d;
	}
	uint32_t save = m_top;
	uint16_t t = alloc();
	load_const(t, lv.off);
	abc(Op::ADD, d, lv.reg, t);
	m_top = save;
	return d;
}

uint16_t FunctionGen::load(const LVal& lv, int want)
{
	if (lv.bit_width) {
		// Shift the field to the top, then back down (arithmetically if signed).
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t base = lv.reg;
		int64_t off = lv.off;
		if (!fits16(off)) {
			base = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
			off = 0;
		}
		absc(unit_load_op(lv.type), d, base, off);
		uint16_t k = alloc();
		int up = 64 - lv.bit_offset - lv.bit_width;
		if (up > 0) {
			load_const(k, up);
			abc(Op::SHL, d, d, k);
		}
		load_const(k, 64 - lv.bit_width);
		bool is_signed = lv.type->is_signed() && !lv.type->is_bool();
		abc(is_signed ? Op::SHRS : Op::SHRU, d, d, k);
		m_top = save;
		return d;
	}
	if (lv.is_reg) {
		if (want < 0)
			return lv.reg;
		mov(static_cast<uint16_t>(want), lv.reg);
		return static_cast<uint16_t>(want);
	}
	if (lv.type->is_record() || lv.type->is_array() || lv.type->is_function())
		return address(lv, want);
	uint16_t d = dest(want);
	if (fits16(lv.off)) {
		absc(load_op(lv.type), d, lv.reg, lv.off);
		return d;
	}
	uint32_t save = m_top;
	uint16_t a = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
	absc(load_op(lv.type), d, a, 0);
	m_top = save;
	return d;
}

void FunctionGen::store(const LVal& lv, uint16_t value)
{
	if (lv.bit_width) {
		// Read the unit, clear the field's bits, or in the new ones, write the unit.
		uint32_t save = m_top;
		uint16_t base = lv.reg;
		int64_t off = lv.off;
		if (!fits16(off)) {
			base = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
			off = 0;
		}
		uint64_t ones = lv.bit_width >= 64 ? ~0ull : (1ull << lv.bit_width) - 1;
		uint16_t unit = alloc(), mask = alloc(), t = alloc(), k = alloc();
		absc(unit_load_op(lv.type), unit, base, off);
		load_bits(mask, ones << lv.bit_offset);
		load_const(k, lv.bit_offset);
		abc(Op::SHL, t, value, k);
		abc(Op::AND, t, t, mask);
		ab(Op::NOT, mask, mask);
		abc(Op::AND, unit, unit, mask);
		abc(Op::OR, unit, unit, t);
		absc(store_op(lv.type), unit, base, off);
		m_top = save;
		return;
	}
	if (lv.is_reg) {
		mov(lv.reg, value);
		return;
	}
	if (lv.type->is_record()) {
		uint32_t save = m_top;
		uint16_t a = address(lv, kAny);
		copy_record(a, value, lv.type->size());
		m_top = save;
		return;
	}
	if (fits16(lv.off)) {
		absc(store_op(lv.type), value, lv.reg, lv.off);
		return;
	}
	uint32_t save = m_top;
	uint16_t a = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
	absc(store_op(lv.type), value, a, 0);
	m_top = save;
}

void FunctionGen::copy_record(uint16_t dst_addr, uint16_t src_addr, uint64_t size)
{
	uint32_t save = m_top;
	uint16_t n = alloc();
	load_const(n, static_cast<int64_t>(size));
	abc(Op::MEMCPY, dst_addr, src_addr, n);
	m_top = save;
}

void FunctionGen::init_object(const Initializer* init, const LVal& obj, const Type* t)
{
	if (!init)
		return;
	uint32_t save = m_top;
	if (obj.is_reg) {
		// A scalar in a register: one item at offset 0.
		for (const InitItem& it : init->items)
			(void)expr(it.expr, obj.reg);
		if (init->items.empty())
			load_const(obj.reg, 0);
		m_top = save;
		return;
	}
	if (init->aggregate) {
		uint16_t a = address(obj, kAny);
		uint16_t z = alloc();
		uint16_t n = alloc();
		load_const(z, 0);
		load_const(n, static_cast<int64_t>(t->size()));
		abc(Op::MEMSET, a, z, n);
		m_top = save;
	}
	for (const InitItem& it : init->items) {
		LVal at{false, obj.reg, obj.off + static_cast<int64_t>(it.offset), it.type, it.bit_offset, it.bit_width};
		if (it.type->is_array() && it.expr->kind == ExprKind::StrLit) {
			uint64_t n = std::min<uint64_t>(it.expr->str.size(), it.type->size());
			uint16_t dst = address(at, kAny);
			uint16_t src = address(LVal{false, gp(), m_pg.string_offset(it.expr->str), it.type}, kAny);
			copy_record(dst, src, n);
			m_top = save;
			continue;
		}
		if (init->aggregate && it.expr->kind == ExprKind::IntLit && it.expr->int_value == 0)
			continue;   // already zeroed
		uint16_t v = expr(it.expr, kAny);
		store(at, v);
		m_top = save;
	}
}

uint16_t FunctionGen::operand(const Expr* e)
{
	return expr(e, kAny);
}

void FunctionGen::arith(BinOp op, const Type* t, uint16_t d, uint16_t l, uint16_t r)
{
	RegClass c = reg_class(t);
	if (c.is_float) {
		Op o = Op::FADD;
		switch (op) {
		case BinOp::Add: o = Op::FADD; break;
		case BinOp::Sub: o = Op::FSUB; break;
		case BinOp::Mul: o = Op::FMUL; break;
		case BinOp::Div: o = Op::FDIV; break;
		default: fail({}, "kctx internal error: bad floating operator"); return;
		}
		abc(o, d, l, r);
		if (c.size == 4)
			ab(Op::F2F32, d, d);
		return;
	}
	bool int32 = c.size == 4 && c.is_signed;
	bool narrow = c.size < 8 && !int32;   // unsigned int (smaller types were promoted)
	switch (op) {
	case BinOp::Add: abc(int32 ? Op::ADD32 : Op::ADD, d, l, r); break;
	case BinOp::Sub: abc(int32 ? Op::SUB32 : Op::SUB, d, l, r); break;
	case BinOp::Mul: abc(int32 ? Op::MUL32 : Op::MUL, d, l, r); break;
	case BinOp::Div:
		abc(c.is_signed ? Op::DIVS : Op::DIVU, d, l, r);
		if (int32)
			ab(Op::SEXT32, d, d);   // INT_MIN / -1
		return;
	case BinOp::Rem: abc(c.is_signed ? Op::REMS : Op::REMU, d, l, r); return;
	case BinOp::Shl:
		abc(Op::SHL, d, l, r);
		if (int32)
			ab(Op::SEXT32, d, d);
		break;
	case BinOp::Shr: abc(c.is_signed ? Op::SHRS : Op::SHRU, d, l, r); return;
	case BinOp::And: abc(Op::AND, d, l, r); return;
	case BinOp::Or: abc(Op::OR, d, l, r); return;
	case BinOp::Xor: abc(Op::XOR, d, l, r); return;
	default: fail({}, "kctx internal error: bad arithmetic operator"); return;
	}
	if (narrow)
		if (auto n = narrow_op(t))
			ab(*n, d, d);
}

// lhs op imm, where imm fits the 16-bit immediate of ADDI (Add/Sub only).
uint16_t FunctionGen::arith_imm(BinOp op, const Type* t, int want, const Expr* lhs, int64_t imm)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t l = expr(lhs, kAny);
	RegClass c = reg_class(t);
	int64_t v = op == BinOp::Add ? imm : -imm;
	bool int32 = c.size == 4 && c.is_signed;
	absc(int32 ? Op::ADDI32 : Op::ADDI, d, l, v);
	if (c.size < 8 && !int32)
		if (auto n = narrow_op(t))
			ab(*n, d, d);
	m_top = save;
	return d;
}

uint16_t FunctionGen::binary(const Expr* e, int want)
{
	BinOp op = e->binop();
	const Expr* l = e->lhs;
	const Expr* r = e->rhs;
	if (is_compare(op)) {
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t a = operand(l);
		uint16_t b = operand(r);
		RegClass c = reg_class(l->type);
		Op o = Op::EQ;
		uint16_t x = a, y = b;
		if (c.is_float) {
			switch (op) {
			case BinOp::Eq: o = Op::FEQ; break;
			case BinOp::Ne: o = Op::FNE; break;
			case BinOp::Lt: o = Op::FLT; break;
			case BinOp::Le: o = Op::FLE; break;
			case BinOp::Gt: o = Op::FLT; std::swap(x, y); break;
			case BinOp::Ge: o = Op::FLE; std::swap(x, y); break;
			default: break;
			}
		} else {
			bool s = c.is_signed;
			switch (op) {
			case BinOp::Eq: o = Op::EQ; break;
			case BinOp::Ne: o = Op::NE; break;
			case BinOp::Lt: o = s ? Op::LTS : Op::LTU; break;
			case BinOp::Le: o = s ? Op::LES : Op::LEU; break;
			case BinOp::Gt: o = s ? Op::LTS : Op::LTU; std::swap(x, y); break;
			case BinOp::Ge: o = s ? Op::LES : Op::LEU; std::swap(x, y); break;
			default: break;
			}
		}
		abc(o, d, x, y);
		m_top = save;
		return d;
	}
	RegClass c = reg_class(e->type);
	if (!c.is_float && (op == BinOp::Add || op == BinOp::Sub) && r->kind == ExprKind::IntLit &&
	    fits16(r->int_value) && r->int_value != INT16_MIN)
		return arith_imm(op, e->type, want, l, r->int_value);
	if (!c.is_float && op == BinOp::Add && l->kind == ExprKind::IntLit && fits16(l->int_value) && !e->type->is_pointer())
		return arith_imm(op, e->type, want, r, l->int_value);
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t a = operand(l);
	uint16_t b = operand(r);
	arith(op, e->type, d, a, b);
	m_top = save;
	return d;
}

uint16_t FunctionGen::cond_value(const Expr* e, int want)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	int l_else = new_label(), l_end = new_label();
	branch(e->cond, false, l_else);
	m_top = save;
	if (e->type->is_void()) {
		effect(e->lhs);
		m_top = save;
		jump(l_end);
		bind(l_else);
		effect(e->rhs);
		m_top = save;
		bind(l_end);
		return d;
	}
	(void)expr(e->lhs, d);
	m_top = save;
	jump(l_end);
	bind(l_else);
	(void)expr(e->rhs, d);
	m_top = save;
	bind(l_end);
	return d;
}

uint16_t FunctionGen::stmt_expr(const Expr* e, int want)
{
	uint16_t d = e->type->is_void() ? 0 : dest(want);
	uint32_t save_top = m_top, save_floor = m_floor;
	m_floor = m_top;
	const Stmt* body = e->body;
	size_t n = body->items.size();
	for (size_t i = 0; i < n; i++) {
		const Stmt* s = body->items[i];
		if (i + 1 == n && s->kind == StmtKind::Expr && !e->type->is_void()) {
			m_top = m_floor;
			line(s->loc);
			(void)expr(s->expr, d);
			continue;
		}
		stmt(s);
	}
	m_top = save_top;
	m_floor = save_floor;
	return d;
}

uint16_t FunctionGen::assign(const Expr* e, int want, bool need_value)
{
	const Expr* lhs = e->lhs;
	if (lhs->type->is_record()) {
		uint32_t save = m_top;
		uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : 0;
		bool keep = need_value && want < 0;
		if (keep)
			d = alloc();
		uint32_t inner = m_top;
		LVal lv = lvalue(lhs);
		uint16_t dst = address(lv, kAny);
		uint16_t src = expr(e->rhs, kAny);
		copy_record(dst, src, lhs->type->size());
		if (need_value)
			mov(d, dst);
		m_top = keep ? inner : save;
		return d;
	}
	if (lhs->kind == ExprKind::Var && m_reg_of.count(lhs->sym)) {
		uint16_t r = m_reg_of[lhs->sym];
		(void)expr(e->rhs, r);
		if (want >= 0) {
			mov(static_cast<uint16_t>(want), r);
			return static_cast<uint16_t>(want);
		}
		return r;
	}
	uint32_t save = m_top;
	uint16_t d = 0;
	if (want >= 0)
		d = static_cast<uint16_t>(want);
	else if (need_value)
		d = alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(lhs);
	uint16_t v = expr(e->rhs, need_value ? d : kAny);
	store(lv, v);
	if (lv.bit_width && need_value)
		(void)load(lv, v);   // the value of the assignment is the field's, truncated
	m_top = need_value && want < 0 ? inner : save;
	return v;
}

uint16_t FunctionGen::compound_assign(const Expr* e, int want, bool need_value)
{
	const Expr* lhs = e->lhs;
	const Type* lt = lhs->type;
	const Type* ct = e->comp_type;
	BinOp op = e->binop();
	RegClass cc = reg_class(ct);
	bool imm = !cc.is_float && (op == BinOp::Add || op == BinOp::Sub) && e->rhs->kind == ExprKind::IntLit &&
		   fits16(e->rhs->int_value) && e->rhs->int_value != INT16_MIN;
	auto compute = [&](uint16_t d, uint16_t old) {
		if (imm) {
			int64_t v = op == BinOp::Add ? e->rhs->int_value : -e->rhs->int_value;
			bool int32 = cc.size == 4 && cc.is_signed;
			absc(int32 ? Op::ADDI32 : Op::ADDI, d, old, v);
			if (cc.size < 8 && !int32)
				if (auto n = narrow_op(ct))
					ab(*n, d, d);
			return;
		}
		uint16_t r = operand(e->rhs);
		arith(op, ct, d, old, r);
	};
	if (lhs->kind == ExprKind::Var && m_reg_of.count(lhs->sym)) {
		uint16_t var = m_reg_of[lhs->sym];
		uint32_t save = m_top;
		if (is_noop_conversion(lt, ct) && is_noop_conversion(ct, lt) && !reg_class(lt).is_bool) {
			compute(var, var);
		} else {
			uint16_t t = alloc();
			convert(t, var, lt, ct);
			compute(t, t);
			convert(var, t, ct, lt);
		}
		m_top = save;
		if (want >= 0) {
			mov(static_cast<uint16_t>(want), var);
			return static_cast<uint16_t>(want);
		}
		return var;
	}
	uint32_t save = m_top;
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(lhs);
	uint16_t t = alloc();
	(void)load(lv, t);
	convert(t, t, lt, ct);
	compute(t, t);
	convert(d, t, ct, lt);
	store(lv, d);
	if (lv.bit_width && need_value)
		(void)load(lv, d);
	m_top = need_value && want < 0 ? inner : save;
	if (!need_value && want < 0)
		m_top = save;
	return d;
}

uint16_t FunctionGen::incdec(const Expr* e, int want, bool need_value)
{
	const Expr* lhs = e->lhs;
	const Type* t = lhs->type;
	RegClass c = reg_class(t);
	int64_t delta = e->int_value;
	auto bump = [&](uint16_t d, uint16_t s) {
		if (c.is_float) {
			uint32_t save = m_top;
			uint16_t k = alloc();
			double one = delta > 0 ? 1.0 : -1.0;
			load_bits(k, std::bit_cast<uint64_t>(one));
			abc(Op::FADD, d, s, k);
			if (c.size == 4)
				ab(Op::F2F32, d, d);
			m_top = save;
			return;
		}
		if (c.is_bool) {
			// ++ sets a _Bool to 1; -- flips it (C: b = b - 1, converted to _Bool).
			if (delta > 0)
				load_const(d, 1);
			else
				ab(Op::LNOT, d, s);
			return;
		}
		if (e->rhs) {
			// A pointer to a variable-length array steps by its run-time size.
			uint32_t save = m_top;
			uint16_t k = expr(e->rhs, kAny);
			abc(delta > 0 ? Op::ADD : Op::SUB, d, s, k);
			m_top = save;
			return;
		}
		bool int32 = c.size == 4 && c.is_signed;
		if (fits16(delta)) {
			absc(int32 ? Op::ADDI32 : Op::ADDI, d, s, delta);
		} else {
			uint32_t save = m_top;
			uint16_t k = alloc();
			load_const(k, delta);
			abc(Op::ADD, d, s, k);
			m_top = save;
		}
		if (!int32)
			if (auto n = narrow_op(t))
				ab(*n, d, d);
	};
	if (lhs->kind == ExprKind::Var && m_reg_of.count(lhs->sym)) {
		uint16_t var = m_reg_of[lhs->sym];
		if (!need_value) {
			bump(var, var);
			return var;
		}
		if (e->is_post) {
			uint16_t d = dest(want);
			mov(d, var);
			bump(var, var);
			return d;
		}
		bump(var, var);
		if (want >= 0) {
			mov(static_cast<uint16_t>(want), var);
			return static_cast<uint16_t>(want);
		}
		return var;
	}
	uint32_t save = m_top;
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(lhs);
	uint16_t old = alloc();
	(void)load(lv, old);
	if (e->is_post) {
		uint16_t n = alloc();
		bump(n, old);
		store(lv, n);
		mov(d, old);
	} else {
		bump(d, old);
		store(lv, d);
		if (lv.bit_width && need_value)
			(void)load(lv, d);
	}
	m_top = need_value && want < 0 ? inner : save;
	if (!need_value && want < 0)
		m_top = save;
	return d;
}

uint16_t FunctionGen::call(const Expr* e, int want)
{
	const Expr* callee = e->lhs;
	const Type* ft = callee->kind == ExprKind::Func ? callee->type : callee->type->base;
	const Type* rt = ft->base;
	bool struct_ret = rt->is_record();
	line(e->loc);
	// sqrt(x) is one instruction.
	if (callee->kind == ExprKind::Func && callee->sym->builtin && *callee->sym->builtin == abi::BuiltinId::sqrt &&
	    !m_pg.function_index(callee->sym) && e->args.size() == 1) {
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t a = expr(e->args[0], kAny);
		ab(Op::FSQRT, d, a);
		m_top = save;
		return d;
	}
	uint32_t save = m_top;
	uint32_t nargs = static_cast<uint32_t>(e->args.size()) + (struct_ret ? 1 : 0);
	uint16_t base = static_cast<uint16_t>(m_top);
	for (uint32_t i = 0; i < nargs; i++)
		(void)alloc();
	if (nargs == 0)
		(void)alloc();   // the result register
	uint32_t k = 0;
	if (struct_ret) {
		uint32_t slot = frame_alloc(rt->size(), rt->align());
		(void)address(LVal{false, fp(), slot, rt}, base);
		k = 1;
	}
	for (const Expr* a : e->args) {
		// Structures go by address (the callee copies them); builtins take none.
		if (a->type->is_record() && callee->kind == ExprKind::Func && callee->sym->builtin &&
		    !m_pg.function_index(callee->sym))
			fail(a->loc, "kctx does not support passing a structure to a builtin function yet");
		(void)expr(a, static_cast<uint16_t>(base + k));
		m_top = base + std::max<uint32_t>(nargs, 1);
		k++;
	}
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : base;
	// A kernel-C variadic function has kVarargRegs registers for its "..." (a builtin
	// takes any number: it reads the caller's registers).
	bool to_builtin = callee->kind == ExprKind::Func && callee->sym->builtin && !m_pg.function_index(callee->sym);
	if (ft->variadic && !to_builtin && e->args.size() > ft->params.size() + kVarargRegs)
		fail(e->args[ft->params.size() + kVarargRegs]->loc,
		     fmt::format("kctx passes at most {} arguments through '...' to a function defined in kernel C", kVarargRegs));
	if (callee->kind == ExprKind::Func) {
		const Symbol* s = callee->sym;
		if (auto idx = m_pg.function_index(s)) {
			const FunctionDef* def = m_pg.def_of(*idx);
			uint32_t expect = static_cast<uint32_t>(def->params.size()) + (def->sym->type->base->is_record() ? 1 : 0);
			if (def->sym->type->variadic ? nargs < expect : expect != nargs)
				fail(e->loc, fmt::format("call to '{}' with {} arguments, but its definition takes {}", s->name,
							 e->args.size(), def->params.size()));
			abc(Op::CALL, d, base, static_cast<uint16_t>(nargs));
			emit(Insn::make_bx(Op::NOP, 0, *idx));
		} else if (s->builtin) {
			abc(Op::CALLB, d, base, static_cast<uint16_t>(nargs));
			emit(Insn::make_bx(Op::NOP, 0, static_cast<uint32_t>(*s->builtin)));
		} else {
			fail(e->loc, fmt::format("function '{}' is declared but never defined", s->name));
		}
	} else {
		uint16_t p = expr(callee, kAny);
		abc(Op::CALLI, d, base, static_cast<uint16_t>(nargs));
		emit(Insn::make_bx(Op::NOP, p, 0));
	}
	m_top = want >= 0 ? save : std::max<uint32_t>(save, static_cast<uint32_t>(base) + 1);
	return d;
}

// <stdarg.h>. A va_list is gcc's struct __va_list_tag[1]; kernel C fills it as a
// psABI va_list whose register part is used up (gp_offset 48, fp_offset 304), so every
// argument comes from overflow_arg_area: the register save area of this frame, one
// 8-byte slot per argument, already promoted by the caller (README.md).
uint16_t FunctionGen::stdarg(const Expr* e, int want)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t ap = expr(e->lhs, kAny);
	switch (e->kind) {
	case ExprKind::VaStart: {
		uint16_t v = alloc();
		load_const(v, 48);
		absc(Op::ST32, v, ap, 0);     // gp_offset: the six integer registers are used up
		load_const(v, 304);
		absc(Op::ST32, v, ap, 4);     // fp_offset: so are the eight vector registers
		(void)address(LVal{false, fp(), m_va_area, nullptr}, v);
		absc(Op::ST64, v, ap, 8);     // overflow_arg_area
		absc(Op::ST64, v, ap, 16);    // reg_save_area
		break;
	}
	case ExprKind::VaArg: {
		if (e->int_value) {
			emit(Insn::make(Op::TRAP, kTrapVaArgPromoted));
			break;
		}
		uint16_t slot = alloc();
		absc(Op::LD64, slot, ap, 8);
		if (e->type->is_record()) {
			// Structures travel by address (the calling convention): copy the object,
			// as va_arg yields a value.
			uint32_t off = frame_alloc(e->type->size(), e->type->align());
			uint16_t obj = address(LVal{false, fp(), off, e->type}, kAny);
			uint16_t src = alloc();
			absc(Op::LD64, src, slot, 0);
			copy_record(obj, src, e->type->size());
			mov(d, obj);
		} else {
			(void)load(LVal{false, slot, 0, e->type}, d);
		}
		absc(Op::ADDI, slot, slot, 8);
		absc(Op::ST64, slot, ap, 8);
		break;
	}
	case ExprKind::VaCopy: {
		uint16_t src = expr(e->rhs, kAny);
		copy_record(ap, src, 24);   // sizeof(struct __va_list_tag)
		break;
	}
	default: break;   // va_end: nothing to release
	}
	m_top = save;
	return d;
}

void FunctionGen::effect(const Expr* e)
{
	uint32_t save = m_top;
	switch (e->kind) {
	case ExprKind::Assign: (void)assign(e, kAny, false); break;
	case ExprKind::CompoundAssign: (void)compound_assign(e, kAny, false); break;
	case ExprKind::IncDec: (void)incdec(e, kAny, false); break;
	case ExprKind::Comma:
		effect(e->lhs);
		effect(e->rhs);
		break;
	case ExprKind::Cast:
		if (e->type->is_void() || is_noop_conversion(e->lhs->type, e->type))
			effect(e->lhs);
		else
			(void)expr(e, kAny);
		break;
	case ExprKind::IntLit:
	case ExprKind::FloatLit:
	case ExprKind::StrLit:
	case ExprKind::Var:
	case ExprKind::Func: break;
	case ExprKind::Cond:
		if (e->type->is_void()) {
			(void)cond_value(e, kAny);
			break;
		}
		[[fallthrough]];
	default: (void)expr(e, kAny); break;
	}
	m_top = save;
}

uint16_t FunctionGen::expr(const Expr* e, int want)
{
	if (m_failed)
		return 0;
	switch (e->kind) {
	case ExprKind::IntLit: {
		if (want < 0) {
			auto it = m_const_regs.find(e->int_value);
			if (it != m_const_regs.end())
				return it->second;
			if (m_loop_depth > 0)
				m_const_uses[e->int_value]++;
		}
		uint16_t d = dest(want);
		load_const(d, e->int_value);
		return d;
	}
	case ExprKind::FloatLit: {
		uint16_t d = dest(want);
		load_bits(d, std::bit_cast<uint64_t>(e->float_value));
		return d;
	}
	case ExprKind::Var:
	case ExprKind::Deref:
	case ExprKind::Member:
	case ExprKind::StrLit:
	case ExprKind::CompoundLit: {
		if (e->type->is_void()) {
			fail(e->loc, "kctx cannot use the value of a 'void' expression");
			return 0;
		}
		if (e->type->is_record() && !e->type->is_complete()) {
			fail(e->loc, fmt::format("incomplete type '{}' used as a value", type_name(e->type)));
			return 0;
		}
		uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : 0;
		uint32_t save = m_top;
		bool keep = want < 0;
		if (keep && !(e->kind == ExprKind::Var && m_reg_of.count(e->sym)))
			d = alloc();
		uint32_t inner = m_top;
		LVal lv = lvalue(e);
		if (lv.is_reg) {
			m_top = save;
			return load(lv, want);
		}
		(void)load(lv, d);
		m_top = keep ? inner : save;
		return d;
	}
	case ExprKind::Func: {
		fail(e->loc, "kctx internal error: a function designator used as a value");
		return 0;
	}
	case ExprKind::AddrOf: {
		const Expr* x = e->lhs;
		if (x->kind == ExprKind::Func) {
			uint16_t d = dest(want);
			if (auto idx = m_pg.function_index(x->sym)) {
				emit(Insn::make_bx(Op::FADDR, d, *idx));
			} else if (x->sym->builtin) {
				load_bits(d, vm::builtin_address(*x->sym->builtin));
			} else {
				fail(e->loc, fmt::format("function '{}' is declared but never defined", x->sym->name));
			}
			return d;
		}
		// The address is computed after the lvalue's own temporaries; they stay allocated
		// until the statement ends, which costs registers but no instructions.
		LVal lv = lvalue(x);
		if (lv.is_reg) {
			fail(e->loc, "kctx internal error: address of a register variable");
			return 0;
		}
		return address(lv, want);
	}
	case ExprKind::Cast: {
		const Type* from = e->lhs->type;
		const Type* to = e->type;
		if (to->is_void()) {
			effect(e->lhs);
			return want >= 0 ? static_cast<uint16_t>(want) : 0;
		}
		if (is_noop_conversion(from, to))
			return expr(e->lhs, want);
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t s = expr(e->lhs, kAny);
		convert(d, s, from, to);
		m_top = save;
		return d;
	}
	case ExprKind::Unary: {
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t s = expr(e->lhs, kAny);
		RegClass c = reg_class(e->lhs->type);
		switch (e->unop()) {
		case UnOp::Neg:
			if (c.is_float) {
				ab(Op::FNEG, d, s);
			} else {
				ab(Op::NEG, d, s);
				if (auto n = narrow_op(e->type))
					ab(*n, d, d);
			}
			break;
		case UnOp::BitNot:
			ab(Op::NOT, d, s);
			if (!c.is_signed)
				if (auto n = narrow_op(e->type))
					ab(*n, d, d);
			break;
		case UnOp::LogNot:
			if (c.is_float) {
				uint16_t z = alloc();
				load_const(z, 0);
				abc(Op::FEQ, d, s, z);
			} else {
				ab(Op::LNOT, d, s);
			}
			break;
		}
		m_top = save;
		return d;
	}
	case ExprKind::Binary: return binary(e, want);
	case ExprKind::LogAnd:
	case ExprKind::LogOr: {
		uint16_t d = dest(want);
		uint32_t save = m_top;
		int l_false = new_label(), l_end = new_label();
		branch(e, false, l_false);
		m_top = save;
		load_const(d, 1);
		jump(l_end);
		bind(l_false);
		load_const(d, 0);
		bind(l_end);
		return d;
	}
	case ExprKind::Assign: return assign(e, want, true);
	case ExprKind::CompoundAssign: return compound_assign(e, want, true);
	case ExprKind::IncDec: return incdec(e, want, true);
	case ExprKind::Cond: return cond_value(e, want);
	case ExprKind::Comma: {
		effect(e->lhs);
		return expr(e->rhs, want);
	}
	case ExprKind::Call: return call(e, want);
	case ExprKind::StmtExpr: return stmt_expr(e, want);
	case ExprKind::VaStart:
	case ExprKind::VaArg:
	case ExprKind::VaEnd:
	case ExprKind::VaCopy: return stdarg(e, want);
	case ExprKind::VlaSizeof: return vla_bytes(e->comp_type, want);
	case ExprKind::Error: fail(e->loc, "kctx internal error: an erroneous expression reached code generation"); return 0;
	}
	return 0;
}

void FunctionGen::branch(const Expr* e, bool jump_if_true, int l)
{
	if (m_failed)
		return;
	switch (e->kind) {
	case ExprKind::IntLit:
		if ((e->int_value != 0) == jump_if_true)
			jump(l);
		return;
	case ExprKind::Unary:
		if (e->unop() == UnOp::LogNot) {
			branch(e->lhs, !jump_if_true, l);
			return;
		}
		break;
	case ExprKind::LogAnd:
	case ExprKind::LogOr: {
		bool is_and = e->kind == ExprKind::LogAnd;
		if (is_and != jump_if_true) {
			// && jumping when false, || jumping when true: either operand decides.
			branch(e->lhs, jump_if_true, l);
			branch(e->rhs, jump_if_true, l);
			return;
		}
		int skip = new_label();
		branch(e->lhs, !jump_if_true, skip);
		branch(e->rhs, jump_if_true, l);
		bind(skip);
		return;
	}
	case ExprKind::Comma:
		effect(e->lhs);
		branch(e->rhs, jump_if_true, l);
		return;
	case ExprKind::Binary: {
		BinOp op = e->binop();
		if (!is_compare(op))
			break;
		RegClass c = reg_class(e->lhs->type);
		if (c.is_float)
			break;
		BinOp o = jump_if_true ? op : negate(op);
		uint32_t save = m_top;
		const Expr* a = e->lhs;
		const Expr* b = e->rhs;
		if ((o == BinOp::Eq || o == BinOp::Ne) && (b->kind == ExprKind::IntLit && b->int_value == 0)) {
			uint16_t r = expr(a, kAny);
			jump_if(o == BinOp::Ne, r, l);
			m_top = save;
			return;
		}
		if ((o == BinOp::Eq || o == BinOp::Ne) && (a->kind == ExprKind::IntLit && a->int_value == 0)) {
			uint16_t r = expr(b, kAny);
			jump_if(o == BinOp::Ne, r, l);
			m_top = save;
			return;
		}
		uint16_t x = operand(a);
		uint16_t y = operand(b);
		jump_cmp(o, x, y, c.is_signed, l);
		m_top = save;
		return;
	}
	default: break;
	}
	uint32_t save = m_top;
	uint16_t r = expr(e, kAny);
	if (reg_class(e->type).is_float) {
		uint16_t z = alloc();
		uint16_t t = alloc();
		load_const(z, 0);
		abc(Op::FNE, t, r, z);
		r = t;
	}
	jump_if(jump_if_true, r, l);
	m_top = save;
}

// ---- statements ----

void FunctionGen::declare(const Stmt* s)
{
	const Symbol* v = s->var;
	if (v->type->is_variably_modified()) {
		declare_vla_types(v->type);
		if (v->kind == SymKind::Typedef)
			return;   // `typedef int row[n];`: only its sizes
		if (v->type->is_array()) {
			// The array itself: room below the frame, sp saved to give it back.
			uint16_t size = vla_bytes(v->type, kAny);
			uint16_t saved = alloc();
			uint16_t addr = alloc();
			m_floor = m_top;
			ab(Op::GETSP, saved, 0);
			ab(Op::ALLOCA, addr, size);
			m_vla_addr[v] = addr;
			m_vla_scopes.push_back({s, saved});
			return;
		}
	}
	if (is_memory_resident(v)) {
		uint32_t off = 0;
		auto it = m_slot_of.find(v);
		if (it != m_slot_of.end()) {
			off = it->second;
		} else {
			off = frame_alloc(v->type->size(), std::max(v->type->align(), v->align));
			m_slot_of[v] = off;
		}
		if (s->var_init) {
			LVal obj{false, fp(), off, v->type};
			init_object(s->var_init, obj, v->type);
		}
		return;
	}
	uint16_t r = 0;
	auto it = m_reg_of.find(v);
	if (it != m_reg_of.end()) {
		r = it->second;
	} else {
		r = alloc();
		m_floor = m_top;
		m_reg_of[v] = r;
	}
	if (s->var_init) {
		LVal obj{true, r, 0, v->type};
		init_object(s->var_init, obj, v->type);
	}
}

void FunctionGen::stmt(const Stmt* s)
{
	if (m_failed)
		return;
	m_top = m_floor;
	switch (s->kind) {
	case StmtKind::Null: return;
	case StmtKind::Expr:
		line(s->loc);
		if (s->expr)
			effect(s->expr);
		return;
	case StmtKind::Decl:
		line(s->loc);
		declare(s);
		m_top = m_floor;
		return;
	case StmtKind::Compound: {
		uint32_t save = m_floor;
		size_t vlas = m_vla_scopes.size();
		for (const Stmt* i : s->items)
			stmt(i);
		if (m_reachable)
			release_vlas(vlas);   // the block's variable-length arrays go out of scope
		m_vla_scopes.resize(std::min(vlas, m_vla_scopes.size()));
		m_floor = save;
		m_top = save;
		return;
	}
	case StmtKind::If: {
		line(s->loc);
		if (!s->else_body) {
			int target = jump_target(s->body);
			if (target >= 0) {
				branch(s->expr, true, target);
				return;
			}
		}
		int l_else = new_label(), l_end = new_label();
		branch(s->expr, false, l_else);
		stmt(s->body);
		if (s->else_body) {
			jump(l_end);
			bind(l_else);
			stmt(s->else_body);
			bind(l_end);
		} else {
			bind(l_else);
		}
		return;
	}
	case StmtKind::While: {
		line(s->loc);
		int l_body = new_label(), l_cond = new_label(), l_break = new_label();
		bool forever = s->expr->kind == ExprKind::IntLit && s->expr->int_value != 0;
		if (!forever)
			jump(l_cond);
		bind(l_body);
		m_loop_depth++;
		m_targets.push_back({l_break, l_cond, m_vla_scopes.size()});
		stmt(s->body);
		m_targets.pop_back();
		bind(l_cond);
		m_top = m_floor;
		line(s->loc);
		if (forever)
			jump(l_body);
		else
			branch(s->expr, true, l_body);
		m_loop_depth--;
		bind(l_break);
		return;
	}
	case StmtKind::DoWhile: {
		int l_body = new_label(), l_cond = new_label(), l_break = new_label();
		bind(l_body);
		m_loop_depth++;
		m_targets.push_back({l_break, l_cond, m_vla_scopes.size()});
		stmt(s->body);
		m_targets.pop_back();
		bind(l_cond);
		m_top = m_floor;
		line(s->expr->loc);
		branch(s->expr, true, l_body);
		m_loop_depth--;
		bind(l_break);
		return;
	}
	case StmtKind::For: {
		line(s->loc);
		uint32_t save = m_floor;
		size_t vlas = m_vla_scopes.size();
		// The init's declarations stay live for the whole loop.
		if (s->init && s->init->kind == StmtKind::Compound) {
			for (const Stmt* d : s->init->items)
				stmt(d);
		} else if (s->init) {
			stmt(s->init);
		}
		m_top = m_floor;
		int l_body = new_label(), l_cont = new_label(), l_cond = new_label(), l_break = new_label();
		bool forever = !s->expr || (s->expr->kind == ExprKind::IntLit && s->expr->int_value != 0);
		if (!forever)
			jump(l_cond);
		bind(l_body);
		m_loop_depth++;
		m_targets.push_back({l_break, l_cont, m_vla_scopes.size()});
		stmt(s->body);
		m_targets.pop_back();
		bind(l_cont);
		m_top = m_floor;
		if (s->step) {
			line(s->step->loc);
			effect(s->step);
		}
		bind(l_cond);
		m_top = m_floor;
		if (forever) {
			jump(l_body);
		} else {
			line(s->expr->loc);
			branch(s->expr, true, l_body);
		}
		m_loop_depth--;
		bind(l_break);
		release_vlas(vlas);
		m_vla_scopes.resize(std::min(vlas, m_vla_scopes.size()));
		m_floor = save;
		m_top = save;
		return;
	}
	case StmtKind::Switch: {
		line(s->loc);
		uint32_t save = m_floor;
		uint16_t v = alloc();
		(void)expr(s->expr, v);
		m_floor = m_top;
		int l_break = new_label();
		int l_default = l_break;
		bool is_signed = reg_class(s->expr->type).is_signed;
		uint16_t k = alloc();
		for (const Stmt* c : s->cases) {
			int l = new_label();
			m_case_labels[c] = l;
			if (c->kind == StmtKind::Default) {
				l_default = l;
				continue;
			}
			if (c->case_lo == c->case_hi) {
				load_const(k, c->case_lo);
				jump_cmp(BinOp::Eq, v, k, is_signed, l);
				continue;
			}
			int skip = new_label();
			load_const(k, c->case_lo);
			jump_cmp(BinOp::Lt, v, k, is_signed, skip);
			load_const(k, c->case_hi);
			jump_cmp(BinOp::Le, v, k, is_signed, l);
			bind(skip);
		}
		jump(l_default);
		m_top = m_floor;
		m_targets.push_back({l_break, -1, m_vla_scopes.size()});
		stmt(s->body);
		m_targets.pop_back();
		bind(l_break);
		m_floor = save;
		m_top = save;
		return;
	}
	case StmtKind::Case:
	case StmtKind::Default: {
		auto it = m_case_labels.find(s);
		if (it != m_case_labels.end())
			bind(it->second);
		stmt(s->body);
		return;
	}
	case StmtKind::Break:
	case StmtKind::Continue: {
		line(s->loc);
		bool is_break = s->kind == StmtKind::Break;
		for (auto it = m_targets.rbegin(); it != m_targets.rend(); ++it) {
			if (is_break) {
				release_vlas(it->vla_depth);
				jump(it->break_label);
				return;
			}
			if (it->continue_label >= 0) {
				release_vlas(it->vla_depth);
				jump(it->continue_label);
				return;
			}
		}
		return;
	}
	case StmtKind::Goto: {
		line(s->loc);
		release_vlas(label_vla_depth(s->label));
		jump(named_label(s->label));
		return;
	}
	case StmtKind::Label: {
		bind(named_label(s->label));
		stmt(s->body);
		return;
	}
	case StmtKind::Return: {
		line(s->loc);
		const Type* rt = m_def.sym->type->base;
		if (!s->expr || rt->is_void()) {
			if (s->expr)
				effect(s->expr);
			if (rt->is_void()) {
				emit(Insn::make(Op::RETV));
			} else {
				uint16_t z = alloc();
				load_const(z, 0);
				emit(Insn::make(Op::RET, z));
			}
			m_reachable = false;
			return;
		}
		if (m_struct_ret) {
			uint16_t src = expr(s->expr, kAny);
			copy_record(m_ret_ptr, src, rt->size());
			emit(Insn::make(Op::RET, m_ret_ptr));
			m_reachable = false;
			return;
		}
		if (s->expr->kind == ExprKind::Cond && !s->expr->type->is_void()) {
			// return c ? a : b  ->  two returns, no join.
			int l_else = new_label();
			branch(s->expr->cond, false, l_else);
			m_top = m_floor;
			emit(Insn::make(Op::RET, expr(s->expr->lhs, kAny)));
			bind(l_else);
			m_top = m_floor;
			emit(Insn::make(Op::RET, expr(s->expr->rhs, kAny)));
			m_reachable = false;
			return;
		}
		uint16_t r = expr(s->expr, kAny);
		emit(Insn::make(Op::RET, r));
		m_reachable = false;
		return;
	}
	}
}

// ---- variable-length arrays ----

// The size in bytes of an array type with a VLA in it: a declared VLA's register, or
// computed here (sizeof(int[n]) in an expression, a cast to a pointer to one).
uint16_t FunctionGen::vla_bytes(const Type* t, int want)
{
	if (auto it = m_vla_size.find(t); it != m_vla_size.end()) {
		if (want < 0)
			return it->second;
		mov(static_cast<uint16_t>(want), it->second);
		return static_cast<uint16_t>(want);
	}
	uint16_t d = dest(want);
	uint32_t save = m_top;
	const Type* elem = t->base;
	uint16_t n = 0;
	if (t->is_vla()) {
		n = expr(t->vla_count, kAny);
	} else {
		n = alloc();
		load_const(n, static_cast<int64_t>(t->length));
	}
	uint16_t e = 0;
	if (elem->is_array() && elem->is_variably_modified()) {
		e = vla_bytes(elem, kAny);
	} else {
		e = alloc();
		load_const(e, static_cast<int64_t>(elem->size()));
	}
	abc(Op::MUL, d, n, e);
	m_top = save;
	return d;
}

// Computes the size of every VLA type in a declaration's type, innermost first, into
// registers that live as long as the declaration: C evaluates a VLA's size expression
// once, where the declaration is reached.
void FunctionGen::declare_vla_types(const Type* t)
{
	std::vector<const Type*> chain;
	for (const Type* p = t; p && (p->is_pointer() || p->is_array()) && chain.size() < 256; p = p->base)
		chain.push_back(p);
	for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
		const Type* v = *it;
		if (!v->is_vla() || m_vla_size.count(v))
			continue;
		uint16_t r = alloc();
		m_floor = m_top;
		(void)vla_bytes(v, r);
		m_vla_size[v] = r;
	}
}

// Gives back the stack of the variable-length arrays declared after the first `depth`.
void FunctionGen::release_vlas(size_t depth)
{
	if (m_vla_scopes.size() > depth)
		emit(Insn::make(Op::SETSP, m_vla_scopes[depth].saved_sp));
}

size_t FunctionGen::label_vla_depth(const std::string& label) const
{
	auto it = m_label_vlas.find(label);
	if (it == m_label_vlas.end())
		return 0;
	return static_cast<size_t>(std::count_if(it->second.begin(), it->second.end(), [](const Stmt* d) {
		return d->var->kind != SymKind::Typedef && d->var->type->is_array();
	}));
}

namespace {

// The pre-pass behind FunctionGen::check_vla_jumps(): which VLAs are in scope at each
// label, goto and case, so that code generation knows what a jump leaves and jumps into
// a VLA's scope are rejected (C11 6.8.6.1p1, 6.8.4.2p2).
struct VlaJumps {
	struct Jump {
		const Stmt* stmt;
		std::vector<const Stmt*> in_scope;
	};
	std::map<std::string, std::vector<const Stmt*>> labels;
	std::vector<Jump> gotos;
	std::vector<std::pair<const Stmt*, const Stmt*>> bad_cases;   // (switch, case)
	std::vector<const Stmt*> scope;
	std::vector<size_t> switch_depths;

	void walk(const Stmt* s, int depth)
	{
		if (!s || depth > 512)
			return;
		switch (s->kind) {
		case StmtKind::Compound: {
			size_t n = scope.size();
			for (const Stmt* i : s->items)
				walk(i, depth + 1);
			scope.resize(n);
			return;
		}
		case StmtKind::Decl:
			// Every identifier of variably modified type: VLAs (which hold stack to give
			// back), pointers to them and typedefs (whose sizes a jump would skip).
			if (s->var && s->var->type->is_variably_modified())
				scope.push_back(s);
			walk_init(s->var_init, depth);
			return;
		case StmtKind::Label:
			labels[s->label] = scope;
			walk(s->body, depth + 1);
			return;
		case StmtKind::Goto: gotos.push_back({s, scope}); return;
		case StmtKind::Switch: {
			walk_expr(s->expr, 0);
			switch_depths.push_back(scope.size());
			walk(s->body, depth + 1);
			switch_depths.pop_back();
			return;
		}
		case StmtKind::Case:
		case StmtKind::Default:
			if (!switch_depths.empty() && scope.size() > switch_depths.back())
				bad_cases.push_back({nullptr, s});
			walk(s->body, depth + 1);
			return;
		case StmtKind::For: {
			size_t n = scope.size();
			walk(s->init, depth + 1);
			walk_expr(s->expr, 0);
			walk_expr(s->step, 0);
			walk(s->body, depth + 1);
			scope.resize(n);
			return;
		}
		default:
			walk_expr(s->expr, 0);
			walk(s->body, depth + 1);
			walk(s->else_body, depth + 1);
			return;
		}
	}
	void walk_init(const Initializer* init, int depth)
	{
		if (!init)
			return;
		for (const InitItem& i : init->items)
			walk_expr(i.expr, 0);
	}
	// Statement expressions can hold declarations and labels too.
	void walk_expr(const Expr* e, int depth)
	{
		if (!e || depth > 2048)
			return;
		if (e->kind == ExprKind::StmtExpr) {
			walk(e->body, 0);
			return;
		}
		walk_expr(e->lhs, depth + 1);
		walk_expr(e->rhs, depth + 1);
		walk_expr(e->cond, depth + 1);
		for (const Expr* a : e->args)
			walk_expr(a, depth + 1);
	}
};

}  // namespace

void FunctionGen::check_vla_jumps()
{
	VlaJumps j;
	j.walk(m_def.body, 0);
	for (const auto& [stmt, in_scope] : j.gotos) {
		auto it = j.labels.find(stmt->label);
		if (it == j.labels.end())
			continue;
		const std::vector<const Stmt*>& at_label = it->second;
		bool prefix = at_label.size() <= in_scope.size() && std::equal(at_label.begin(), at_label.end(), in_scope.begin());
		if (!prefix) {
			fail(stmt->loc, "jump into scope of identifier with variably modified type");
			return;
		}
	}
	for (const auto& [sw, c] : j.bad_cases) {
		fail(c->loc, "switch jumps into scope of identifier with variably modified type");
		return;
	}
	m_label_vlas = std::move(j.labels);
}

int FunctionGen::jump_target(const Stmt* s)
{
	while (s->kind == StmtKind::Compound && s->items.size() == 1)
		s = s->items[0];
	// A jump out of a variable-length array's scope must release it first.
	switch (s->kind) {
	case StmtKind::Goto:
		return label_vla_depth(s->label) < m_vla_scopes.size() ? -1 : named_label(s->label);
	case StmtKind::Break:
		if (m_targets.empty() || m_targets.back().vla_depth < m_vla_scopes.size())
			return -1;
		return m_targets.back().break_label;
	case StmtKind::Continue:
		for (auto it = m_targets.rbegin(); it != m_targets.rend(); ++it)
			if (it->continue_label >= 0)
				return it->vla_depth < m_vla_scopes.size() ? -1 : it->continue_label;
		return -1;
	default: return -1;
	}
}

bool FunctionGen::run()
{
	const Symbol* f = m_def.sym;
	m_fn.name = f->name;
	m_fn.file = m_pg.file_index(m_def.loc.file);
	m_fn.line = m_def.loc.line;
	m_fn.is_static = f->is_static;
	const Type* rt = f->type->base;
	m_fn.returns_value = !rt->is_void();
	m_struct_ret = rt->is_record();
	uint32_t np = static_cast<uint32_t>(m_def.params.size()) + (m_struct_ret ? 1 : 0);
	m_fn.nparams = static_cast<uint16_t>(np);
	m_top = np;
	m_max = np;
	if (m_struct_ret)
		m_ret_ptr = 0;
	// A variadic function's "..." arrives in the registers after the named parameters.
	bool variadic = f->type->variadic;
	m_fn.variadic = variadic;
	if (variadic) {
		m_top += kVarargRegs;
		m_max = m_top;
	}
	// Two pinned registers: the frame's stack memory and the image's data, loaded once
	// by a prologue when the body uses them.
	if (m_opt.reserve_fp)
		m_fp = alloc();
	if (m_opt.reserve_gp)
		m_gp = alloc();
	for (int64_t v : m_opt.pinned)
		m_const_regs[v] = alloc();
	m_floor = m_top;
	// The register save area: va_start points a va_list at it (the psABI's
	// overflow_arg_area, one 8-byte slot per promoted argument).
	if (variadic && m_def.uses_va_start) {
		// The first frame allocation: its offsets are small.
		m_va_area = frame_alloc(8ull * kVarargRegs, 16);
		for (uint32_t i = 0; i < kVarargRegs; i++)
			absc(Op::ST64, static_cast<uint16_t>(np + i), fp(), m_va_area + 8ll * i);
	}
	// Parameters: registers, or copied into the frame when their address is taken or
	// they are structures (passed by address).
	for (size_t i = 0; i < m_def.params.size(); i++) {
		const Symbol* p = m_def.params[i];
		uint16_t reg = static_cast<uint16_t>(i + (m_struct_ret ? 1 : 0));
		if (!is_memory_resident(p)) {
			m_reg_of[p] = reg;
			continue;
		}
		uint32_t off = frame_alloc(p->type->size(), p->type->align());
		m_slot_of[p] = off;
		LVal slot{false, fp(), off, p->type};
		if (p->type->is_record()) {
			uint16_t dst = address(slot, kAny);
			copy_record(dst, reg, p->type->size());
			m_top = m_floor;
		} else {
			store(slot, reg);
		}
	}
	// Variably modified parameters (`int m[n][n]` is `int (*m)[n]`): their sizes are
	// evaluated on entry, in order, from the parameters before them (C11 6.9.1p10).
	for (size_t i = 0; i < m_def.params.size(); i++) {
		if (m_def.params[i]->type->is_variably_modified())
			declare_vla_types(m_def.params[i]->type);
		if (i < m_def.param_decayed_counts.size() && m_def.param_decayed_counts[i]) {
			effect(m_def.param_decayed_counts[i]);
			m_top = m_floor;
		}
	}
	line(m_def.loc);
	check_vla_jumps();
	stmt(m_def.body);
	if (m_reachable) {
		line(m_def.end_loc);
		m_top = m_floor;
		if (rt->is_void()) {
			emit(Insn::make(Op::RETV));
		} else if (f->name == "main") {
			uint16_t z = alloc();
			load_const(z, 0);
			emit(Insn::make(Op::RET, z));
		} else {
			emit(Insn::make(Op::TRAP, kTrapNoReturn));
		}
	}
	for (const Label& l : m_labels)
		if (!l.fixups.empty())
			fail(m_def.loc, "kctx internal error: a jump to a label that was never placed");
	if (m_fused_overflow && m_allow_fused)
		return false;
	// The prologue, prepended: jumps are relative, so only the line table moves.
	std::vector<Insn> prologue;
	if (m_fp_used)
		prologue.push_back(Insn::make_bx(Op::LADDR, m_fp, 0));
	if (m_gp_used)
		prologue.push_back(Insn::make_bx(Op::GADDR, m_gp, 0));
	for (int64_t v : m_opt.pinned) {
		uint16_t r = m_const_regs[v];
		if (fits32(v))
			prologue.push_back(Insn::make_sbx(Op::LOADI, r, static_cast<int32_t>(v)));
		else
			prologue.push_back(Insn::make_bx(Op::LOADK, r, m_pg.constant(static_cast<uint64_t>(v))));
	}
	m_fn.code = std::move(prologue);
	uint32_t shift = static_cast<uint32_t>(m_fn.code.size());
	m_fn.code.insert(m_fn.code.end(), m_code.begin(), m_code.end());
	for (vm::LineEntry& le : m_fn.lines)
		le.pc = le.pc == 0 ? 0 : le.pc + shift;
	m_fn.nregs = static_cast<uint16_t>(std::min<uint32_t>(m_max, UINT16_MAX));
	// Every frame takes at least 16 bytes of stack (a return address and a saved frame
	// pointer on x86-64), so unbounded recursion overflows the stack as it would there.
	m_fn.frame_size = 16 + ((m_frame + 15) & ~15u);
	return true;
}

}  // namespace

bool generate(const Unit& unit, const SourceSet& sources, vm::Program& program, DiagnosticSink& diags)
{
	ProgramGen g(unit, sources, program, diags);
	return g.run();
}

}  // namespace kctx::lang
