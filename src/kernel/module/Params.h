// The parameters a module declares (prelude module_param*() macros), as the loader and
// /sys/module/NAME/parameters see them, and kernel/params.c's setters and getters over
// kernel memory: what insmod's argument string and a write to a parameter's file do.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/Memory.h"
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

// One line of ParamTypes.def.
struct ParamType {
	std::string_view name;
	uint32_t size;
	bool is_signed;
	long long lowest;
	unsigned long long highest;
	std::string_view get_format;
};

// What setting a parameter needs of the kernel around it: kernel memory, printk on the
// CPU that sets it, and kmalloc for param_set_charp()'s copy.
struct ParamEnv {
	vm::Memory& kmem;
	std::function<void(std::string_view text)> printk;
	std::function<uint64_t(uint64_t size)> kmalloc;
};

[[nodiscard]] std::vector<Param> module_params(const vm::Program& p, uint64_t data_base);
// The type module_param() named; types the table lacks are int's, as the prelude's
// module_param() lets any name through where gcc would fail on the missing param_ops_*.
[[nodiscard]] const ParamType& param_type(std::string_view name);

// kernel/params.c parse_args() over insmod's argument string for module `p` whose data is
// at `data_base`: 0 or the last error's -errno, each error printed as Linux prints it.
[[nodiscard]] int64_t parse_module_args(ParamEnv& env, const vm::Program& p, uint64_t data_base, std::string_view args);
// parse_one()'s set for one parameter (`value` nullopt for a bare name): 0 or -errno.
[[nodiscard]] int set_module_param(ParamEnv& env, std::string_view param, const std::optional<std::string>& value,
				   std::string_view type, Param::Kind kind, uint64_t at);
// param_attr_show(): the parameter's file as read, with its newline.
[[nodiscard]] std::string show_module_param(const vm::Memory& kmem, std::string_view type, Param::Kind kind,
					    uint64_t at);

}  // namespace kctx::kernel
