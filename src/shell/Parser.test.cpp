#include <gtest/gtest.h>

#include <fmt/format.h>

#include "shell/Script.h"

namespace kctx::shell {
namespace {

struct Parsed {
	std::vector<Command> commands;
	std::string diagnostics;
};

Parsed parse(std::string text)
{
	SourceSet sources;
	uint32_t file = sources.add("init.sh", std::move(text));
	DiagnosticSink diags;
	Parsed p;
	p.commands = parse_commands(sources, file, diags);
	p.diagnostics = diags.render_all(sources);
	return p;
}

// A word as the shell sees it after quote removal, with parameters as {?} {!} {$}.
std::string show(const Word& w)
{
	std::string s;
	for (const WordPart& p : w.parts) {
		if (!p.param) {
			s += p.text;
			continue;
		}
		switch (*p.param) {
		case Param::LastStatus: s += "{?}"; break;
		case Param::LastBackgroundPid: s += "{!}"; break;
		case Param::ShellPid: s += "{$}"; break;
		case Param::Variable: s += (p.split ? "{" : "{\"") + p.name + (p.split ? "}" : "\"}"); break;
		case Param::Subst: s += fmt::format("{{{}$({} commands)}}", p.split ? "" : "\"", p.commands->size()); break;
		}
	}
	return s;
}

std::vector<std::string> words(const Command& c)
{
	std::vector<std::string> out;
	for (const Word& w : c.words)
		out.push_back(show(w));
	return out;
}

using Words = std::vector<std::string>;

TEST(Parser, SeparatorsAndComments)
{
	Parsed p = parse("# comment\n./a & ./b;./c # trailing\n\n  sleep 1 ;\n");
	EXPECT_EQ(p.diagnostics, "");
	ASSERT_EQ(p.commands.size(), 4u);
	EXPECT_EQ(words(p.commands[0]), Words{"./a"});
	EXPECT_TRUE(p.commands[0].background);
	EXPECT_EQ(p.commands[0].source, "./a &");
	EXPECT_FALSE(p.commands[1].background);
	EXPECT_EQ(p.commands[2].source, "./c");
	EXPECT_EQ(p.commands[2].loc, (SourceLoc{0, 2, 11}));
	EXPECT_EQ(words(p.commands[3]), (Words{"sleep", "1"}));
	EXPECT_EQ(p.commands[3].loc.line, 4u);
}

TEST(Parser, Quotes)
{
	Parsed p = parse(R"(echo 'a  b' "c \"d\" \$x \q" e\ f '' "" g'h'"i" a#b 'it''s' "$?-$!-$$" '$?')");
	EXPECT_EQ(p.diagnostics, "");
	ASSERT_EQ(p.commands.size(), 1u);
	EXPECT_EQ(words(p.commands[0]), (Words{"echo", "a  b", R"(c "d" $x \q)", "e f", "", "", "ghi", "a#b",
					       "its", "{?}-{!}-{$}", "$?"}));
	EXPECT_FALSE(p.commands[0].words[0].quoted);
	EXPECT_TRUE(p.commands[0].words[1].quoted);
}

TEST(Parser, LineContinuationAndMultiLineQuotes)
{
	Parsed p = parse("echo a \\\n  b \"c\nd\"\necho e\n");
	EXPECT_EQ(p.diagnostics, "");
	ASSERT_EQ(p.commands.size(), 2u);
	EXPECT_EQ(words(p.commands[0]), (Words{"echo", "a", "b", "c\nd"}));
	EXPECT_EQ(p.commands[0].source, "echo a   b \"c d\"");
	EXPECT_EQ(p.commands[1].loc.line, 4u);
}

TEST(Parser, Redirections)
{
	Parsed p = parse("echo 1 > /dev/a\necho 2 >>/dev/b\n");
	EXPECT_EQ(p.diagnostics, "");
	ASSERT_EQ(p.commands.size(), 2u);
	ASSERT_EQ(p.commands[0].redirects.size(), 1u);
	EXPECT_EQ(p.commands[0].redirects[0].mode, RedirectMode::Truncate);
	EXPECT_EQ(show(p.commands[0].redirects[0].target), "/dev/a");
	EXPECT_EQ(p.commands[1].redirects[0].mode, RedirectMode::Append);
	EXPECT_EQ(words(p.commands[1]), (Words{"echo", "2"}));
}

TEST(Parser, UnsupportedSyntaxIsReportedAndTheNextLineStillParses)
{
	Parsed p = parse("(./a)\n./a 3> /dev/null\necho $((1+2)) $(date) $HOME\n; ./a\n./a |\necho \"open\n./ok\n");
	EXPECT_EQ(p.diagnostics,
		  "init.sh:1:1: error: subshells and functions are not supported in init.sh\n"
		  "    1 | (./a)\n"
		  "      | ^\n"
		  "init.sh:2:5: error: redirecting file descriptor 3 is not supported in init.sh: only 0, 1 and 2 are\n"
		  "    2 | ./a 3> /dev/null\n"
		  "      |     ^~\n"
		  "init.sh:3:6: error: arithmetic expansion '$((...))' is not supported in init.sh\n"
		  "    3 | echo $((1+2)) $(date) $HOME\n"
		  "      |      ^~~\n"
		  "init.sh:4:1: error: syntax error: unexpected ';'\n"
		  "    4 | ; ./a\n"
		  "      | ^\n"
		  "init.sh:6:6: error: unterminated quoted string\n"
		  "    6 | echo \"open\n"
		  "      |      ^\n");
}

// `...` is $(...)'s old form: inside it "\\$", "\\`" and "\\\\" lose their backslash first, so
// LDD3's `awk "\\$2==..."` gives awk "$2" once the double quotes are read; an error
// inside is reported at its place in the file.
TEST(Parser, Backquotes)
{
	Parsed p = parse("major=`cat /proc/devices | awk \"\\\\$2==\\\"m\\\" {print \\\\$1}\"`\necho \"`echo a`\"\necho x`echo | |`\n");
	ASSERT_EQ(p.commands.size(), 2u);
	ASSERT_EQ(p.commands[0].words.size(), 1u);
	const WordPart& sub = p.commands[0].words[0].parts.back();
	ASSERT_EQ(sub.param, Param::Subst);
	ASSERT_EQ(sub.commands->size(), 2u);
	EXPECT_EQ(words((*sub.commands)[1]), (Words{"awk", "$2==\"m\" {print $1}"}));
	EXPECT_EQ(words(p.commands[1]), (Words{"echo", "{\"$(1 commands)}"}));
	EXPECT_EQ(p.diagnostics, "init.sh:3:15: error: syntax error: unexpected '|'\n"
				 "    3 | echo x`echo | |`\n"
				 "      |               ^\n");
}

TEST(Parser, PipelinesListsAndRedirections)
{
	Parsed p = parse("lsmod | grep hello && echo yes || echo no\ncat < /dev/x 2>&1 >> /tmp/log 2>/dev/null\n"
			 "dmesg |\n  tail -3 &\n");
	EXPECT_EQ(p.diagnostics, "");
	ASSERT_EQ(p.commands.size(), 7u);
	EXPECT_EQ(p.commands[0].next, Connector::Pipe);
	EXPECT_EQ(p.commands[1].next, Connector::And);
	EXPECT_EQ(p.commands[2].next, Connector::Or);
	EXPECT_EQ(p.commands[3].next, Connector::None);
	EXPECT_EQ(words(p.commands[1]), (Words{"grep", "hello"}));
	const auto& r = p.commands[4].redirects;
	ASSERT_EQ(r.size(), 4u);
	EXPECT_EQ(words(p.commands[4]), (Words{"cat"}));
	EXPECT_EQ(r[0].mode, RedirectMode::Input);
	EXPECT_EQ(r[0].fd, 0);
	EXPECT_EQ(r[1].mode, RedirectMode::Dup);
	EXPECT_EQ(r[1].fd, 2);
	EXPECT_EQ(r[1].dup_from, 1);
	EXPECT_EQ(r[2].mode, RedirectMode::Append);
	EXPECT_EQ(r[2].fd, 1);
	EXPECT_EQ(r[3].fd, 2);
	EXPECT_EQ(show(r[3].target), "/dev/null");
	EXPECT_EQ(p.commands[5].next, Connector::Pipe);
	EXPECT_FALSE(p.commands[5].background);
	EXPECT_TRUE(p.commands[6].background);
}

TEST(Parser, AListOrPipeNeedsACommandAfterIt)
{
	Parsed p = parse("| ./a\n./a && ; ./b\n./c ||");
	EXPECT_EQ(p.diagnostics,
		  "init.sh:1:1: error: syntax error: unexpected '|'\n"
		  "    1 | | ./a\n"
		  "      | ^\n"
		  "init.sh:2:8: error: syntax error: unexpected ';'\n"
		  "    2 | ./a && ; ./b\n"
		  "      |        ^\n"
		  "init.sh:3:5: error: syntax error: end of file after '||'\n"
		  "    3 | ./c ||\n"
		  "      |     ^~\n");
}

// $NAME and ${NAME} are variables, split into fields outside double quotes; so are the
// positional parameters $0 to $9, $#, $* and $@ (one digit: "$12" is "${1}2"), which the
// planner knows; ${NAME:-x} and the other modifiers are not in init.sh.
TEST(Parser, Variables)
{
	Parsed p = parse("echo $HOME ${x}y \"$a-${b}\"\necho $12 $# \"$*\" ${2}\necho $ a$ ${x:-1}\necho ${?}\n");
	EXPECT_EQ(p.diagnostics,
		  "init.sh:3:11: error: '${x:-1}' is not supported in init.sh: only ${NAME}, ${N}, ${#}, ${?}, ${!} and "
		  "${$} are\n"
		  "    3 | echo $ a$ ${x:-1}\n"
		  "      |           ^~~~~~~\n");
	ASSERT_EQ(p.commands.size(), 3u);
	EXPECT_EQ(words(p.commands[0]), (Words{"echo", "{HOME}", "{x}y", "{\"a\"}-{\"b\"}"}));
	EXPECT_EQ(words(p.commands[1]), (Words{"echo", "{1}2", "{#}", "{\"*\"}", "{2}"}));
	EXPECT_EQ(words(p.commands[2]), (Words{"echo", "{?}"}));
}

// NAME=VALUE is an assignment only with NAME and '=' unquoted at the word's start.
TEST(Parser, AssignmentWords)
{
	Parsed p = parse("a=1 b=\"x y\" 'c'=2 d\\=3 =4 e_1=$(cat /proc/devices | grep x)\n");
	EXPECT_EQ(p.diagnostics, "");
	ASSERT_EQ(p.commands.size(), 1u);
	const auto& w = p.commands[0].words;
	ASSERT_EQ(w.size(), 6u);
	EXPECT_TRUE(w[0].assignment);
	EXPECT_TRUE(w[1].assignment);
	EXPECT_FALSE(w[2].assignment);
	EXPECT_FALSE(w[3].assignment);
	EXPECT_FALSE(w[4].assignment);
	EXPECT_TRUE(w[5].assignment);
	EXPECT_EQ(words(p.commands[0]), (Words{"a=1", "b=x y", "c=2", "d=3", "=4", "e_1={$(2 commands)}"}));
}

// $(...) is parsed as a script of its own: quotes and parentheses inside it, its errors
// at their place, and an unterminated one.
TEST(Parser, CommandSubstitution)
{
	Parsed p = parse("m=\"$(awk '$2==\")\" {print $1}' /proc/devices)\"\necho $((1+2))\necho $(ls (x))\necho $(ls\n");
	EXPECT_EQ(p.diagnostics,
		  "init.sh:2:6: error: arithmetic expansion '$((...))' is not supported in init.sh\n"
		  "    2 | echo $((1+2))\n"
		  "      |      ^~~\n"
		  "init.sh:3:11: error: subshells and functions are not supported in init.sh\n"
		  "    3 | echo $(ls (x))\n"
		  "      |           ^\n"
		  "init.sh:4:6: error: unterminated '$('\n"
		  "    4 | echo $(ls\n"
		  "      |      ^~\n");
	ASSERT_EQ(p.commands.size(), 1u);
	std::string deep = "echo ";
	for (int i = 0; i < 1000; i++)
		deep += "$(echo ";
	deep += std::string(1000, ')');
	// The 16th $( starts at column 6 + 15 * 7.
	EXPECT_EQ(parse(deep + "\n").diagnostics.substr(0, 70),
		  "init.sh:1:111: error: $(...) nested more than 15 deep in init.sh\n    1");
	const WordPart& sub = p.commands[0].words[0].parts.back();
	ASSERT_EQ(sub.param, Param::Subst);
	EXPECT_FALSE(sub.split);
	ASSERT_EQ(sub.commands->size(), 1u);
	EXPECT_EQ(words(sub.commands->front()), (Words{"awk", "$2==\")\" {print $1}", "/proc/devices"}));
}

}   // namespace
}   // namespace kctx::shell
