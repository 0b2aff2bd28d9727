#include "crash/Dump.h"

#include <gtest/gtest.h>

namespace kctx::crash {
namespace {

DumpImage sample()
{
	DumpImage img;
	img.kctx_version = "kctx test";
	img.release = "6.1.0-kctx-debug";
	img.scenario = "cst";
	img.flags = {{"cpus", "2"}};
	img.sources = {{"init.sh", "./cst_test &\n"}, {"cst.c", "int x;\n"}};
	img.reason = DumpReason::Panic;
	img.taken_ns = 2'000'000'000;
	img.machine = std::string(300, 'm');
	return img;
}

TEST(Dump, RoundTrips)
{
	std::string bytes = encode_dump(sample());
	ASSERT_EQ(bytes.substr(0, 8), "KCTXCORE");
	Result<DumpImage> back = decode_dump(bytes, "f");
	ASSERT_TRUE(back.ok()) << back.error().message;
	EXPECT_EQ(*back, sample());
}

TEST(Dump, RefusesAForeignFile)
{
	Result<DumpImage> r = decode_dump("\x7f" "ELF\x02\x01\x01 and the rest of a kdump vmcore", "vmcore");
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().message, "vmcore: not a kctx vmcore (no KCTXCORE magic at its start)");
	EXPECT_FALSE(decode_dump("", "empty").ok());
}

TEST(Dump, RefusesAnotherFormatVersion)
{
	std::string bytes = encode_dump(sample());
	bytes[8] = 9;
	Result<DumpImage> r = decode_dump(bytes, "f");
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().message, "f: kctx vmcore format version 9, but this kctx reads version 4");
}

TEST(Dump, RefusesEveryTruncation)
{
	std::string bytes = encode_dump(sample());
	for (size_t n = 0; n < bytes.size(); n++) {
		Result<DumpImage> r = decode_dump(std::string_view(bytes).substr(0, n), "f");
		ASSERT_FALSE(r.ok()) << "accepted " << n << " of " << bytes.size() << " bytes";
	}
	Result<DumpImage> r = decode_dump(std::string_view(bytes).substr(0, bytes.size() - 10), "f");
	EXPECT_NE(r.error().message.find("truncated kctx vmcore"), std::string::npos) << r.error().message;
}

TEST(Dump, RefusesEveryFlippedByte)
{
	std::string bytes = encode_dump(sample());
	for (size_t i = 0; i < bytes.size(); i++) {
		if (i >= 12 && i < 16)
			continue;   // the reserved word: not read
		std::string bad = bytes;
		bad[i] = static_cast<char>(bad[i] ^ 0x40);
		ASSERT_FALSE(decode_dump(bad, "f").ok()) << "accepted a flip at byte " << i;
	}
}

TEST(Dump, RefusesTrailingBytes)
{
	Result<DumpImage> r = decode_dump(encode_dump(sample()) + "x", "f");
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().message, "f: corrupt kctx vmcore: 1 bytes after its end");
}

TEST(Dump, ReadsAMissingFileAsAnError)
{
	Result<DumpImage> r = read_dump_file("/nonexistent/kctx.vmcore");
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().message, "/nonexistent/kctx.vmcore: no such file");
	EXPECT_FALSE(read_dump_file("/").ok());
}

}  // namespace
}  // namespace kctx::crash
