// cp_new_stat()'s x86-64 struct stat: the fields where glibc reads them, devices encoded
// as new_encode_dev() does (include/linux/kdev_t.h).
// abi/Layout.h first: glibc's <signal.h> (gtest includes it) makes sa_handler a macro.
#include "abi/Layout.h"

#include <cstring>
#include <gtest/gtest.h>

#include "kernel/fs/Kstat.h"
#include "kernel/fs/Vfs.h"

namespace kctx::kernel {
namespace {

namespace SL = abi::layout::stat;

template <typename T>
T at(const std::array<uint8_t, 144>& b, uint32_t offset)
{
	T v{};
	std::memcpy(&v, b.data() + offset, sizeof v);
	return v;
}

TEST(Kstat, NewEncodeDevIsWhatGlibcMajorMinorDecode)
{
	// glibc's major(): bits 8-19 and 32-43; minor(): bits 0-7 and 20-31.
	EXPECT_EQ(new_encode_dev(mkdev(240, 0)), 0xf000u);
	EXPECT_EQ(new_encode_dev(mkdev(1, 3)), 0x103u);
	EXPECT_EQ(new_encode_dev(mkdev(254, 0x12345)), 0x1230fe45u);   // minor 0x45 | major << 8 | (minor & ~0xff) << 12
	uint64_t d = new_encode_dev(mkdev(511, 300));
	EXPECT_EQ(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull), 511u);
	EXPECT_EQ((d & 0xff) | ((d >> 12) & ~0xffull), 300u);
}

TEST(Kstat, CpNewStatPutsEachFieldAtItsX8664Offset)
{
	Kstat st;
	st.dev = mkdev(0, 5);
	st.ino = 1234;
	st.mode = 0020600;
	st.nlink = 1;
	st.rdev = mkdev(240, 7);
	st.size = 4096;
	st.blksize = 1024;
	st.blocks = 8;
	st.time_ns = 1'795'824'000'123'456'789ull;
	auto b = cp_new_stat(st);
	EXPECT_EQ(SL::size, 144u);
	EXPECT_EQ(at<uint64_t>(b, SL::st_dev), 5u);
	EXPECT_EQ(at<uint64_t>(b, SL::st_ino), 1234u);
	// x86-64's order: st_nlink (8 bytes) before st_mode (4), unlike asm-generic's.
	EXPECT_EQ(at<uint64_t>(b, SL::st_nlink), 1u);
	EXPECT_EQ(at<uint32_t>(b, SL::st_mode), 0020600u);
	EXPECT_EQ(at<uint32_t>(b, SL::st_uid), 0u);
	EXPECT_EQ(at<uint32_t>(b, SL::st_gid), 0u);
	EXPECT_EQ(at<uint32_t>(b, 36), 0u);   // __pad0
	EXPECT_EQ(at<uint64_t>(b, SL::st_rdev), (240u << 8) | 7u);
	EXPECT_EQ(at<int64_t>(b, SL::st_size), 4096);
	EXPECT_EQ(at<int64_t>(b, SL::st_blksize), 1024);
	EXPECT_EQ(at<int64_t>(b, SL::st_blocks), 8);
	for (uint32_t t : {SL::st_atim, SL::st_mtim, SL::st_ctim}) {
		EXPECT_EQ(at<int64_t>(b, t), 1'795'824'000);
		EXPECT_EQ(at<int64_t>(b, t + 8), 123'456'789);
	}
	for (uint32_t i = 120; i < 144; i++)   // __unused[3]
		EXPECT_EQ(b[i], 0) << i;
}

}   // namespace
}   // namespace kctx::kernel
