// The compiler's record of each function's variables (vm::Program::function_vars): what
// a debugger (stap's $var, $$locals) needs to find a variable at a pc.
#include <gtest/gtest.h>

#include "lang/TestRun.h"

namespace kctx::lang {
namespace {

const vm::VarInfo* var(const vm::Program& p, const std::string& fn, const std::string& name, int nth = 0)
{
	auto f = p.find_function(fn);
	if (!f || *f >= p.function_vars.size())
		return nullptr;
	for (const vm::VarInfo& v : p.function_vars[*f])
		if (v.name == name && nth-- == 0)
			return &v;
	return nullptr;
}

uint32_t first_pc_of_line(const vm::Program& p, const std::string& fn, uint32_t line)
{
	const vm::Function& f = p.functions[*p.find_function(fn)];
	for (const vm::LineEntry& le : f.lines)
		if (le.line == line)
			return le.pc;
	return UINT32_MAX;
}

TEST(DebugVars, ParametersAndLocalsWithTheirPlacesAndTypes)
{
	testing::Snippet s("long f(int a, char *p)\n"   // 1
			   "{\n"                          // 2
			   "\tint x = a * 2;\n"           // 3
			   "\tint y[4];\n"                // 4
			   "\tint *q = &x;\n"             // 5
			   "\ty[0] = *q;\n"               // 6
			   "\treturn y[0] + (p != 0);\n"  // 7
			   "}\n");
	ASSERT_TRUE(s.ok());
	const vm::Program& p = s.program();
	ASSERT_EQ(p.function_vars.size(), p.functions.size());
	const vm::VarInfo* a = var(p, "f", "a");
	ASSERT_NE(a, nullptr);
	EXPECT_TRUE(a->param);
	EXPECT_EQ(a->depth, 0);
	EXPECT_EQ(a->where, vm::VarInfo::Where::Reg);
	EXPECT_EQ(a->at, 0u);
	EXPECT_EQ(a->size, 4);
	EXPECT_TRUE(a->is_signed);
	EXPECT_EQ(a->type, "int");
	const vm::VarInfo* pp = var(p, "f", "p");
	ASSERT_NE(pp, nullptr);
	EXPECT_EQ(pp->at, 1u);
	EXPECT_FALSE(pp->is_signed);
	// x has its address taken: it lives in the frame's memory; y is an array (not a
	// scalar: read as its address); both in the body's block.
	const vm::VarInfo* x = var(p, "f", "x");
	ASSERT_NE(x, nullptr);
	EXPECT_FALSE(x->param);
	EXPECT_EQ(x->depth, 1);
	EXPECT_EQ(x->where, vm::VarInfo::Where::Frame);
	EXPECT_TRUE(x->scalar);
	const vm::VarInfo* y = var(p, "f", "y");
	ASSERT_NE(y, nullptr);
	EXPECT_FALSE(y->scalar);
	EXPECT_EQ(y->where, vm::VarInfo::Where::Frame);
	EXPECT_NE(x->at, y->at);
	const vm::VarInfo* q = var(p, "f", "q");
	ASSERT_NE(q, nullptr);
	EXPECT_EQ(q->where, vm::VarInfo::Where::Reg);
	// Every statement of the body is inside the locals' block.
	for (uint32_t line : {3u, 6u, 7u}) {
		uint32_t pc = first_pc_of_line(p, "f", line);
		EXPECT_GE(pc, x->lo) << line;
		EXPECT_LT(pc, x->hi) << line;
	}
	EXPECT_EQ(a->lo, 0u);
	EXPECT_EQ(a->hi, p.functions[*p.find_function("f")].code.size());
}

TEST(DebugVars, InnerBlocksAndLoopVariablesHaveTheirOwnRanges)
{
	testing::Snippet s("int g(int n)\n"                        // 1
			   "{\n"                                    // 2
			   "\tint t = 0;\n"                         // 3
			   "\tfor (int i = 0; i < n; i++) {\n"      // 4
			   "\t\tint sq = i * i;\n"                  // 5
			   "\t\tt += sq;\n"                         // 6
			   "\t}\n"                                  // 7
			   "\t{\n"                                  // 8
			   "\t\tint t = 5;\n"                       // 9
			   "\t\tn += t;\n"                          // 10
			   "\t}\n"                                  // 11
			   "\treturn t + n;\n"                      // 12
			   "}\n");
	ASSERT_TRUE(s.ok());
	const vm::Program& p = s.program();
	const vm::VarInfo* i = var(p, "g", "i");
	const vm::VarInfo* sq = var(p, "g", "sq");
	const vm::VarInfo* outer = var(p, "g", "t", 0);
	const vm::VarInfo* inner = var(p, "g", "t", 1);
	ASSERT_TRUE(i && sq && outer && inner);
	EXPECT_EQ(i->depth, 2);    // the for's own scope inside the body
	EXPECT_EQ(sq->depth, 3);   // the loop body's block
	EXPECT_GT(inner->depth, outer->depth);
	uint32_t in_loop = first_pc_of_line(p, "g", 6);
	uint32_t after_loop = first_pc_of_line(p, "g", 10);
	uint32_t at_return = first_pc_of_line(p, "g", 12);
	EXPECT_TRUE(sq->lo <= in_loop && in_loop < sq->hi);
	EXPECT_FALSE(sq->lo <= after_loop && after_loop < sq->hi);
	EXPECT_FALSE(i->lo <= at_return && at_return < i->hi);
	EXPECT_TRUE(inner->lo <= after_loop && after_loop < inner->hi);
	EXPECT_FALSE(inner->lo <= at_return && at_return < inner->hi);
	EXPECT_TRUE(outer->lo <= at_return && at_return < outer->hi);
}

}  // namespace
}  // namespace kctx::lang
