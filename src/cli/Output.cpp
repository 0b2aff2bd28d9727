#include "cli/Output.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

namespace kctx::cli {

namespace fs = std::filesystem;

void OutputStream::write(std::string_view data)
{
	if (m_errno)
		return;
	errno = 0;
	if ((!data.empty() && std::fwrite(data.data(), 1, data.size(), m_file) != data.size()) ||
	    std::fflush(m_file) != 0)
		m_errno = errno ? errno : EIO;
}

Result<void> OutputStream::finish()
{
	if (!m_errno) {
		errno = 0;
		if (std::fflush(m_file) != 0 || std::ferror(m_file))
			m_errno = errno ? errno : EIO;
	}
	if (m_errno)
		return Error{fmt::format("kctx: writing {}: {}", m_what, std::strerror(m_errno))};
	return {};
}

namespace {

// Whether two paths name one file: the same canonical path, or (hard links) the same
// inode.
bool same_file(const std::string& a, const std::string& b)
{
	std::error_code ec;
	if (fs::weakly_canonical(fs::absolute(a, ec), ec) == fs::weakly_canonical(fs::absolute(b, ec), ec) && !ec)
		return true;
	return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

Result<void> check_output_paths(const std::vector<NamedOutput>& outputs, const std::vector<std::string>& inputs)
{
	for (size_t i = 0; i < outputs.size(); i++) {
		const NamedOutput& o = outputs[i];
		if (o.path.empty())
			return Error{fmt::format("kctx: error: {}: the output file name is empty", o.flag)};
		for (const std::string& in : inputs)
			if (same_file(o.path, in))
				return Error{fmt::format("kctx: error: {} {}: that is {}, an input of the scenario; kctx "
							 "never overwrites its input",
							 o.flag, o.path, in)};
		for (size_t j = 0; j < i; j++)
			if (same_file(o.path, outputs[j].path))
				return Error{fmt::format("kctx: error: {} {}: the same file as {} {}; each output "
							 "needs a file of its own",
							 o.flag, o.path, outputs[j].flag, outputs[j].path)};
	}
	return {};
}

std::string escape_controls(std::string_view text)
{
	std::string out;
	out.reserve(text.size());
	for (char c : text) {
		auto u = static_cast<unsigned char>(c);
		if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f)
			out += fmt::format("\\x{:02x}", u);
		else
			out += c;
	}
	return out;
}

}  // namespace kctx::cli
