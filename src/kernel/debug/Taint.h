// What every report's header and footer says about the kernel (kernel/panic.c): the taint
// string (print_tainted()) and the oops id that closes a trace (init_oops_id()), in the
// release's formats.
#pragma once

#include <cstdint>
#include <string>

#include "kernel/release/Release.h"

namespace kctx::kernel {

// "Not tainted", or "Tainted: " and one column per flag the release has ('G' for an
// untainted P column): `tainted` is the TAINT_* bit mask.
[[nodiscard]] std::string print_tainted(const ReleaseSpec& spec, uint32_t tainted);
// The id of "---[ end trace ID ]---": 0 on 6.1; 4.4 draws one at random once per boot,
// which kctx derives from the run's seed so that a run repeats.
[[nodiscard]] uint64_t oops_id(const ReleaseSpec& spec, uint64_t seed);

}  // namespace kctx::kernel
