// The kernel's names (init_uts_ns.name): what uname(2) copies (Uname.cpp) and what module
// code reads through init_uts_ns and utsname() (abi/KernelData.h).
#pragma once

#include <array>
#include <string>

#include "kernel/core/Config.h"

namespace kctx::kernel {

// sysname, nodename, release, version, machine, domainname.
[[nodiscard]] std::array<std::string, 6> uts_fields(const Config& config);

}   // namespace kctx::kernel
