#include "base/Hash.h"

#include <xxhash.h>

namespace kctx {

Hasher::Hasher() : m_state(XXH3_createState()) { XXH3_64bits_reset(static_cast<XXH3_state_t*>(m_state)); }
Hasher::~Hasher() { XXH3_freeState(static_cast<XXH3_state_t*>(m_state)); }
void Hasher::bytes(const void* data, size_t size) { XXH3_64bits_update(static_cast<XXH3_state_t*>(m_state), data, size); }
uint64_t Hasher::digest() const { return XXH3_64bits_digest(static_cast<XXH3_state_t*>(m_state)); }
uint64_t hash_bytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

}  // namespace kctx
