#include "crash/Dump.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "base/Hash.h"
#include "base/Serialize.h"

namespace kctx::crash {

namespace {

template <typename T>
void put_le(std::string& out, T v)
{
	for (size_t i = 0; i < sizeof(T); i++)
		out.push_back(static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff));
}

template <typename T>
T get_le(std::string_view in, size_t at)
{
	uint64_t v = 0;
	for (size_t i = 0; i < sizeof(T); i++)
		v |= static_cast<uint64_t>(static_cast<uint8_t>(in[at + i])) << (8 * i);
	return static_cast<T>(v);
}

}  // namespace

std::string encode_dump(const DumpImage& image)
{
	std::string payload = serialize_to_bytes(image);
	std::string out(kDumpMagic);
	put_le<uint32_t>(out, kDumpFormatVersion);
	put_le<uint32_t>(out, 0);
	put_le<uint64_t>(out, payload.size());
	put_le<uint64_t>(out, hash_bytes(payload.data(), payload.size()));
	out += payload;
	return out;
}

Result<DumpImage> decode_dump(std::string_view bytes, const std::string& name)
{
	// Each check says what a user can do about it: a file of another kind, a dump of
	// another kctx, a copy cut short, a damaged file.
	if (bytes.size() < kDumpMagic.size() || bytes.substr(0, kDumpMagic.size()) != kDumpMagic)
		return Error{fmt::format("{}: not a kctx vmcore (no KCTXCORE magic at its start)", name)};
	if (bytes.size() < kDumpHeaderBytes)
		return Error{fmt::format("{}: truncated kctx vmcore: {} bytes, shorter than its {}-byte header", name,
					 bytes.size(), kDumpHeaderBytes)};
	auto version = get_le<uint32_t>(bytes, 8);
	if (version != kDumpFormatVersion)
		return Error{fmt::format("{}: kctx vmcore format version {}, but this kctx reads version {}", name, version,
					 kDumpFormatVersion)};
	// The reserved word is written 0: anything else is damage the checksum (which covers
	// only the payload) would not see (found by DumpFuzz).
	if (get_le<uint32_t>(bytes, 12) != 0)
		return Error{fmt::format("{}: corrupt kctx vmcore: its header's reserved word is not 0", name)};
	auto size = get_le<uint64_t>(bytes, 16);
	auto sum = get_le<uint64_t>(bytes, 24);
	uint64_t have = bytes.size() - kDumpHeaderBytes;
	if (have < size)
		return Error{fmt::format("{}: truncated kctx vmcore: {} of its {} payload bytes", name, have, size)};
	if (have > size)
		return Error{fmt::format("{}: corrupt kctx vmcore: {} bytes after its end", name, have - size)};
	std::string_view payload = bytes.substr(kDumpHeaderBytes);
	if (hash_bytes(payload.data(), payload.size()) != sum)
		return Error{fmt::format("{}: corrupt kctx vmcore: its checksum does not match its contents", name)};
	Result<DumpImage> image = deserialize_from_bytes<DumpImage>(payload);
	if (!image.ok() || image->reason > DumpReason::EndOfRun)
		return Error{fmt::format("{}: corrupt kctx vmcore: its contents do not parse", name)};
	return image;
}

Result<DumpImage> read_dump_file(const std::string& path)
{
	namespace fs = std::filesystem;
	std::error_code ec;
	fs::file_status st = fs::status(path, ec);
	if (ec || !fs::exists(st))
		return Error{fmt::format("{}: no such file", path)};
	if (!fs::is_regular_file(st))
		return Error{fmt::format("{}: not a regular file", path)};
	uint64_t size = fs::file_size(path, ec);
	if (ec)
		return Error{fmt::format("{}: {}", path, ec.message())};
	if (size > kMaxDumpBytes)
		return Error{fmt::format("{}: {} bytes, larger than any kctx vmcore ({} bytes at most)", path, size,
					 kMaxDumpBytes)};
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return Error{fmt::format("{}: cannot open: {}", path, std::strerror(errno))};
	std::string bytes(size, '\0');
	in.read(bytes.data(), static_cast<std::streamsize>(size));
	if (static_cast<uint64_t>(in.gcount()) != size)
		return Error{fmt::format("{}: read error", path)};
	return decode_dump(bytes, path);
}

Result<void> write_dump_file(const std::string& path, const DumpImage& image)
{
	std::string bytes = encode_dump(image);
	std::FILE* f = std::fopen(path.c_str(), "wb");
	if (!f)
		return Error{fmt::format("{}: cannot write the vmcore: {}", path, std::strerror(errno))};
	bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
	ok = std::fclose(f) == 0 && ok;
	if (!ok)
		return Error{fmt::format("{}: cannot write the vmcore: {}", path, std::strerror(errno))};
	return {};
}

}  // namespace kctx::crash
