#include "kernel/release/Release.h"

#include <array>

#include "kernel/release/Specs.h"

namespace kctx::kernel {

namespace {

constexpr std::array<const ReleaseSpec*, static_cast<size_t>(KernelRelease::Count)> kSpecs = {
#define KCTX_RELEASE(id, name, spec) &spec,
#include "kernel/release/Releases.def"
#undef KCTX_RELEASE
};

constexpr std::array<std::string_view, static_cast<size_t>(KernelRelease::Count)> kNames = {
#define KCTX_RELEASE(id, name, spec) name,
#include "kernel/release/Releases.def"
#undef KCTX_RELEASE
};

// "schedule+0x5a/0xd0 [mod]" → "schedule".
std::string_view function_of(std::string_view frame) { return frame.substr(0, frame.find('+')); }

}  // namespace

const ReleaseSpec& release_spec(KernelRelease r) { return *kSpecs[static_cast<size_t>(r)]; }

std::string_view release_name(KernelRelease r) { return kNames[static_cast<size_t>(r)]; }

std::optional<KernelRelease> parse_release(std::string_view name)
{
	for (size_t i = 0; i < kNames.size(); i++)
		if (kNames[i] == name)
			return static_cast<KernelRelease>(i);
	return std::nullopt;
}

const std::vector<std::string_view>& release_names()
{
	static const std::vector<std::string_view> names(kNames.begin(), kNames.end());
	return names;
}

uint32_t linux_version_code(const ReleaseSpec& s)
{
	// include/linux/version.h: KERNEL_VERSION(a, b, c), the sublevel clamped to 255.
	return (s.version << 16) + (s.patchlevel << 8) + (s.sublevel > 255 ? 255 : s.sublevel);
}

std::vector<std::string> release_frames(const ReleaseSpec& s, std::string_view frame)
{
	// A whole-frame entry wins over the function's entry: a function may show different
	// return addresses on different paths (call_timer_fn's call vs its WARN).
	const FrameName* hit = nullptr;
	for (const FrameName& f : s.frames) {
		if (f.from == frame) {
			hit = &f;
			break;
		}
		if (!hit && f.from == function_of(frame) && f.from.find('+') == std::string_view::npos)
			hit = &f;
	}
	if (!hit)
		return {std::string(frame)};
	std::vector<std::string> out;
	std::string_view rest = hit->to;
	while (!rest.empty()) {
		size_t sp = rest.find(' ');
		out.emplace_back(rest.substr(0, sp));
		rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
	}
	return out;
}

}  // namespace kctx::kernel
