// A lane keeps what it was shown as segments: equal neighbours are one, an instant value
// is dropped, and coarsening merges only what is finer than its grain.
#include <gtest/gtest.h>

#include "trace/Lane.h"

namespace kctx::trace {
namespace {

TEST(Lane, ConsecutiveValuesBecomeSegments)
{
	Lane l;
	l.set(10, Shown{1, 0});
	l.set(20, Shown{1, 0});   // no change: the same segment goes on
	l.set(30, Shown{2, 5});
	l.close(45);
	ASSERT_EQ(l.segments().size(), 2u);
	EXPECT_EQ(l.segments()[0], (Segment{10, 30, 1, 0, 1}));
	EXPECT_EQ(l.segments()[1], (Segment{30, 45, 2, 5, 1}));
	EXPECT_FALSE(l.shown());
}

TEST(Lane, AValueReplacedAtOnceLeavesNothing)
{
	Lane l;
	l.set(10, Shown{1, 0});
	l.set(10, Shown{2, 0});
	l.set(10, Shown{1, 0});
	l.close(20);
	ASSERT_EQ(l.segments().size(), 1u);
	EXPECT_EQ(l.segments()[0], (Segment{10, 20, 1, 0, 1}));
}

TEST(Lane, CoarsenMergesOnlyWhatIsFinerThanItsGrain)
{
	Lane l;
	// Three 1 µs ticks 10 µs apart, then a 100 µs stretch 1 ms later.
	for (uint64_t t = 0; t < 30'000; t += 10'000) {
		l.set(t, Shown{4, 0});
		l.close(t + 1'000);
	}
	l.set(1'000'000, Shown{3, 0});
	l.close(1'100'000);
	EXPECT_EQ(l.coarsen(500), 0u);   // nothing is that fine
	EXPECT_EQ(l.coarsen(16'000), 2u);
	ASSERT_EQ(l.segments().size(), 2u);
	EXPECT_EQ(l.segments()[0], (Segment{0, 21'000, 4, 0, 3}));
	EXPECT_EQ(l.segments()[1], (Segment{1'000'000, 1'100'000, 3, 0, 1}));
}

}  // namespace
}  // namespace kctx::trace
