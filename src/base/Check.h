// Invariants of kctx itself. A failed CHECK is a bug in kctx, never in the user's
// program: problems found in user code are reported as data (diagnostics, kernel
// reports), not by these macros.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace kctx::detail {
[[noreturn]] inline void check_failed(const char* what, const char* file, int line)
{
	std::fprintf(stderr, "kctx: internal error: %s at %s:%d\n", what, file, line);
	std::abort();
}
}  // namespace kctx::detail

// "Must hold": an invariant kctx relies on.
#define KCTX_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) [[unlikely]]                                      \
			::kctx::detail::check_failed("CHECK(" #cond ") failed", \
						     __FILE__, __LINE__);      \
	} while (0)

// "Cannot happen": control reached a point the design rules out.
#define KCTX_UNREACHABLE() ::kctx::detail::check_failed("unreachable", __FILE__, __LINE__)
