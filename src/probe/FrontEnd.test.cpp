// The lexer, the preprocessor and the command-line argument substitution, each
// checked against what stap 4.8's -p1 printed for the same input.
#include <gtest/gtest.h>

#include "probe/FrontEnd.h"
#include "probe/Lexer.h"

namespace kctx::probe {
namespace {

Pass1 p1(const std::string& text, std::vector<std::string> args = {}, const std::string& name = "<input>")
{
	ScriptInput input;
	input.name = name;
	input.text = text;
	input.args = std::move(args);
	return run_pass1(input);
}

// The dump without its two header lines and its closing empty line.
std::string body(const Pass1& r)
{
	EXPECT_TRUE(r.ok) << r.err;
	size_t start = r.out.find('\n', r.out.find('\n') + 1) + 1;
	return r.out.substr(start, r.out.size() - start - 1);
}

TEST(StapLexer, KindsCommentsAndArgumentCount)
{
	Source src{"t.stp", "#! stap\nprobe $# @# $a a$b$ @count 0x1f \"a\\\"b\\n\" <<< %( %{ x %} // c\n/* d */ x"};
	Tokens t = lex(src);
	ASSERT_EQ(t.size(), 13u);  // with the Eof
	EXPECT_EQ(t[0].kind, TokKind::Keyword);
	EXPECT_EQ(t[1].text, "$#");
	EXPECT_EQ(t[2].text, "@#");
	EXPECT_EQ(t[3].kind, TokKind::Identifier);
	EXPECT_EQ(t[4].text, "a$b$");
	EXPECT_EQ(t[5].kind, TokKind::Operator);
	EXPECT_EQ(t[6].kind, TokKind::Number);
	EXPECT_EQ(t[7].text, "a\"b\\n");  // only the quote is unescaped
	EXPECT_EQ(t[8].text, "<<<");
	EXPECT_EQ(t[9].text, "%(");
	EXPECT_EQ(t[10].kind, TokKind::Embedded);
	EXPECT_EQ(t[11].kind, TokKind::Identifier);
	EXPECT_EQ(t[11].line, 3u);
	EXPECT_EQ(t[11].col, 9u);
}

TEST(StapLexer, AdjacencyGluesWildcards)
{
	Source src{"t.stp", "a*b a * b"};
	Tokens t = lex(src);
	EXPECT_TRUE(t[0].touches(t[1]));
	EXPECT_TRUE(t[1].touches(t[2]));
	EXPECT_FALSE(t[3].touches(t[4]));
}

// The seed's note: `./test.stp 100 "test"` prints `arg1 is 100, arg2 is test`.
// At -p1 that is the substituted tree: $1 became the number, @2 the string.
TEST(StapArguments, SeedScriptSubstitutesDollarAndAt)
{
	const std::string script =
		"#!/usr/bin/stap\nprobe begin { printf(\"arg1 is %d, arg2 is %s\\n\", $1, @2); exit() }\n";
	Pass1 r = p1(script, {"100", "test"}, "test.stp");
	EXPECT_EQ(r.out, "# parse tree dump\n# file test.stp\nprobe begin{\n"
			 "printf(\"arg1 is %d, arg2 is %s\\\\n\", 100, \"test\");\nexit();\n}\n\n");
}

TEST(StapArguments, MissingArgumentIsStapsParseError)
{
	const std::string script =
		"#!/usr/bin/stap\nprobe begin { printf(\"arg1 is %d, arg2 is %s\\n\", $1, @2); exit() }\n";
	Pass1 r = p1(script, {"100"}, "test.stp");
	EXPECT_FALSE(r.ok);
	EXPECT_EQ(r.err, "parse error: command line argument out of range [1-1]\n"
			 "         at: junk '' at test.stp:2:54\n"
			 "     source: probe begin { printf(\"arg1 is %d, arg2 is %s\\n\", $1, @2); exit() }\n"
			 + std::string(13 + 53, ' ') + "^\n\n"  // the caret under column 54
			 "1 parse error.\nPass 1: parse failed.  [man error::pass1]\n");
}

// SystemTap's shell test nineteen: $1 is raw tokens, even a whole probe header.
TEST(StapArguments, DollarArgumentIsRawTokens)
{
	EXPECT_EQ(body(p1("$1 {log (@1.@2)}", {"probe foo", ""})), "probe foo{\nlog((\"probe foo\") . (\"\"));\n}\n");
}

// Shell tests preprocess13 and preprocess16: an argument may not substitute again.
TEST(StapArguments, NestedSubstitutionIsRefused)
{
	Pass1 a = p1("$1", {"$1"});
	EXPECT_FALSE(a.ok);
	EXPECT_NE(a.err.find("invalid nested substitution of command line arguments"), std::string::npos);
	EXPECT_FALSE(p1("probe begin {$1}", {"x $1"}).ok);
}

// Shell tests macros05 and macros08: a macro body holding a conditional on $#.
TEST(StapPreprocessor, MacroWithArgumentCountConditional)
{
	const std::string script =
		"@define foo %( %( $# >= 5 %? @5 %: \"\" %) %)\nprobe begin { printf(\"Hello, World %s!\", @foo) }";
	EXPECT_EQ(body(p1(script, {"1", "2", "3", "4", "5"})), "probe begin{\nprintf(\"Hello, World %s!\", \"5\");\n}\n");
	EXPECT_EQ(body(p1(script, {"1", "2", "3", "4"})), "probe begin{\nprintf(\"Hello, World %s!\", \"\");\n}\n");
}

TEST(StapPreprocessor, KernelVersionArchAndConfig)
{
	const std::string script = "probe begin { x = %( kernel_v >= \"4.4\" %? 1 %: 0 %) "
				   "y = %( kernel_vr == \"6.1.*\" && arch == \"x86_64\" %? 1 %: 0 %) "
				   "z = %( CONFIG_SMP == \"y\" %? 1 %: 0 %) w = %( $# == 0 || @# == \"0\" %? 1 %: 0 %) }";
	EXPECT_EQ(body(p1(script)), "probe begin{\n(x) = (1);\n(y) = (1);\n(z) = (0);\n(w) = (1);\n}\n");
	ScriptInput input{"<input>", script, {}, {}};
	input.facts.config["CONFIG_SMP"] = "y";
	input.facts.kernel_v = "4.3.0";
	EXPECT_EQ(body(run_pass1(input)), "probe begin{\n(x) = (0);\n(y) = (1);\n(z) = (1);\n(w) = (1);\n}\n");
}

TEST(StapPreprocessor, ChooseDefinedAndMacroParameters)
{
	EXPECT_EQ(body(p1("@define twice(x) %( (@x) + (@x) %) probe begin { a = @choose_defined($flags, $write) "
			  "b = @twice(1 + 2) }")),
		  "probe begin{\n(a) = ((@defined($flags))?($flags):($write));\n"
		  "(b) = (((1) + (2)) + ((1) + (2)));\n}\n");
}

TEST(StapParser, EmbeddedCodeIsRefused)
{
	Pass1 r = p1("function f() %{ return 1; %}");
	EXPECT_FALSE(r.ok);
	EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "parse error: embedded code in unprivileged script; need stap -g");
	EXPECT_FALSE(p1("probe begin { @kderef(4, p) }").ok);
}

TEST(StapParser, LanguageOfTheIssue)
{
	// Outputs recorded from stap 4.8 -p1 for the same script.
	const std::string script = "global x%[10], y%, z[5]\n"
				   "probe begin { foreach (v = [a,b] in x @sum- limit 3) {} "
				   "try { error(\"x\") } catch (msg) { println(msg) } "
				   "print(@hist_linear(s, 0, 100, 10)); @cast(p, \"task_struct\")->pid; @entry($a); "
				   "$$parms$; &$a->b; x = -9223372036854775808 }";
	EXPECT_EQ(body(p1(script)),
		  "global x%[10]\nglobal y%\nglobal z[5]\nprobe begin{\n"
		  "foreach (v = [a, b] in x @sum- limit 3) {\n};\n"
		  "try {\n{\nerror(\"x\");\n}\n} catch (msg) {\n{\nprintln(msg);\n}\n}\n;\n"
		  "print(@hist_linear(s, 0, 100, 10));\n@cast(p, \"task_struct\")->pid;\n@entry($a);\n"
		  "$$parms->$;\n&$a->b;\n(x) = (-(-9223372036854775808));\n}\n");
}

TEST(StapParser, PrintFormatIsChecked)
{
	EXPECT_FALSE(p1("probe begin { printf(\"%lld\", 1) }").ok);
	EXPECT_TRUE(p1("probe begin { printf(\"%-5.2s %ld %*d %% %p %b %m %M\", 1) }").ok);
}

TEST(StapFrontEnd, EmptyInputs)
{
	EXPECT_EQ(p1("# nothing\n", {}, "e.stp").err, "Input file 'e.stp' is empty.\nPass 1: parse failed.  [man error::pass1]\n");
	EXPECT_NE(p1("@define foo %( x %)", {}, "m.stp").err.find("Input file 'm.stp' is empty after preprocessing."),
		  std::string::npos);
}

TEST(StapParser, UnterminatedString)
{
	Pass1 r = p1("probe begin { print(\"abc) }");
	EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "parse error: Could not find matching closing quote");
}

// Runaway macros end with an error, never a hang.
TEST(StapPreprocessor, RecursiveMacroStops)
{
	Pass1 r = p1("@define a %( @a %) probe begin { @a }");
	EXPECT_FALSE(r.ok);
}

}  // namespace
}  // namespace kctx::probe
