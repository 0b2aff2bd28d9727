#include "lang/FormatCheck.h"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace kctx::lang {

namespace {

// A function declared with __attribute__((format(printf, format_arg, first_arg))),
// 1-based as in the attribute. `shown_format_arg` is the format's number in gcc's
// messages where kctx's function differs from the kernel's (WARN() calls
// __kctx_warn(cond, once, file, line, fmt, ...), Linux's __warn_printk(fmt, ...)).
struct FormatFunction {
	std::string_view name;
	uint32_t format_arg;
	uint32_t first_arg;
	uint32_t shown_format_arg;
};

constexpr FormatFunction kFormatFunctions[] = {
	{"printk", 1, 2, 1},          // include/linux/printk.h: __printf(1, 2)
	{"panic", 1, 2, 1},           // include/linux/panic.h
	{"sprintf", 2, 3, 2},         // include/linux/kernel.h; glibc <stdio.h>
	{"snprintf", 3, 4, 3},
	{"scnprintf", 3, 4, 3},
	{"seq_printf", 2, 3, 2},      // include/linux/seq_file.h
	{"_dev_printk", 3, 4, 3},     // include/linux/dev_printk.h (dev_info, dev_err ...)
	{"sysfs_emit", 2, 3, 2},      // include/linux/sysfs.h
	{"sysfs_emit_at", 3, 4, 3},
	{"__kctx_warn", 5, 6, 1},     // WARN(), WARN_ONCE(): __warn_printk(fmt, ...)
	{"printf", 1, 2, 1},          // glibc <stdio.h>
	{"fprintf", 2, 3, 2},
	{"dprintf", 2, 3, 2},
};

// What a conversion's argument must be. Integer classes are by rank: gcc's -Wformat
// does not mind signedness (that is -Wformat-signedness), it does mind int vs long vs
// long long even where two are the same size.
enum class Want : uint8_t {
	Int,          // int, unsigned int, and what promotes to int
	Long,         // long, unsigned long (size_t, ptrdiff_t, intmax_t on x86-64)
	LongLong,
	Double,       // double (a float argument is promoted to one)
	LongDouble,
	CharPointer,  // %s: a pointer to char, signed char or unsigned char
	AnyPointer,   // %p: any pointer (only -Wpedantic wants void *)
	IntPointer,   // %n: int *
};

struct Expected {
	Want want;
	std::string_view name;   // as gcc says it: 'long unsigned int', 'size_t'
};

enum class Length : uint8_t { None, hh, h, l, ll, L, j, z, t };

Length parse_length(std::string_view s, size_t& i)
{
	auto next_is = [&](char c) { return i + 1 < s.size() && s[i + 1] == c; };
	switch (i < s.size() ? s[i] : '\0') {
	case 'h': return next_is('h') ? (i += 2, Length::hh) : (i += 1, Length::h);
	case 'l': return next_is('l') ? (i += 2, Length::ll) : (i += 1, Length::l);
	case 'L': i++; return Length::L;
	case 'j': i++; return Length::j;
	case 'z': i++; return Length::z;
	case 't': i++; return Length::t;
	default: return Length::None;
	}
}

// The argument conversion `c` with length `len` takes; nullopt for one gcc does not know
// (its "unknown conversion type character").
std::optional<Expected> expected_for(char c, Length len)
{
	switch (c) {
	case 'd':
	case 'i':
		switch (len) {
		case Length::l: return Expected{Want::Long, "long int"};
		case Length::ll:
		case Length::L: return Expected{Want::LongLong, "long long int"};
		case Length::j: return Expected{Want::Long, "intmax_t"};
		case Length::z: return Expected{Want::Long, "signed size_t"};
		case Length::t: return Expected{Want::Long, "ptrdiff_t"};
		default: return Expected{Want::Int, "int"};
		}
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		switch (len) {
		case Length::hh:
		case Length::h: return Expected{Want::Int, "int"};
		case Length::l: return Expected{Want::Long, "long unsigned int"};
		case Length::ll:
		case Length::L: return Expected{Want::LongLong, "long long unsigned int"};
		case Length::j: return Expected{Want::Long, "uintmax_t"};
		case Length::z: return Expected{Want::Long, "size_t"};
		case Length::t: return Expected{Want::Long, "ptrdiff_t"};
		default: return Expected{Want::Int, "unsigned int"};
		}
	case 'c': return len == Length::l ? Expected{Want::Int, "wint_t"} : Expected{Want::Int, "int"};
	case 's': return Expected{Want::CharPointer, "char *"};
	case 'p': return Expected{Want::AnyPointer, "void *"};
	case 'n': return Expected{Want::IntPointer, "int *"};
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A': return len == Length::L ? Expected{Want::LongDouble, "long double"} : Expected{Want::Double, "double"};
	default: return std::nullopt;
	}
}

// The integer rank class of an (already promoted) argument type.
std::optional<Want> integer_class(const Type* t)
{
	TypeKind k = t->kind == TypeKind::Enum ? t->enumeration->underlying : t->kind;
	switch (k) {
	case TypeKind::Bool:
	case TypeKind::Char:
	case TypeKind::SChar:
	case TypeKind::UChar:
	case TypeKind::Short:
	case TypeKind::UShort:
	case TypeKind::Int:
	case TypeKind::UInt: return Want::Int;
	case TypeKind::Long:
	case TypeKind::ULong: return Want::Long;
	case TypeKind::LongLong:
	case TypeKind::ULongLong: return Want::LongLong;
	default: return std::nullopt;
	}
}

bool accepts(Want want, const Type* t)
{
	switch (want) {
	case Want::Int:
	case Want::Long:
	case Want::LongLong: return integer_class(t) == want;
	case Want::Double: return t->kind == TypeKind::Double || t->kind == TypeKind::Float;
	case Want::LongDouble: return t->kind == TypeKind::LongDouble;
	case Want::CharPointer:
		return t->is_pointer() && (t->base->kind == TypeKind::Char || t->base->kind == TypeKind::SChar ||
					   t->base->kind == TypeKind::UChar);
	case Want::AnyPointer: return t->is_pointer();
	case Want::IntPointer: return t->is_pointer() && integer_class(t->base) == Want::Int && t->base->size() == 4;
	}
	return false;
}

std::string_view length_spelling(Length len)
{
	switch (len) {
	case Length::hh: return "hh";
	case Length::h: return "h";
	case Length::l: return "l";
	case Length::ll: return "ll";
	case Length::L: return "L";
	case Length::j: return "j";
	case Length::z: return "z";
	case Length::t: return "t";
	case Length::None: return "";
	}
	return "";
}

// A format character as gcc quotes it: itself if printable, else '\x0a'.
std::string quoted_char(char c)
{
	auto u = static_cast<unsigned char>(c);
	if (u >= 0x20 && u < 0x7f)
		return std::string(1, c);
	return fmt::format("\\x{:02x}", u);
}

// The string literal a format argument is (through its decay and conversion), if any.
const Expr* format_literal(const Expr* e)
{
	while (e && (e->kind == ExprKind::Cast || e->kind == ExprKind::AddrOf))
		e = e->lhs;
	return e && e->kind == ExprKind::StrLit ? e : nullptr;
}

// Walks one format, consuming arguments as the conversions do.
class FormatWalker {
public:
	FormatWalker(const FormatFunction& fn, const FormatCall& call, const Expr* literal, DiagnosticSink& diags)
		: m_fn(fn), m_call(call), m_literal(literal), m_diags(diags), m_next_arg(fn.first_arg - 1)
	{
		// A literal written as one token: gcc 12 puts a warning on the directive's
		// character. One concatenated from several ("a" "%d", pr_info's KERN_INFO "%d"):
		// on the literal's start, with a note where the directive is.
		auto it = call.unit.str_runs.find(literal);
		if (it != call.unit.str_runs.end() && !it->second.empty()) {
			m_runs = &it->second;
			m_concatenated = std::count_if(m_runs->begin(), m_runs->end(),
						       [](const StrRun& r) { return r.starts_token; }) > 1;
		}
	}

