#include "base/HostFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kctx {

namespace fs = std::filesystem;

namespace {

const char* file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

// Closes the descriptor on every path out.
struct Fd {
	int fd;
	~Fd()
	{
		if (fd >= 0)
			::close(fd);
	}
};

Result<std::string> read_bounded(int fd)
{
	std::string text;
	char buf[1 << 16];
	for (;;) {
		ssize_t n = ::read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return Error{fmt::format("cannot read: {}", std::strerror(errno))};
		if (n == 0)
			return text;
		text.append(buf, static_cast<size_t>(n));
		// A file that grows while it is read (or a /proc file that says 0 bytes) is held
		// to the same limit.
		if (text.size() > kMaxSourceBytes)
			return Error{fmt::format("file too large (over {} bytes; kctx reads sources of at most "
						 "4 MiB)",
						 kMaxSourceBytes)};
	}
}

}  // namespace

bool path_inside(const std::string& path, const std::string& root)
{
	fs::path p(path), r(root);
	auto ri = r.begin(), pi = p.begin();
	for (; ri != r.end(); ++ri, ++pi) {
		if (ri->empty())   // a trailing '/'
			continue;
		if (pi == p.end() || *pi != *ri)
			return false;
	}
	return true;
}

Result<std::string> read_host_file(const std::string& path, const std::string& root)
{
	std::error_code ec;
	if (!root.empty()) {
		fs::path real = fs::weakly_canonical(path, ec);
		fs::path real_root = fs::weakly_canonical(root, ec);
		if (!path_inside(real.string(), real_root.string()))
			return Error{fmt::format("leads to {}, outside the scenario directory {}: kctx reads only "
						 "the scenario's own files",
						 real.string(), root)};
	}
	// O_NONBLOCK: opening a FIFO with no writer must not wait for one; O_NOCTTY: a
	// terminal device must not become the controlling terminal.
	Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
	if (f.fd < 0)
		return Error{fmt::format("cannot open: {}", std::strerror(errno))};
	struct stat st {};
	if (::fstat(f.fd, &st) != 0)
		return Error{fmt::format("cannot open: {}", std::strerror(errno))};
	if (!S_ISREG(st.st_mode))
		return Error{fmt::format("{}, not a regular file: kctx reads sources only from regular "
					 "files",
					 file_kind(st.st_mode))};
	if (static_cast<uint64_t>(st.st_size) > kMaxSourceBytes)
		return Error{fmt::format("file too large ({} bytes; kctx reads sources of at most 4 MiB, "
					 "{} bytes)",
					 st.st_size, kMaxSourceBytes)};
	return read_bounded(f.fd);
}

Result<std::string> read_host_source(const std::string& path, const std::string& root)
{
	Result<std::string> r = read_host_file(path, root);
	if (!r.ok())
		return Error{fmt::format("{}: error: {}", path, r.error().message)};
	return r;
}

}  // namespace kctx
