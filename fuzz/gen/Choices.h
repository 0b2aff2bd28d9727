// The decisions a grammar-based generator makes, read from libFuzzer's bytes: each
// choice takes the next byte(s), so a mutation of the input changes one decision and the
// shape that follows from it, and coverage guides the choices. When the bytes run out
// every choice is 0, which each grammar rule takes as its smallest alternative, so any
// input, even an empty one, generates a finite text.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kctx::fuzz {

class Choices {
public:
	Choices(const uint8_t* data, size_t size) : m_data(data), m_size(size) {}

	// A number in [0, n); 0 when the input is used up (n must be at least 1).
	[[nodiscard]] uint32_t below(uint32_t n)
	{
		if (n <= 1)
			return 0;
		uint32_t v = next_byte();
		if (n > 256)
			v = v << 8 | next_byte();
		return v % n;
	}
	// True one time in `n` (never once the input is used up).
	[[nodiscard]] bool one_in(uint32_t n) { return below(n) == n - 1; }
	// A number in [lo, hi].
	[[nodiscard]] long between(long lo, long hi) { return lo + static_cast<long>(below(static_cast<uint32_t>(hi - lo + 1))); }
	[[nodiscard]] bool used_up() const { return m_pos >= m_size; }

private:
	uint32_t next_byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }

	const uint8_t* m_data;
	size_t m_size;
	size_t m_pos = 0;
};

}  // namespace kctx::fuzz
