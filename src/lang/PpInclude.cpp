// #include of real files: a module's own headers, read from the scenario directory as
// gcc reads them. `#include "x.h"` searches the including file's directory, then the -I
// directories (Kbuild's ccflags-y), then the known headers (gcc falls back from the quote
// search to the <> one); `#include <x.h>` searches the -I directories, then the known
// headers. Files outside the scenario directory are refused; include guards need nothing
// special and `#pragma once` is kept per file.
#include <filesystem>
#include <fmt/format.h>

#include "base/HostFile.h"
#include "lang/PreprocessorImpl.h"

namespace kctx::lang::pp {

namespace fs = std::filesystem;

namespace {

// Whether `p` (canonical) is `root` (canonical) or inside it.
bool inside(const fs::path& p, const fs::path& root)
{
	auto r = root.begin(), q = p.begin();
	for (; r != root.end(); ++r, ++q)
		if (q == p.end() || *q != *r)
			return false;
	return true;
}

}  // namespace

void Preprocessor::note_file_path(uint32_t file)
{
	if (m_options.root.empty() || m_file_paths.count(file))
		return;
	std::error_code ec;
	fs::path p = fs::weakly_canonical(m_sources.file(file).name, ec);
	if (!ec)
		m_file_paths[file] = p.string();
}

void Preprocessor::pragma_once(const Token& hash)
{
	auto it = m_file_paths.find(hash.loc.file);
	if (it != m_file_paths.end())
		m_once.insert(it->second);
}

// The directories a search goes through, as shown to the user, in order.
std::vector<std::string> Preprocessor::include_search(uint32_t includer, bool quoted) const
{
	std::vector<std::string> dirs;
	if (quoted && includer < m_sources.size()) {
		auto it = m_file_paths.find(includer);
		if (it != m_file_paths.end()) {
			std::string dir = fs::path(m_sources.file(includer).name).parent_path().string();
			dirs.push_back(dir.empty() ? "." : dir);
		}
	}
	for (const std::string& d : m_options.include_dirs)
		if (std::find(dirs.begin(), dirs.end(), d) == dirs.end())
			dirs.push_back(d);
	return dirs;
}

Preprocessor::IncludeResult Preprocessor::include_real_file(const std::string& header, bool quoted, SourceLoc loc,
							    uint32_t len)
{
	if (m_options.root.empty())
		return IncludeResult::NotFound;
	std::error_code ec;
	fs::path root = fs::weakly_canonical(m_options.root, ec);
	for (const std::string& dir : include_search(loc.file, quoted)) {
		fs::path shown = (fs::path(dir) / header).lexically_normal();
		// Whatever is there is read (a FIFO or a device is refused by read_host_file, not
		// skipped, so the message says what is wrong).
		if (!fs::exists(shown, ec))
			continue;
		fs::path real = fs::weakly_canonical(shown, ec);
		if (ec || !inside(real, root)) {
			// LDD3's include/ beside the examples: the user can make it the scenario's.
			error(loc,
			      fmt::format("'{}' is outside the scenario directory {}: kctx reads only the scenario's own "
					  "files (found as {}: copy it into {}/)",
					  header, m_options.root, shown.string(), m_options.root),
			      len);
			return IncludeResult::Refused;
		}
		if (m_once.count(real.string()))
			return IncludeResult::Included;
		if (++m_real_includes > kMaxRealIncludes) {
			error(loc, fmt::format("#include nested too deeply (more than {} files included; does a header "
					       "include itself without an include guard?)",
					       kMaxRealIncludes),
			      len);
			m_stop = true;
			return IncludeResult::Refused;
		}
		Result<std::string> text = read_host_file(shown.string(), m_options.root);
		if (!text.ok()) {
			error(loc, fmt::format("'{}': cannot include {}: {}", header, shown.string(), text.error().message),
			      len);
			return IncludeResult::Refused;
		}
		uint32_t id = m_sources.add(shown.string(), std::move(*text));
		m_file_paths[id] = real.string();
		push_file(id);
		return IncludeResult::Included;
	}
	// A name that climbs out of the directory is refused even when nothing is there,
	// so the message does not depend on what the host has. An -I directory that is
	// itself outside (LDD3's `-I$(PWD)/../include`) is only searched: gcc goes on to
	// the kernel's headers when the name is not there, and so does kctx.
	fs::path name = fs::path(header).lexically_normal();
	bool climbs = name.is_absolute() || (!name.empty() && *name.begin() == "..");
	for (const std::string& dir : include_search(loc.file, quoted)) {
		fs::path real = fs::weakly_canonical(fs::path(dir) / header, ec);
		if (!ec && climbs && !inside(real, root)) {
			error(loc,
			      fmt::format("'{}' is outside the scenario directory {}: kctx reads only the scenario's own "
					  "files",
					  header, m_options.root),
			      len);
			return IncludeResult::Refused;
		}
	}
	return IncludeResult::NotFound;
}

std::string Preprocessor::searched_dirs(uint32_t includer, bool quoted) const
{
	std::vector<std::string> dirs = include_search(includer, quoted);
	if (dirs.empty())
		return "";
	std::string s = " (searched ";
	for (size_t i = 0; i < dirs.size(); i++)
		s += (i ? ", " : "") + dirs[i] + "/";
	return s + ", then kctx's headers)";
}

}  // namespace kctx::lang::pp
