// rd (memory.c cmd_rd(), display_memory()): kernel memory by address or symbol, in
// units of 8, 16, 32 or 64 bits (64 by default on x86_64), 16 bytes a line, then the
// line's bytes as ASCII; -d decimal, -x hex, -s symbols for values that are addresses.
#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Symbols.h"

namespace kctx::crash {

namespace {

constexpr std::string_view kSizeWords[] = {"-8", "-16", "-32", "-64"};
constexpr uint64_t kLineBytes = 16;

enum class Show : uint8_t { Hex, Decimal, Symbols };

std::string entry_text(const Target& t, uint64_t v, uint64_t size, Show show, bool is_signed)
{
	switch (show) {
	case Show::Hex: return fmt::format("{:0{}x}", v, size * 2);
	case Show::Decimal: {
		// Decimal columns as wide as the type's longest value.
		size_t width = size == 8 ? 20 : size == 4 ? 11 : size == 2 ? 6 : 4;
		if (is_signed && size < 8) {
			uint64_t bit = 1ull << (size * 8 - 1);
			return fmt::format("{:>{}}", static_cast<int64_t>((v ^ bit) - bit), width);
		}
		return is_signed ? fmt::format("{:>{}}", static_cast<int64_t>(v), width) : fmt::format("{:>{}}", v, width);
	}
	case Show::Symbols:
		if (size == 8)
			if (auto s = symbol_at(t, v))
				return fmt::format("{:<16}", symbol_offset(*s, v));
		return fmt::format("{:0{}x}", v, size * 2);
	}
	return {};
}

}  // namespace

std::string cmd_rd(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_anywhere(args, "sxdu", kSizeWords, p))
		return usage_error("rd", fmt::format("invalid option -- '{}'", *bad));
	uint64_t size = 8;
	std::vector<std::string> rest;
	for (const std::string& o : p.operands) {
		if (o == "-8" || o == "-16" || o == "-32" || o == "-64")
			size = std::stoull(o.substr(1)) / 8;
		else
			rest.push_back(o);
	}
	if (rest.empty())
		return usage_error("rd", "an address or symbol is required");
	const Target& t = *s.target;
	std::optional<uint64_t> addr = parse_address(t, rest[0]);
	if (!addr)
		return fmt::format("rd: invalid address: {}\n", rest[0]);
	uint64_t count = 1;
	if (rest.size() > 1) {
		auto [ptr, ec] = std::from_chars(rest[1].data(), rest[1].data() + rest[1].size(), count, 10);
		if (ec != std::errc() || ptr != rest[1].data() + rest[1].size() || count == 0 || count > 65536)
			return fmt::format("rd: invalid count: {}\n", rest[1]);
	}
	Show show = has_flag(p, 'd') || has_flag(p, 'u') ? Show::Decimal : has_flag(p, 's') ? Show::Symbols : Show::Hex;
	bool is_signed = has_flag(p, 'd');
	uint64_t per_line = kLineBytes / size;
	size_t entries_width = per_line * (size * 2 + 1);
	std::string out;
	for (uint64_t i = 0; i < count; i += per_line) {
		uint64_t line_addr = *addr + i * size;
		uint64_t n = std::min(per_line, count - i);
		std::string bytes(n * size, '\0');
		if (!read_kernel(t, line_addr, bytes.data(), bytes.size()))
			return out + fmt::format("rd: invalid kernel virtual address: {:x}  type: \"{}-bit KVADDR\"\n", line_addr,
						 size * 8);
		std::string line = fmt::format("{:x}:  ", line_addr);
		std::string entries;
		for (uint64_t k = 0; k < n; k++) {
			uint64_t v = 0;
			std::memcpy(&v, bytes.data() + k * size, size);
			entries += entry_text(t, v, size, show, is_signed) + " ";
		}
		line += entries;
		if (show != Show::Hex) {
			while (!line.empty() && line.back() == ' ')
				line.pop_back();
		} else {
			// The ASCII column starts at the same place on every line.
			line += std::string(entries.size() < entries_width ? entries_width - entries.size() : 0, ' ') + "  ";
			for (char c : bytes)
				line += c >= 0x20 && c < 0x7f ? c : '.';
		}
		out += line + "\n";
	}
	return out;
}

}  // namespace kctx::crash
