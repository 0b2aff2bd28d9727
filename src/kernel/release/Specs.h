// The spec of each release (Releases.def's third column), for Release.cpp's table.
#pragma once

#include "kernel/release/Release.h"

namespace kctx::kernel {

#define KCTX_RELEASE(id, name, spec) extern const ReleaseSpec spec;
#include "kernel/release/Releases.def"
#undef KCTX_RELEASE

}  // namespace kctx::kernel