	void run()
	{
		std::string_view s(m_literal->str);
		s = s.substr(0, s.find('\0'));
		for (size_t i = 0; i < s.size(); i++) {
			if (s[i] != '%')
				continue;
			if (!directive(s, i))
				break;
		}
		if (!m_stopped && m_next_arg < m_call.args.size())
			m_diags.warning(m_literal->loc, "too many arguments for format", m_literal->length,
					"-Wformat-extra-args");
	}

private:
	// One directive from the '%' at `i`; `i` ends on its last character. False when the
	// rest of the format is not checked (gcc gives up after a broken directive).
	bool directive(std::string_view s, size_t& i)
	{
		size_t percent = i++;
		if (i >= s.size()) {
			warn(percent, "spurious trailing '%' in format");
			return stop();
		}
		if (s[i] == '%')
			return true;
		while (i < s.size() && std::string_view("-+ #0'I").find(s[i]) != std::string_view::npos)
			i++;
		if (!star_or_digits(s, i, "field width specifier '*'"))
			return stop();
		if (i < s.size() && s[i] == '.') {
			i++;
			if (!star_or_digits(s, i, "field precision specifier '.*'"))
				return stop();
		}
		Length len = parse_length(s, i);
		if (i >= s.size()) {
			warn(s.size() - 1, "conversion lacks type at end of format");
			return stop();
		}
		char c = s[i];
		if (c == 'm')   // glibc's strerror(errno): no argument
			return true;
		std::optional<Expected> want = expected_for(c, len);
		if (!want) {
			warn(i, fmt::format("unknown conversion type character '{}' in format", quoted_char(c)));
			return false;
		}
		std::string spelled = fmt::format("'%{}{}'", length_spelling(len), c);
		return consume(i, fmt::format("format {}", spelled), *want);
	}

