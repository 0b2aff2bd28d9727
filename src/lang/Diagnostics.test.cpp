// The front end's error messages, rendered exactly as the user sees them, and its
// behaviour on hostile input: it never crashes, hangs or recurses without bound.
#include <gtest/gtest.h>
#include <cstdlib>
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

TEST(Diagnostics, MissingIncludeAndRenamedField)
{
	EXPECT_EQ(errors_of("int f(void)\n{\n\treturn current->pid;\n}\n"),
		  "m.c:3:9: error: use of undeclared identifier 'current' (no kernel header is included: add #include "
		  "<linux/module.h>)\n"
		  "    3 |  return current->pid;\n"
		  "      |         ^~~~~~~\n");
	EXPECT_NE(errors_of("#include <linux/sched.h>\nint f(void) { return current->nivcws; }\n")
			  .find("no member named 'nivcws' in 'struct task_struct'; did you mean 'nivcsw'?"),
		  std::string::npos);
	EXPECT_NE(errors_of("int main(void) { printf(\"hi\\n\"); }\n", abi::World::User)
			  .find("call to undeclared function 'printf'; include the header that declares it"),
		  std::string::npos);
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

// A module's function that no file of it defines is an import: the loader links it to
// another module's EXPORT_SYMBOL, or refuses the module with "Unknown symbol" as Linux
// does (kernel/module/Symbols.cpp), so it compiles.
TEST(Diagnostics, DeclaredButNeverDefinedInAModuleIsAnImport)
{
	EXPECT_EQ(errors_of("int helper(int);\nextern int shared;\nint g(void) { return helper(shared); }\n"), "");
}

TEST(Diagnostics, UnsupportedConstructsSayKctxDoesNotSupportThem)
{
	EXPECT_NE(errors_of("struct __attribute__((packed)) s { int a : 3; };\n")
			  .find("m.c:1:40: error: kctx does not support bit-fields in packed structures yet"),
		  std::string::npos);
	EXPECT_NE(errors_of("struct s { int a : 33; };\n").find("width of bit-field 'a' (33 bits) exceeds the width of its type (32 bits)"),
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

TEST(Diagnostics, NestingWithinTheLimitCompiles)
{
	std::string src = "int f(int a) { ";
	for (int i = 0; i < 100; i++)
		src += "{ if (a) ";
	src += "return ";
	for (int i = 0; i < 200; i++)
		src += "(a + ";
	src += "a";
	for (int i = 0; i < 200; i++)
		src += ")";
	src += ";";
	for (int i = 0; i < 100; i++)
		src += " }";
	src += " return 0; }\n";
	Result r = compile_text(src);
	EXPECT_TRUE(r.compiled) << r.text.substr(0, 400);
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
	int iters = 300;
	if (const char* env = std::getenv("KCTX_LANG_FUZZ_ITERS"))
		iters = std::atoi(env);
	for (int iter = 0; iter < iters; iter++) {
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
				case 1: {
					static const std::string kChars = "(){}[];,*&#\"'\\/ \n+-<>=!?:.0aZ_";
					src.insert(pos, 1, kChars[rng() % kChars.size()]);
					break;
				}
				default: src[pos] = static_cast<char>(rng() % 128); break;
				}
			}
		}
		(void)compile_text(src, iter % 2 ? abi::World::Kernel : abi::World::User);
	}
}

// KCTX_LANG_DUMP=1 prints a few typical mistakes, for reviewing the messages by eye.
TEST(Diagnostics, Dump)
{
	if (!std::getenv("KCTX_LANG_DUMP"))
		GTEST_SKIP();
	for (const char* src : {
		     "static int f(void)\n{\n\tpr_info(\"x %d\\n\", current->pid);\n\treturn 0;\n}\n",
		     "#include <linux/sched.h>\nint f(void)\n{\n\treturn current->state;\n}\n",
		     "#include <linux/module.h>\nstatic int x;\nmodule_param(x, int, 0644)\nstatic int __init i(void) { return 0; }\n",
		     "#include <linux/timer.h>\nstatic struct timer_list t;\nstatic void fn(struct timer_list *t) {}\nint f(void) { timer_setup(&t, fn); return 0; }\n",
		     "#include <linux/slab.h>\nint f(void) { char *p = kmalloc(10); return p != 0; }\n",
		     "int f(void) { int *p = 5; char c = \"x\"; return *p + c; }\n",
	     }) {
		printf("----\n%s", errors_of(src).c_str());
	}
}

}  // namespace
}  // namespace kctx::lang
