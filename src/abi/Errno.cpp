#include "abi/Errno.h"

namespace kctx::abi {

std::string_view strerror_text(int32_t err)
{
	switch (err) {
	case 0: return "Success";
#define KCTX_X(name, value, text) case value: return text;
		KCTX_ERRNO_LIST(KCTX_X)
#undef KCTX_X
	default: return {};
	}
}

}  // namespace kctx::abi
