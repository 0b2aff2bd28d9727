// The front end's error messages, rendered exactly as the user sees them, and its
// behaviour on hostile input: it never crashes, hangs or recurses without bound.
#include <gtest/gtest.h>
#include <random>

#include "lang/Compiler.h"

namespace kctx::lang {
namespace {

struct Result {
	std::string text;
	size_t errors = 0;
	bool compiled = false;
};

Result compile_text(const std::string& src, abi::World world = abi::World::Kernel)
{
	SourceSet sources;
	uint32_t id = sources.add("m.c", src);
	CompileOptions opt;
	opt.world = world;
	opt.program_name = "m";
	opt.defines = {{"HZ", "250"}};
	DiagnosticSink diags;
	auto p = compile(sources, id, opt, diags);
	Result r;
	r.compiled = p != nullptr;
	EXPECT_EQ(r.compiled, !diags.has_errors());
	r.text = diags.render_all(sources);
	for (const Diagnostic& d : diags.all())
		r.errors += d.severity == Severity::Error;
	return r;
}

std::string errors_of(const std::string& src, abi::World world = abi::World::Kernel)
{
	return compile_text(src, world).text;
}

TEST(Diagnostics, MisspelledKernelFunction)
{
	EXPECT_EQ(errors_of("#include <linux/sched.h>\nvoid f(void)\n{\n\tshedule();\n}\n"),
		  "m.c:4:2: error: call to undeclared function 'shedule'; did you mean 'schedule'?\n"
		  "    4 |  shedule();\n"
		  "      |  ^~~~~~~\n");
}

TEST(Diagnostics, LibcFunctionInAModuleSuggestsTheKernelOne)
{
	EXPECT_EQ(errors_of("#include <linux/kernel.h>\nvoid f(void)\n{\n\tprintf(\"x\");\n}\n"),
		  "m.c:4:2: error: call to undeclared function 'printf'; did you mean 'printk'?\n"
		  "    4 |  printf(\"x\");\n"
		  "      |  ^~~~~~\n");
}

TEST(Diagnostics, MissingSemicolonPointsAfterThePreviousToken)
{
	EXPECT_EQ(errors_of("int f(void)\n{\n\tint x = 1\n\treturn x;\n}\n"),
		  "m.c:3:11: error: expected ';' after the declaration\n"
		  "    3 |  int x = 1\n"
		  "      |           ^\n");
}

TEST(Diagnostics, FloatingPointInKernelCode)
{
	EXPECT_EQ(errors_of("void f(void)\n{\n\tdouble d = 1.0;\n}\n"),
		  "m.c:3:2: error: floating point is not allowed in kernel code\n"
		  "    3 |  double d = 1.0;\n"
		  "      |  ^\n");
	EXPECT_TRUE(compile_text("double f(double x) { return x * 2.5f; }\n", abi::World::User).compiled);
}

TEST(Diagnostics, UnknownMemberAndIdentifier)
{
	EXPECT_EQ(errors_of("struct s { int count; };\nint f(struct s *p)\n{\n\treturn p->cont + q;\n}\n"),
		  "m.c:4:12: error: no member named 'cont' in 'struct s'; did you mean 'count'?\n"
		  "    4 |  return p->cont + q;\n"
		  "      |            ^~~~\n"
		  "m.c:4:19: error: use of undeclared identifier 'q'\n"
		  "    4 |  return p->cont + q;\n"
		  "      |                   ^\n");
}

TEST(Diagnostics, ArgumentCountAndTypes)
{
	std::string e = errors_of("int f(int a, int b) { return a + b; }\nint g(void) { return f(1); }\n"
				  "struct s { int x; };\nint h(struct s v) { return f(v, 2); }\n");
	EXPECT_EQ(e,
		  "m.c:2:25: error: too few arguments to function call, expected 2, have 1\n"
		  "    2 | int g(void) { return f(1); }\n"
		  "      |                         ^\n"
		  "m.c:1:5: note: 'f' declared here\n"
		  "    1 | int f(int a, int b) { return a + b; }\n"
		  "      |     ^\n"
		  "m.c:4:30: error: incompatible types passing to parameter of type 'int' from 'struct s'\n"
		  "    4 | int h(struct s v) { return f(v, 2); }\n"
		  "      |                              ^\n");
}

TEST(Diagnostics, DeclaredButNeverDefined)
{
	EXPECT_EQ(errors_of("int helper(int);\nint g(void) { return helper(1); }\n"),
		  "m.c:2:22: error: function 'helper' is declared but never defined (kctx builds each module and program "
		  "from one file, and no builtin has this name)\n"
		  "    2 | int g(void) { return helper(1); }\n"
		  "      |                      ^~~~~~\n"
		  "m.c:1:5: note: declared here\n"
		  "    1 | int helper(int);\n"
		  "      |     ^~~~~~\n");
}

TEST(Diagnostics, UnsupportedConstructsSayKctxDoesNotSupportThem)
{
	EXPECT_NE(errors_of("struct s { int a : 3; };\n").find("m.c:1:18: error: kctx does not support bit-fields yet"),
		  std::string::npos);
	EXPECT_NE(errors_of("int f(int n) { int a[n]; return a[0]; }\n").find("kctx does not support variable-length arrays yet"),
		  std::string::npos);
	EXPECT_NE(errors_of("int f(int n, ...) { return n; }\n").find("kctx does not support defining variadic functions yet"),
		  std::string::npos);
	EXPECT_NE(errors_of("void f(void) { asm(\"nop\"); }\n").find("kctx does not support inline assembly yet"),
		  std::string::npos);
	EXPECT_NE(errors_of("int f(int x) { return _Generic(x, int: 1); }\n").find("kctx does not support _Generic yet"),
		  std::string::npos);
}

TEST(Diagnostics, ErrorRecoveryReportsLaterErrors)
{
	Result r = compile_text("int f(void) { int x = ; return 1; }\nint g(void) { return y; }\nint h(void) { return 2 }\n");
	EXPECT_EQ(r.errors, 3u) << r.text;
	EXPECT_NE(r.text.find("m.c:1:23: error: expected expression before ';'"), std::string::npos) << r.text;
	EXPECT_NE(r.text.find("m.c:2:22: error: use of undeclared identifier 'y'"), std::string::npos) << r.text;
	EXPECT_NE(r.text.find("m.c:3:23: error: expected ';'"), std::string::npos) << r.text;
}

TEST(Diagnostics, ErrorsAreCapped)
{
	std::string src;
	for (int i = 0; i < 100; i++)
		src += "int f" + std::to_string(i) + "(void) { return undefined_" + std::to_string(i) + "; }\n";
	Result r = compile_text(src);
	EXPECT_EQ(r.errors, 20u);
	EXPECT_NE(r.text.find("too many errors emitted, stopping now"), std::string::npos);
}

TEST(Diagnostics, DeepNestingIsAnErrorNotACrash)
{
	std::string src = "int f(void) { return ";
	for (int i = 0; i < 100000; i++)
		src += "(";
	src += "1";
	for (int i = 0; i < 100000; i++)
		src += ")";
	src += "; }\n";
	Result r = compile_text(src);
	EXPECT_EQ(r.errors, 1u) << r.text.substr(0, 500);
	EXPECT_NE(r.text.find("nesting too deep"), std::string::npos);
	std::string blocks = "void f(void) ";
	for (int i = 0; i < 100000; i++)
		blocks += "{";
	Result b = compile_text(blocks);
	EXPECT_NE(b.text.find("nesting too deep"), std::string::npos);
	std::string chain = "int f(int a) { return a";
	for (int i = 0; i < 100000; i++)
		chain += " + a";
	chain += "; }\n";
	Result c = compile_text(chain);
	EXPECT_NE(c.text.find("nested too deeply"), std::string::npos);
	std::string unary = "int f(int a) { return ";
	for (int i = 0; i < 100000; i++)
		unary += "-";
	unary += "a; }\n";
	Result u = compile_text(unary);
	EXPECT_NE(u.text.find("nesting too deep"), std::string::npos);
}

// Random bytes and mutated C: any outcome is fine except a crash or a hang.
TEST(Diagnostics, RandomInputNeverCrashes)
{
	std::mt19937 rng(1234);
	const std::string seed =
		"#include <linux/module.h>\nstatic int x[4] = { [1] = 2 };\nstruct s { int a; char *b; };\n"
		"static int f(struct s *p, int n) { switch (n) { case 1: return p->a; default: break; }\n"
		"for (int i = 0; i < n; i++) { if (i % 2) continue; x[i & 3] += i; } goto out; out: return -EINVAL; }\n"
		"#define M(a, ...) f(a, ##__VA_ARGS__)\nint g(void) { return M((void *)0, 3) ? 1 : sizeof(struct s); }\n";
	for (int iter = 0; iter < 300; iter++) {
		std::string src;
		if (iter % 3 == 0) {
			size_t n = rng() % 400;
			for (size_t i = 0; i < n; i++)
				src += static_cast<char>(rng() % 256);
		} else {
			src = seed;
			int edits = 1 + static_cast<int>(rng() % 8);
			for (int e = 0; e < edits && !src.empty(); e++) {
				size_t pos = rng() % src.size();
				switch (rng() % 3) {
				case 0: src.erase(pos, 1 + rng() % 5); break;
				case 1: src.insert(pos, 1, "(){}[];,*&#\"'\\/ \n+-<>=!?:.0aZ_"[rng() % 32]); break;
				default: src[pos] = static_cast<char>(rng() % 128); break;
				}
			}
		}
		(void)compile_text(src, iter % 2 ? abi::World::Kernel : abi::World::User);
	}
}

}  // namespace
}  // namespace kctx::lang
