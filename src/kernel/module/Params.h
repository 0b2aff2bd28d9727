// The parameters a module declares (prelude module_param*() macros), as the loader and
// /sys/module/NAME/parameters see them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vm/Program.h"

namespace kctx::kernel {

// A parameter: its kind, its type, where its variable's pointer (module_param) or
// descriptor (array, string) is in the module's data, and its sysfs permissions.
struct Param {
	enum class Kind : uint8_t { Scalar, Array, String } kind = Kind::Scalar;
	std::string name, type;
	uint64_t at = 0;
	uint16_t perm = 0;
};

[[nodiscard]] std::vector<Param> module_params(const vm::Program& p, uint64_t data_base);
// The size of one value of a module_param type (an element of a module_param_array).
[[nodiscard]] uint32_t param_type_size(std::string_view type);

}  // namespace kctx::kernel
