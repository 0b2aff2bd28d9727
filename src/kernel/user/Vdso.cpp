#include "kernel/user/Vdso.h"

#include "base/Check.h"
#include "vm/Assembler.h"

namespace kctx::kernel {

const vm::Program& vdso_program()
{
	static const vm::Program program = [] {
		auto p = vm::assemble(R"(
program [vdso]
func __restore_rt nparams=0 nregs=1
  CALLB r0, r0, 0, $rt_sigreturn
  RETV
)");
		KCTX_CHECK(p.ok());
		return std::move(*p);
	}();
	return program;
}

}   // namespace kctx::kernel
