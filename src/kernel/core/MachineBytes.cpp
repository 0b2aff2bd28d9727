#include "kernel/core/MachineBytes.h"

#include "base/Hash.h"
#include "base/Serialize.h"

namespace kctx::kernel {

std::string machine_to_bytes(const Machine& m) { return serialize_to_bytes(m); }

Result<Machine> machine_from_bytes(std::string_view bytes) { return deserialize_from_bytes<Machine>(bytes); }

uint64_t machine_hash(const Machine& m)
{
	const std::string bytes = machine_to_bytes(m);
	return hash_bytes(bytes.data(), bytes.size());
}

}  // namespace kctx::kernel
