// Probe points on the scenario's bytecode resolved from a program's line table and
// variable records: a hand-made program stands for the compiler's output.
#include <gtest/gtest.h>

#include "probe/run/CodeSites.h"

namespace kctx::probe {
namespace {

// checksum(buf, len) in sumdev.c: line 11 its declaration, 13-14 its locals, the loop
// body's line 15 at two pcs, line 16 its return; main() of a program.
std::shared_ptr<vm::Program> program()
{
	auto p = std::make_shared<vm::Program>();
	p->name = "sumdev";
	p->files = {"sumdev.c"};
	vm::Function f;
	f.name = "checksum";
	f.line = 11;
	f.returns_value = true;
	f.code.resize(12);
	f.code[11].op = vm::Op::RET;
	f.code[11].a = 2;
	f.lines = {{0, 11}, {1, 13}, {2, 14}, {4, 15}, {8, 14}, {9, 15}, {10, 16}};
	p->functions.push_back(f);
	auto var = [](std::string name, uint32_t lo, uint32_t hi, uint16_t depth, bool param, uint32_t at) {
		vm::VarInfo v;
		v.name = std::move(name);
		v.type = "int";
		v.lo = lo;
		v.hi = hi;
		v.depth = depth;
		v.param = param;
		v.at = at;
		v.size = 4;
		v.is_signed = true;
		return v;
	};
	p->function_vars.push_back({var("buf", 0, 12, 0, true, 0), var("len", 0, 12, 0, true, 1),
				    var("sum", 1, 11, 1, false, 2), var("i", 1, 11, 1, false, 3),
				    var("tmp", 5, 8, 2, false, 4)});
	return p;
}

std::vector<ModuleFunctionInfo> functions(const vm::Program& p)
{
	return {{"sumdev", "checksum", true, {"buf", "len"}, &p, 0, false, {}}};
}

std::string names(const CodeMatch& m)
{
	std::string out;
	for (const TargetVarInfo& v : m.vars->vars)
		out += std::string(out.empty() ? "" : " ") + (v.local ? "local:" : "") + std::string(v.name);
	return out;
}

CodeResolution statement(const std::vector<ModuleFunctionInfo>& fns, const std::string& pattern)
{
	return resolve_code_point({CodePoint::Target::Module, "sumdev", CodePoint::Kind::Statement, pattern, ""}, fns);
}

TEST(CodeSites, StatementOnALineIsEveryPcThatStartsIt)
{
	auto p = program();
	auto fns = functions(*p);
	CodeResolution r = statement(fns, "checksum@sumdev.c:15");
	ASSERT_EQ(r.matches.size(), 1u) << r.error;
	EXPECT_EQ(r.matches[0].pp, "module(\"sumdev\").statement(\"checksum@sumdev.c:15\")");
	EXPECT_EQ(r.matches[0].event, Event::Statement);
	EXPECT_EQ(r.matches[0].pcs, (std::vector<uint32_t>{4, 9}));
	EXPECT_EQ(names(r.matches[0]), "buf len local:sum local:i");
	// The file may be a glob or left out; a relative line counts from the declaration.
	EXPECT_EQ(statement(fns, "checksum@*.c:15").matches.size(), 1u);
	EXPECT_EQ(statement(fns, "checksum@sumdev.c+4").matches.size(), 1u);
	EXPECT_EQ(statement(fns, "*@sumdev.c:16").matches[0].pcs, (std::vector<uint32_t>{10}));
}

TEST(CodeSites, RangesAndWildcardsMakeASitePerLine)
{
	auto p = program();
	auto fns = functions(*p);
	CodeResolution r = statement(fns, "checksum@sumdev.c:13-15");
	ASSERT_EQ(r.matches.size(), 3u);
	EXPECT_EQ(r.matches[1].pp, "module(\"sumdev\").statement(\"checksum@sumdev.c:14\")");
	EXPECT_EQ(r.matches[1].pcs, (std::vector<uint32_t>{2, 8}));
	EXPECT_EQ(statement(fns, "checksum@sumdev.c:*").matches.size(), 5u);
}

TEST(CodeSites, ALineWithoutCodeIsStapsNoLineRecordsWithTheNearestLines)
{
	auto p = program();
	auto fns = functions(*p);
	CodeResolution r = statement(fns, "checksum@sumdev.c:12");
	EXPECT_TRUE(r.matches.empty());
	EXPECT_EQ(r.error, "no line records for sumdev.c:12 [man error::dwarf] (try :11 or :13)");
	EXPECT_EQ(statement(fns, "checksum@sumdev.c:40").error,
		  "no line records for sumdev.c:40 [man error::dwarf] (try :16)");
	// Another file or function: no match, no advice.
	EXPECT_TRUE(statement(fns, "checksum@other.c:15").error.empty());
	EXPECT_TRUE(statement(fns, "nosuch@sumdev.c:15").matches.empty());
}

TEST(CodeSites, InnermostVariableAtAPc)
{
	auto p = program();
	EXPECT_EQ(find_var(*p, 0, 6u, "tmp")->depth, 2);
	EXPECT_EQ(find_var(*p, 0, 9u, "tmp"), nullptr);
	EXPECT_EQ(find_var(*p, 0, 0u, "sum"), nullptr);
	// At the entry: the parameters and the body's own locals, not an inner block's.
	EXPECT_NE(find_var(*p, 0, std::nullopt, "sum"), nullptr);
	EXPECT_EQ(find_var(*p, 0, std::nullopt, "tmp"), nullptr);
}

TEST(CodeSites, ProcessFunctionEntryAndReturn)
{
	auto p = program();
	std::vector<ModuleFunctionInfo> fns{{"crunch", "checksum", true, {}, p.get(), 0, true, "/crunch"}};
	for (const char* name : {"crunch", "./crunch", "/crunch"}) {
		CodeResolution r = resolve_code_point({CodePoint::Target::Process, name, CodePoint::Kind::Function, "check*", "return"}, fns);
		ASSERT_EQ(r.matches.size(), 1u) << name;
		EXPECT_EQ(r.matches[0].pp, "process(\"/crunch\").function(\"checksum\").return");
		EXPECT_EQ(r.matches[0].event, Event::FunctionReturn);
		EXPECT_EQ(r.matches[0].pcs, (std::vector<uint32_t>{11}));
		EXPECT_EQ(names(r.matches[0]), "buf len return");
	}
	CodeResolution entry = resolve_code_point({CodePoint::Target::Process, "crunch", CodePoint::Kind::Function, "checksum", ""}, fns);
	ASSERT_EQ(entry.matches.size(), 1u);
	EXPECT_EQ(entry.matches[0].pcs, (std::vector<uint32_t>{0}));
	EXPECT_EQ(names(entry.matches[0]), "buf len local:sum local:i");
	// A module probe point does not name a program's functions, nor the other way round.
	EXPECT_TRUE(statement(fns, "checksum@sumdev.c:15").matches.empty());
	EXPECT_TRUE(resolve_code_point({CodePoint::Target::Process, "other", CodePoint::Kind::Function, "*", ""}, fns)
			    .matches.empty());
}

}  // namespace
}  // namespace kctx::probe
