// The list of modules (kernel/module/main.c's `modules`) as reports and unloading read
// it: print_modules()'s line and the references one module holds on the modules whose
// symbols it uses.
#pragma once

#include <string>
#include <vector>

#include "kernel/core/Machine.h"

namespace kctx::kernel {

// print_modules(): "Modules linked in:" and each module not gone, newest first, with its
// taint flags ("OE": every kctx module is out-of-tree and unsigned; '+' while its init
// runs, '-' while its exit runs), then the last unloaded one.
[[nodiscard]] std::string modules_linked_in(const std::vector<Module>& modules, const std::string& last_unloaded);
// module_unload_free(): drops the references `mod` held on the modules it used.
void release_module_uses(std::vector<Module>& modules, Module& mod);

}  // namespace kctx::kernel
