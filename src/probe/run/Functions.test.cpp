// The kernel functions kernel.function() can name, and their parameters as target
// variables, read from Builtins.def's prototypes (Linux 6.1's signatures).
#include <gtest/gtest.h>

#include <algorithm>

#include "probe/run/Functions.h"

namespace kctx::probe {
namespace {

const KernelFunction* find(std::string_view name)
{
	std::span<const KernelFunction> fns = kernel_functions();
	auto it = std::find_if(fns.begin(), fns.end(), [&](const KernelFunction& f) { return f.name == name; });
	return it == fns.end() ? nullptr : &*it;
}

std::string vars(std::span<const TargetVarInfo> v)
{
	std::string out;
	for (const TargetVarInfo& t : v)
		out += std::string(out.empty() ? "" : " ") + "$" + std::string(t.name) + ":" + std::string(t.type);
	return out;
}

TEST(Functions, PrototypeParameters)
{
	ParsedPrototype p = parse_prototype("void *kmalloc(size_t size, gfp_t flags)");
	EXPECT_EQ(p.ret, "void *");
	ASSERT_EQ(p.params.size(), 2u);
	EXPECT_EQ(p.params[0], (std::pair<std::string, std::string>{"size", "size_t"}));
	EXPECT_EQ(p.params[1], (std::pair<std::string, std::string>{"flags", "gfp_t"}));
	EXPECT_TRUE(parse_prototype("void dump_stack(void)").params.empty());
	// A function pointer keeps its place (arguments are read by position).
	ParsedPrototype t = parse_prototype(
		"void __kctx_timer_setup(struct timer_list *timer, void (*callback)(struct timer_list *), unsigned int flags)");
	ASSERT_EQ(t.params.size(), 3u);
	EXPECT_EQ(t.params[1].first, "callback");
	EXPECT_EQ(t.params[2].first, "flags");
	// Variadic: the named parameters only.
	EXPECT_EQ(parse_prototype("int printk(const char *fmt, ...)").params.size(), 1u);
}

TEST(Functions, BuiltinsWithTheirParameters)
{
	const KernelFunction* k = find("kmalloc");
	ASSERT_NE(k, nullptr);
	EXPECT_EQ(k->kind, FunctionKind::Builtin);
	EXPECT_EQ(vars(k->params), "$size:size_t $flags:gfp_t");
	EXPECT_EQ(vars(k->with_return), "$size:size_t $flags:gfp_t $return:void*");
	// A void function has no $return; a __user pointer prints as stap prints it.
	const KernelFunction* m = find("mutex_lock");
	ASSERT_NE(m, nullptr);
	EXPECT_EQ(vars(m->with_return), "$lock:struct mutex*");
	const KernelFunction* c = find("copy_from_user");
	ASSERT_NE(c, nullptr);
	EXPECT_EQ(vars(c->params), "$to:void* $from:void* $n:unsigned long");
}

TEST(Functions, NativesAndSharedNames)
{
	// __mutex_lock is only a native; schedule is both a builtin (module code calls it)
	// and a native (the kernel's own calls): one function with both entry points.
	const KernelFunction* ml = find("__mutex_lock");
	ASSERT_NE(ml, nullptr);
	EXPECT_EQ(ml->kind, FunctionKind::Native);
	const KernelFunction* s = find("schedule");
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(s->kind, FunctionKind::Builtin);
	EXPECT_GE(s->native, 0);
	EXPECT_EQ(native_function_size(static_cast<uint32_t>(s->native)), 0xd0u);
	// Sorted by name, no duplicates, no kctx-internal __kctx_ names.
	std::span<const KernelFunction> fns = kernel_functions();
	for (size_t i = 1; i < fns.size(); i++)
		EXPECT_LT(fns[i - 1].name, fns[i].name);
	EXPECT_EQ(find("__kctx_warn"), nullptr);
}

}  // namespace
}  // namespace kctx::probe
