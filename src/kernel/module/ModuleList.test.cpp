#include "kernel/module/ModuleList.h"

#include <gtest/gtest.h>

namespace kctx::kernel {
namespace {

Module mod(std::string name, ModuleState state)
{
	Module m;
	m.name = std::move(name);
	m.state = state;
	return m;
}

TEST(ModuleList, PrintModulesNewestFirstWithTheirStates)
{
	std::vector<Module> mods = {mod("a", ModuleState::Live), mod("gone", ModuleState::Gone),
				    mod("b", ModuleState::Going), mod("c", ModuleState::Coming)};
	EXPECT_EQ(modules_linked_in(mods, ""), "Modules linked in: c(OE+) b(OE-) a(OE)");
	EXPECT_EQ(modules_linked_in({}, "gone"), "Modules linked in: [last unloaded: gone(OE)]");
}

TEST(ModuleList, ReleasingUsesDropsOneReferenceEach)
{
	std::vector<Module> mods = {mod("lib", ModuleState::Live), mod("user", ModuleState::Live)};
	mods[0].refcnt = 2;   // the user's reference and an open file's
	mods[1].uses = {0};
	release_module_uses(mods, mods[1]);
	EXPECT_EQ(mods[0].refcnt, 1);
	EXPECT_TRUE(mods[1].uses.empty());
	release_module_uses(mods, mods[1]);   // nothing left to drop
	EXPECT_EQ(mods[0].refcnt, 1);
}

}  // namespace
}  // namespace kctx::kernel
