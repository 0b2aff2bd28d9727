#include "check/Reduction.h"

#include <gtest/gtest.h>

namespace kctx::check {
namespace {

using kernel::Choice;
using kernel::ChoiceKind;

TEST(Reduction, ContinuesOnlyWhenNothingOfTheSameCpuCanComeBetween)
{
	std::vector<uint8_t> irqs{0, 0};
	std::vector<Choice> enabled{{ChoiceKind::Run, 0}, {ChoiceKind::Run, 1}, {ChoiceKind::Tick, 1}};
	EXPECT_TRUE(may_continue(0, enabled, irqs, 2));    // CPU1's tick is another CPU's
	EXPECT_FALSE(may_continue(1, enabled, irqs, 2));   // its own tick could come first
	irqs[1] = 2;
	EXPECT_TRUE(may_continue(1, enabled, irqs, 2));    // unless its budget is spent
	enabled.push_back({ChoiceKind::Ipi, 1});
	EXPECT_FALSE(may_continue(1, enabled, irqs, 2));   // an IPI is not budgeted
	EXPECT_FALSE(may_continue(0, std::vector<Choice>{{ChoiceKind::Run, 1}}, irqs, 2));   // nothing to run
}

}  // namespace
}  // namespace kctx::check
