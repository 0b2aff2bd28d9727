// Library functions defined in the prelude (qsort, bsearch, the kernel's sort: the ones
// that call back into the program) are linked the way a static libc.a is: only those a
// program uses, directly or through another library function it uses, are kept.
#pragma once

#include <cstdint>

#include "lang/Ast.h"

namespace kctx::lang {

// Removes from unit.functions the definitions made in source file `library_file` that
// nothing outside it reaches (Unit::function_refs).
void drop_unused_library_functions(Unit& unit, uint32_t library_file);

}  // namespace kctx::lang
