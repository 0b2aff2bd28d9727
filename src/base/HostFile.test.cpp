#include "base/HostFile.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kctx {
namespace {

namespace fs = std::filesystem;

class HostFileTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		m_dir = fs::temp_directory_path() / ("kctx_hostfile_" + std::to_string(::getpid()));
		fs::remove_all(m_dir);
		fs::create_directories(m_dir / "s");
	}
	void TearDown() override { fs::remove_all(m_dir); }
	std::string path(const std::string& name) const { return (m_dir / name).string(); }
	std::string root() const { return path("s"); }
	std::string error_of(const std::string& name) const
	{
		Result<std::string> r = read_host_file(path(name), root());
		return r.ok() ? "" : r.error().message;
	}
	fs::path m_dir;
};

TEST_F(HostFileTest, ReadsARegularFileInside)
{
	std::ofstream(path("s/a.c")) << "int x;\n";
	Result<std::string> r = read_host_file(path("s/a.c"), root());
	ASSERT_TRUE(r.ok()) << r.error().message;
	EXPECT_EQ(*r, "int x;\n");
}

TEST_F(HostFileTest, RefusesASymlinkLeadingOut)
{
	std::ofstream(path("outside.c")) << "secret\n";
	fs::create_symlink(path("outside.c"), path("s/a.c"));
	EXPECT_NE(error_of("s/a.c").find("outside the scenario directory"), std::string::npos) << error_of("s/a.c");
	// A symlink that stays inside is fine.
	std::ofstream(path("s/b.c")) << "int y;\n";
	fs::create_symlink("b.c", path("s/c.c"));
	EXPECT_EQ(error_of("s/c.c"), "");
}

// O_NONBLOCK: a FIFO with no writer is refused at once, not waited on.
TEST_F(HostFileTest, RefusesAFifoWithoutBlocking)
{
	ASSERT_EQ(::mkfifo(path("s/f.c").c_str(), 0600), 0);
	EXPECT_EQ(error_of("s/f.c"), "a FIFO, not a regular file: kctx reads sources only from regular files");
}

TEST_F(HostFileTest, RefusesDevicesAndDirectories)
{
	EXPECT_EQ(read_host_source("/dev/zero", "").error().message,
		  "/dev/zero: error: a character device, not a regular file: kctx reads sources only from regular files");
	fs::create_directories(path("s/d"));
	EXPECT_EQ(error_of("s/d"), "a directory, not a regular file: kctx reads sources only from regular files");
}

TEST_F(HostFileTest, RefusesAFileOverTheLimit)
{
	std::ofstream(path("s/big.c")) << std::string(kMaxSourceBytes + 1, ' ');
	EXPECT_EQ(error_of("s/big.c"), "file too large (4194305 bytes; kctx reads sources of at most 4 MiB, 4194304 bytes)");
	std::ofstream(path("s/ok.c")) << std::string(kMaxSourceBytes, ' ');
	EXPECT_EQ(error_of("s/ok.c"), "");
}

TEST(HostFile, PathInside)
{
	EXPECT_TRUE(path_inside("/a/b/c", "/a/b"));
	EXPECT_TRUE(path_inside("/a/b", "/a/b/"));
	EXPECT_FALSE(path_inside("/a/bc", "/a/b"));
	EXPECT_FALSE(path_inside("/a", "/a/b"));
}

}  // namespace
}  // namespace kctx
