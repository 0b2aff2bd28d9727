// The '#!kctx key=value ...' header line and the rules for each setting.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>

#include "kernel/release/Release.h"
#include "shell/Script.h"

namespace kctx::shell {

namespace {

template <typename T>
[[nodiscard]] std::optional<T> parse_number(std::string_view s, int base = 10)
{
	T v{};
	if (s.empty())
		return std::nullopt;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
	if (ec != std::errc() || end != s.data() + s.size())
		return std::nullopt;
	return v;
}

[[nodiscard]] std::optional<double> parse_seconds(std::string_view s)
{
	double v = 0;
	// from_chars also reads "inf" and "nan"; neither is a duration.
	if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.'))
		return std::nullopt;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
		return std::nullopt;
	return v;
}

// lib/cmdline.c memparse(): a number with an optional K, M or G suffix (either case).
[[nodiscard]] std::optional<uint64_t> parse_mem(std::string_view s)
{
	uint32_t shift = 0;
	if (!s.empty()) {
		switch (s.back()) {
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		default: break;
		}
	}
	if (shift)
		s.remove_suffix(1);
	std::optional<uint64_t> n = parse_number<uint64_t>(s);
	if (!n || *n > (~0ull >> shift))
		return std::nullopt;
	return *n << shift;
}

// A duration with its unit, "10ms": nanoseconds, whole ones only.
[[nodiscard]] std::optional<uint64_t> parse_period(std::string_view s)
{
	static constexpr std::pair<std::string_view, uint64_t> kUnits[] = {
		{"ns", 1}, {"us", 1000}, {"ms", 1000'000}, {"s", 1000'000'000}};
	for (const auto& [unit, scale] : kUnits) {
		if (!s.ends_with(unit))
			continue;
		std::optional<uint64_t> n = parse_number<uint64_t>(s.substr(0, s.size() - unit.size()));
		if (!n || *n > ~0ull / scale)
			return std::nullopt;
		return *n * scale;
	}
	return std::nullopt;
}

[[nodiscard]] std::optional<bool> parse_bool(std::string_view s)
{
	if (s == "1" || s == "true")
		return true;
	if (s == "0" || s == "false")
		return false;
	return std::nullopt;
}

[[nodiscard]] Error one_of(std::string_view key, std::string_view value,
			   const std::vector<std::string_view>& allowed, std::string_view listed)
{
	std::string message = fmt::format("{} must be {}, got '{}'", key, listed, value);
	if (std::string guess = closest_match(value, allowed); !guess.empty())
		message += fmt::format("; did you mean '{}'?", guess);
	return Error{message};
}

}   // namespace

const std::vector<std::string_view>& setting_keys()
{
	static const std::vector<std::string_view> keys = {
		"cpus",         "hz",     "seconds",       "seed",
		"preempt",      "config", "kernel", "panic_on_warn", "softlockup_panic",
		"mem_pressure", "kasan_multi_shot", "mem",
		"pid_max",      "threads_max", "log_buf_len", "irq",
	};
	return keys;
}

Result<void> apply_setting(Settings& settings, std::string_view key, std::string_view value)
{
	if (key == "cpus") {
		std::optional<uint32_t> n = parse_number<uint32_t>(value);
		if (!n || *n < 1 || *n > 64)
			return Error{fmt::format("cpus must be an integer from 1 to 64, got '{}'", value)};
		settings.cpus = *n;
		return {};
	}
	if (key == "hz") {
		std::optional<uint32_t> n = parse_number<uint32_t>(value);
		if (!n || (*n != 100 && *n != 250 && *n != 300 && *n != 1000))
			return Error{fmt::format(
				"hz must be one of 100, 250, 300 or 1000 (CONFIG_HZ), got '{}'", value)};
		settings.hz = *n;
		return {};
	}
	if (key == "seconds") {
		std::optional<double> s = parse_seconds(value);
		if (!s || *s < kMinSeconds || *s > kMaxSeconds)
			return Error{fmt::format("seconds must be a number from 0.000001 to 86400 (one simulated day), "
						 "got '{}'",
						 value)};
		settings.seconds = *s;
		return {};
	}
	if (key == "seed") {
		std::optional<uint64_t> n = value.starts_with("0x")
						    ? parse_number<uint64_t>(value.substr(2), 16)
						    : parse_number<uint64_t>(value);
		if (!n)
			return Error{fmt::format("seed must be an integer from 0 to {} (2^64-1), got '{}'",
						 std::numeric_limits<uint64_t>::max(), value)};
		settings.seed = *n;
		return {};
	}
	if (key == "mem") {
		// The bounds are mm/Ram.h's kRamMinBytes and kRamMaxBytes: the kernel keeps 16 MiB
		// of the smallest machine, and the largest bounds what a run may take from the host.
		std::optional<uint64_t> bytes = parse_mem(value);
		if (!bytes || *bytes < (32ull << 20) || *bytes > (16ull << 30))
			return Error{fmt::format("mem must be a size from 32M to 16G (bytes, or with a K, M or G suffix), got '{}'",
						 value)};
		settings.mem = *bytes;
		return {};
	}
	if (key == "preempt") {
		static const std::vector<std::string_view> modes = {"none", "voluntary", "full"};
		if (std::find(modes.begin(), modes.end(), value) == modes.end())
			return one_of(key, value, modes, "none, voluntary or full");
		settings.preempt = std::string(value);
		return {};
	}
	if (key == "config") {
		static const std::vector<std::string_view> configs = {"debug", "debian"};
		if (std::find(configs.begin(), configs.end(), value) == configs.end())
			return one_of(key, value, configs, "debug or debian");
		settings.config = std::string(value);
		return {};
	}
	if (key == "kernel") {
		// The releases kctx simulates: kernel/release/Releases.def.
		const std::vector<std::string_view>& names = kernel::release_names();
		if (std::find(names.begin(), names.end(), value) == names.end()) {
			std::string listed;
			for (size_t i = 0; i < names.size(); i++)
				listed += std::string(i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + std::string(names[i]);
			return one_of(key, value, names, listed);
		}
		settings.kernel = std::string(value);
		return {};
	}
	if (key == "pid_max") {
		// kernel/pid.c: pid_max_min (RESERVED_PIDS + 1) to PID_MAX_LIMIT (4 M on 64-bit).
		std::optional<uint32_t> n = parse_number<uint32_t>(value);
		if (!n || *n < 301 || *n > 4194304)
			return Error{fmt::format("pid_max must be an integer from 301 to 4194304, got '{}'", value)};
		settings.pid_max = *n;
		return {};
	}
	if (key == "threads_max") {
		// kernel/fork.c sysctl_max_threads(): MIN_THREADS 20 to MAX_THREADS (FUTEX_TID_MASK).
		std::optional<uint32_t> n = parse_number<uint32_t>(value);
		if (!n || *n < 20 || *n > 0x3fffffff)
			return Error{fmt::format("threads_max must be an integer from 20 to 1073741823, got '{}'", value)};
		settings.threads_max = *n;
		return {};
	}
	if (key == "log_buf_len") {
		// kernel/printk/printk.c log_buf_len_update() rounds to a power of two; kctx
		// takes one from 4 KiB to 32 MiB.
		std::optional<uint64_t> n = parse_number<uint64_t>(value);
		if (!n || *n < 4096 || *n > (32ull << 20) || (*n & (*n - 1)))
			return Error{fmt::format("log_buf_len must be a power of two from 4096 to 33554432, got '{}'", value)};
		settings.log_buf_len = *n;
		return {};
	}
	if (key == "irq") {
		// A device on line N (the IO-APIC's pins 1-23; 0 is the PIT's) that raises it every
		// PERIOD, a number with its unit: ns, us, ms or s.
		std::optional<uint32_t> line;
		std::optional<uint64_t> period;
		if (size_t colon = value.find(':'); colon != std::string_view::npos) {
			line = parse_number<uint32_t>(value.substr(0, colon));
			period = parse_period(value.substr(colon + 1));
		}
		if (!line || *line < 1 || *line > 23 || !period || *period < 1000 || *period > 1000'000'000'000ull)
			return Error{fmt::format("irq must be LINE:PERIOD, a line from 1 to 23 and a period from 1us to 1000s "
						 "with its unit (ns, us, ms or s), as irq=5:10ms; got '{}'",
						 value)};
		settings.irq_line = *line;
		settings.irq_period_ns = *period;
		return {};
	}
	std::optional<bool>* flag = key == "panic_on_warn"      ? &settings.panic_on_warn
				    : key == "softlockup_panic" ? &settings.softlockup_panic
				    : key == "mem_pressure"     ? &settings.mem_pressure
				    : key == "kasan_multi_shot" ? &settings.kasan_multi_shot
								: nullptr;
	if (flag) {
		std::optional<bool> b = parse_bool(value);
		if (!b)
			return Error{fmt::format("{} must be 0, 1, true or false, got '{}'", key, value)};
		*flag = *b;
		return {};
	}
	std::string message = fmt::format("unknown setting '{}'", key);
	if (std::string guess = closest_match(key, setting_keys()); !guess.empty())
		return Error{message + fmt::format("; did you mean '{}'?", guess)};
	return Error{message + fmt::format(" (the settings are {})", fmt::join(setting_keys(), ", "))};
}

void parse_header(const SourceSet& sources, uint32_t file, DiagnosticSink& diags, Settings& settings)
{
	std::string_view line = sources.line_text({file, 1, 1});
	auto loc = [&](size_t offset) { return SourceLoc{file, 1, static_cast<uint32_t>(offset + 1)}; };
	auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
	// "#! kctx" is the header too: fs/binfmt_script.c:load_script() skips the blanks
	// between "#!" and the interpreter's name.
	size_t name = 2;
	while (line.starts_with("#!") && name < line.size() && blank(line[name]))
		name++;
	if (!line.starts_with("#!") || line.substr(name, 4) != "kctx")
		return;
	size_t pos = name + 4;
	if (pos < line.size() && !blank(line[pos])) {
		diags.error(loc(0), "expected a space after '#!kctx'", static_cast<uint32_t>(pos + 1));
		return;
	}
	std::map<std::string, size_t, std::less<>> seen;
	while (pos < line.size()) {
		while (pos < line.size() && blank(line[pos]))
			pos++;
		if (pos >= line.size() || line[pos] == '#')   // the rest is a comment
			break;
		size_t start = pos;
		while (pos < line.size() && !blank(line[pos]))
			pos++;
		std::string_view token = line.substr(start, pos - start);
		auto length = static_cast<uint32_t>(token.size());
		size_t eq = token.find('=');
		if (eq == std::string_view::npos || eq == 0) {
			diags.error(loc(start),
				    fmt::format("expected key=value in the '#!kctx' line, got '{}'", token),
				    length);
			continue;
		}
		std::string_view key = token.substr(0, eq);
		std::string_view value = token.substr(eq + 1);
		if (seen.contains(key)) {
			diags.error(loc(start), fmt::format("'{}' is set twice in the '#!kctx' line", key),
				    static_cast<uint32_t>(key.size()));
			diags.note(loc(seen.find(key)->second), "set here first",
				   static_cast<uint32_t>(key.size()));
			continue;
		}
		seen.emplace(std::string(key), start);
		Result<void> r = apply_setting(settings, key, value);
		if (r.ok())
			continue;
		bool known =
			std::find(setting_keys().begin(), setting_keys().end(), key) != setting_keys().end();
		if (!known)
			diags.error(loc(start), r.error().message, static_cast<uint32_t>(key.size()));
		else
			diags.error(loc(start + eq + 1), r.error().message,
				    static_cast<uint32_t>(std::max<size_t>(1, value.size())));
	}
}

}   // namespace kctx::shell
