#pragma once
// The C types stap's member chains walk ($t->expires, @var("dev")->count), from a module's
// parsed source: the part of DWARF kctx's front end knows exactly, as the compiled code
// laid it out.

#include <memory>

#include "probe/run/CTypes.h"

namespace kctx::lang {
struct Unit;
}

namespace kctx::cli {

// Every type a variable of `unit` (a global, a parameter, a local) reaches, by its C
// spelling (lang::type_name, which vm::VarInfo::type also uses).
[[nodiscard]] std::shared_ptr<const probe::CTypes> stap_types(const lang::Unit& unit);

}  // namespace kctx::cli
