#include "cli/StapHost.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "shell/Applets.h"

namespace kctx::cli {
namespace {

// fs/binfmt_script.c load_script(): "#!", blanks, the interpreter, blanks, one argument.
TEST(StapShebang, TheInterpreterIsStap)
{
	EXPECT_TRUE(is_stap_shebang("#!/usr/bin/stap"));
	EXPECT_TRUE(is_stap_shebang("#! /usr/bin/stap"));
	EXPECT_TRUE(is_stap_shebang("#!/usr/local/bin/stap -v"));
	EXPECT_TRUE(is_stap_shebang("#!stap"));
	EXPECT_TRUE(is_stap_shebang("#!/usr/bin/stap\r"));
	EXPECT_TRUE(is_stap_shebang("#!\t/usr/bin/stap  "));
}

TEST(StapShebang, EnvRunsStap)
{
	EXPECT_TRUE(is_stap_shebang("#! /usr/bin/env stap"));
	EXPECT_TRUE(is_stap_shebang("#!/usr/bin/env  stap "));
	EXPECT_FALSE(is_stap_shebang("#!/usr/bin/env python3"));
	EXPECT_FALSE(is_stap_shebang("#!/usr/bin/env"));
}

// What the kernel runs: the interpreter as written and its one argument (argv[0] and
// argv[1] of the stap process), or env with stap to exec.
TEST(StapShebang, InterpreterAndArgument)
{
	std::optional<kernel::ScriptFile> f = stap_shebang("#!/usr/local/bin/stap  -v -w ");
	ASSERT_TRUE(f);
	EXPECT_EQ(f->interp, "/usr/local/bin/stap");
	EXPECT_EQ(f->arg, "-v -w");
	EXPECT_FALSE(f->env);
	f = stap_shebang("#! /usr/bin/env stap");
	ASSERT_TRUE(f);
	EXPECT_EQ(f->interp, "/usr/bin/env");
	EXPECT_EQ(f->arg, "stap");
	EXPECT_TRUE(f->env);
	EXPECT_FALSE(stap_shebang("#!/bin/sh"));
}

TEST(StapShebang, OtherLinesAreNot)
{
	EXPECT_FALSE(is_stap_shebang(""));
	EXPECT_FALSE(is_stap_shebang("probe begin { exit() }"));
	EXPECT_FALSE(is_stap_shebang("# !/usr/bin/stap"));
	EXPECT_FALSE(is_stap_shebang("#!/bin/sh"));
	EXPECT_FALSE(is_stap_shebang("#!/usr/bin/stapio"));
	EXPECT_FALSE(is_stap_shebang("#!/usr/bin/stap-prep"));
}

// The stap program names __kctx_stap's requests by number: they must be ProbeHost.h's.
TEST(StapApplet, RequestNumbersAreTheKernels)
{
	std::string c = shell::stap_applet_source();
	const std::pair<const char*, kernel::StapOp> ops[] = {
		{"STAP_START", kernel::StapOp::Start},     {"STAP_ATTACH", kernel::StapOp::Attach},
		{"STAP_RUNNING", kernel::StapOp::Running}, {"STAP_READ_OUT", kernel::StapOp::ReadOut},
		{"STAP_READ_ERR", kernel::StapOp::ReadErr}, {"STAP_STOP", kernel::StapOp::Stop},
	};
	for (const auto& [name, op] : ops)
		EXPECT_NE(c.find(fmt::format("#define {} {}\n", name, static_cast<int>(op))), std::string::npos) << name;
}

}  // namespace
}  // namespace kctx::cli
