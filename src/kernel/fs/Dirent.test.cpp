// filldir64()'s records (fs/readdir.c): 8-byte aligned lengths, d_off the next position,
// and -EINVAL when the buffer cannot hold even the first record.
#include "kernel/fs/Dirent.h"

#include <cstring>
#include <gtest/gtest.h>
#include <vector>

#include "abi/Errno.h"
#include "kernel/fs/Path.h"

namespace kctx::kernel {
namespace {

const std::vector<DirEntry> kEntries = {
	{".", 1, 4}, {"..", 1, 4}, {"chardev", 1001, 2}, {"a-much-longer-name", 1002, 8}};

uint16_t reclen_at(const std::string& b, size_t at)
{
	uint16_t v = 0;
	std::memcpy(&v, b.data() + at + 16, 2);
	return v;
}

TEST(Dirent, RecordsAreAlignedAndDOffIsTheNextPosition)
{
	DirentBatch b = pack_dirents(kEntries, 0, 4096);
	ASSERT_EQ(b.error, 0);
	EXPECT_EQ(b.next, 4u);
	// ALIGN(19 + namlen + 1, 8): "." 24, ".." 24, "chardev" 32, 18 chars 40.
	EXPECT_EQ(b.bytes.size(), 24u + 24 + 32 + 40);
	EXPECT_EQ(reclen_at(b.bytes, 0), 24);
	EXPECT_EQ(reclen_at(b.bytes, 48), 32);
	uint64_t ino = 0;
	int64_t off = 0;
	std::memcpy(&ino, b.bytes.data() + 48, 8);
	std::memcpy(&off, b.bytes.data() + 56, 8);
	EXPECT_EQ(ino, 1001u);
	EXPECT_EQ(off, 3);
	EXPECT_EQ(b.bytes[48 + 18], 2);   // DT_CHR
	EXPECT_STREQ(b.bytes.data() + 48 + 19, "chardev");
}

TEST(Dirent, ASmallBufferTakesWhatFitsAndTheNextCallGoesOn)
{
	DirentBatch b = pack_dirents(kEntries, 0, 60);
	EXPECT_EQ(b.error, 0);
	EXPECT_EQ(b.next, 2u);
	EXPECT_EQ(b.bytes.size(), 48u);
	DirentBatch rest = pack_dirents(kEntries, b.next, 60);
	EXPECT_EQ(rest.next, 3u);
	EXPECT_EQ(rest.bytes.size(), 32u);
}

TEST(Dirent, AFirstRecordThatDoesNotFitIsEinval)
{
	DirentBatch b = pack_dirents(kEntries, 3, 39);
	EXPECT_EQ(b.error, -abi::kEINVAL);
	EXPECT_TRUE(b.bytes.empty());
	EXPECT_EQ(b.next, 3u);
	EXPECT_EQ(pack_dirents(kEntries, 4, 10).bytes.size(), 0u);   // the end: nothing, no error
	EXPECT_EQ(pack_dirents(kEntries, 4, 10).error, 0);
}

TEST(Path, NormalizeDropsDotsAndSlashes)
{
	EXPECT_EQ(normalize_path("/", "/dev//chardev/"), "/dev/chardev");
	EXPECT_EQ(normalize_path("/", "."), "/");
	EXPECT_EQ(normalize_path("/", "dev"), "/dev");
	EXPECT_EQ(normalize_path("/sys/class", "../../proc/./1"), "/proc/1");
	EXPECT_EQ(normalize_path("/", "/.."), "/");
	EXPECT_EQ(parent_path("/dev"), "/");
	EXPECT_EQ(parent_path("/dev/null"), "/dev");
	EXPECT_EQ(relative_path("/sys/class/beeper", "/sys/devices/virtual/beeper/beeper0"),
		  "../../devices/virtual/beeper/beeper0");
	EXPECT_EQ(relative_path("/sys/bus/x/devices", "/sys/devices/x"), "../../../devices/x");
}

}   // namespace
}   // namespace kctx::kernel
