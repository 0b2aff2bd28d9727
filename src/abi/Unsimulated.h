// Names of Linux 6.1 kernel APIs that kctx does not simulate (drivers for real hardware:
// PCI, USB, I2C, DMA, GPIO, networking, input, firmware loading …). A module that uses one
// gets a message that says so instead of "undeclared function".
#pragma once

#include <string_view>

namespace kctx::abi {

// Whether `name`, undeclared in a module, is an API Linux 6.1 has and kctx does not.
[[nodiscard]] bool unsimulated_kernel_api(std::string_view name);

}  // namespace kctx::abi