	// A width or precision: digits, or '*' taking an int argument.
	bool star_or_digits(std::string_view s, size_t& i, std::string_view what)
	{
		if (i < s.size() && s[i] == '*') {
			bool ok = consume(i, std::string(what), Expected{Want::Int, "int"});
			i++;
			return ok;
		}
		while (i < s.size() && s[i] >= '0' && s[i] <= '9')
			i++;
		return true;
	}

	// The next argument for the directive at format byte `at`.
	bool consume(size_t at, const std::string& what, const Expected& want)
	{
		if (m_next_arg >= m_call.args.size()) {
			warn(at, fmt::format("{} expects a matching '{}' argument", what, want.name));
			return stop();
		}
		const Expr* arg = m_call.args[m_next_arg];
		uint32_t shown = static_cast<uint32_t>(m_next_arg) + 1 - (m_fn.format_arg - m_fn.shown_format_arg);
		m_next_arg++;
		if (!accepts(want.want, arg->type))
			warn(at, fmt::format("{} expects argument of type '{}', but argument {} has type '{}'", what, want.name,
					     shown, gcc_type_name(arg->type)));
		return true;
	}

	bool stop()
	{
		m_stopped = true;
		return false;
	}

	void warn(size_t offset, std::string message)
	{
		SourceLoc at = source_of(static_cast<uint32_t>(offset));
		if (!m_concatenated) {
			m_diags.warning(at, std::move(message), 1, "-Wformat=");
			return;
		}
		// The note goes with its warning: not at all under -w.
		size_t before = m_diags.all().size();
		m_diags.warning(m_literal->loc, std::move(message), 1, "-Wformat=");
		if (m_diags.all().size() > before)
			m_diags.note(at, "format string is defined here");
	}

	SourceLoc source_of(uint32_t offset) const
	{
		if (!m_runs)
			return m_literal->loc;
		const StrRun* run = &m_runs->front();
		for (const StrRun& r : *m_runs)
			if (r.offset <= offset)
				run = &r;
		SourceLoc loc = run->loc;
		loc.col += offset - run->offset;
		return loc;
	}

	const FormatFunction& m_fn;
	const FormatCall& m_call;
	const Expr* m_literal;
	DiagnosticSink& m_diags;
	const std::vector<StrRun>* m_runs = nullptr;
	size_t m_next_arg;
	bool m_stopped = false;
	bool m_concatenated = false;
};

std::string gcc_basic_name(TypeKind k)
{
	switch (k) {
	case TypeKind::Short: return "short int";
	case TypeKind::UShort: return "short unsigned int";
	case TypeKind::Long: return "long int";
	case TypeKind::ULong: return "long unsigned int";
	case TypeKind::LongLong: return "long long int";
	case TypeKind::ULongLong: return "long long unsigned int";
	default: return {};
	}
}

}  // namespace

std::string gcc_type_name(const Type* t)
{
	// gcc spells the integer types with their 'int' ("long unsigned int") and puts a
	// pointer's stars after its pointee; anything else reads as C declares it.
	int stars = 0;
	const Type* base = t;
	while (base->is_pointer() && stars < 16) {
		base = base->base;
		stars++;
	}
	std::string name = gcc_basic_name(base->kind);
	if (name.empty() || base->is_function())
		return type_name(t);
	return stars ? name + " " + std::string(static_cast<size_t>(stars), '*') : name;
}

void check_format(const FormatCall& call, DiagnosticSink& diags)
{
	for (const FormatFunction& fn : kFormatFunctions) {
		if (fn.name != call.callee)
			continue;
		if (call.args.size() < fn.format_arg)
			return;
		const Expr* literal = format_literal(call.args[fn.format_arg - 1]);
		if (!literal)
			return;
		FormatWalker(fn, call, literal, diags).run();
		return;
	}
}

}  // namespace kctx::lang
