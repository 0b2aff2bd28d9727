#pragma once
// A Machine as bytes and back: the one translation unit that instantiates the serializer
// over the whole machine. Dumps, resume points, crash's targets and the tests call these
// rather than serialize_to_bytes<Machine> themselves: each instantiation costs seconds of
// compile time, and one is enough.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/Result.h"
#include "kernel/core/Machine.h"

namespace kctx::kernel {

[[nodiscard]] std::string machine_to_bytes(const Machine& m);
[[nodiscard]] Result<Machine> machine_from_bytes(std::string_view bytes);
// The hash of those bytes: equal machines hash equal (the snapshot tests).
[[nodiscard]] uint64_t machine_hash(const Machine& m);

}  // namespace kctx::kernel
