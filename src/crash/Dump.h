// kctx's vmcore: a versioned, self-describing file holding one Machine, as kdump's
// /proc/vmcore holds a crashed kernel's memory. The machine is plain data, so the dump
// is its serialized bytes; the code it ran is outside the state (kernel::Code), so the
// dump carries the scenario's sources and run flags, from which a reader compiles the
// same images again (compilation is deterministic) and gets the symbols back.
//
// Layout (little-endian):
//   offset 0   magic "KCTXCORE"
//   offset 8   u32 format version (kDumpFormatVersion)
//   offset 12  u32 reserved, 0
//   offset 16  u64 payload size in bytes
//   offset 24  u64 xxh3-64 of the payload
//   offset 32  the payload: DumpImage serialized (base/Serialize.h)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/Result.h"

namespace kctx::crash {

inline constexpr std::string_view kDumpMagic = "KCTXCORE";
// Bumped whenever the serialized Machine changes shape: 2 since user regions record a
// device mapping's kernel address and vma (vm::Region::kaddr, vma); 3 since Task, Cpu
// and Machine group their fields per subsystem (sched, signal, tick, printk, ...); 4 since
// a process has its umask and a node of /dev its owner (UserState::umask, NodeAttr).
inline constexpr uint32_t kDumpFormatVersion = 4;
inline constexpr size_t kDumpHeaderBytes = 32;
// The largest dump kctx reads: far above any machine kctx runs (its host memory is
// bounded by 64 MiB + 3 x mem=), small enough that a lying size cannot exhaust the host.
inline constexpr uint64_t kMaxDumpBytes = 1ull << 30;

// One file of the scenario, by its path relative to the scenario directory.
struct DumpSource {
	std::string path;
	std::string text;
	bool operator==(const DumpSource&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(path, text); }
};

// Why the dump was taken: kdump at a panic, --dump-at, or the run's end.
enum class DumpReason : uint8_t { Panic, Requested, EndOfRun };

struct DumpImage {
	std::string kctx_version;              // "kctx 0.1.0 (...)" of the writer
	std::string release;                   // utsname release: "6.1.0-kctx-debug"
	std::string scenario;                  // the scenario directory's name ("cst")
	std::vector<std::pair<std::string, std::string>> flags;   // run flags as typed ("--cpus", "2")
	std::vector<DumpSource> sources;       // init.sh and everything it compiled
	DumpReason reason = DumpReason::EndOfRun;
	uint64_t taken_ns = 0;                 // simulated time of the dump
	std::string machine;                   // kernel::Machine, serialized
	bool operator==(const DumpImage&) const = default;
	template <typename Ar>
	void serialize(Ar& ar) { ar(kctx_version, release, scenario, flags, sources, reason, taken_ns, machine); }
};

// The file's bytes.
[[nodiscard]] std::string encode_dump(const DumpImage& image);
// Parses a file's bytes; `name` is the file's name for the messages, which say what is
// wrong: not a kctx vmcore, another format version, truncated, corrupt.
[[nodiscard]] Result<DumpImage> decode_dump(std::string_view bytes, const std::string& name);
// Reads and decodes a dump file from the host (a regular file, at most kMaxDumpBytes).
[[nodiscard]] Result<DumpImage> read_dump_file(const std::string& path);
// Writes it; the error names the file.
[[nodiscard]] Result<void> write_dump_file(const std::string& path, const DumpImage& image);

}  // namespace kctx::crash
