// Lexical path walk: kctx has no symlinks that walk through ".." (sysfs's are resolved by
// sysfs_resolve()), so "a/../b" is "b" as on Linux for the trees kctx has.
#include "kernel/fs/Path.h"

#include <vector>

namespace kctx::kernel {

std::string normalize_path(std::string_view base, std::string_view path)
{
	std::vector<std::string_view> parts;
	auto walk = [&](std::string_view p) {
		while (!p.empty()) {
			size_t slash = p.find('/');
			std::string_view part = p.substr(0, slash);
			p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash + 1);
			if (part.empty() || part == ".")
				continue;
			if (part == "..") {
				if (!parts.empty())
					parts.pop_back();
				continue;
			}
			parts.push_back(part);
		}
	};
	if (!path.starts_with('/'))
		walk(base);
	walk(path);
	std::string out;
	for (std::string_view part : parts) {
		out += '/';
		out += part;
	}
	return out.empty() ? "/" : out;
}

std::string parent_path(std::string_view path)
{
	size_t slash = path.rfind('/');
	if (slash == 0 || slash == std::string_view::npos)
		return "/";
	return std::string(path.substr(0, slash));
}

std::string relative_path(std::string_view from, std::string_view to)
{
	auto split = [](std::string_view p) {
		std::vector<std::string_view> parts;
		while (!p.empty()) {
			size_t slash = p.find('/');
			std::string_view part = p.substr(0, slash);
			p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash + 1);
			if (!part.empty())
				parts.push_back(part);
		}
		return parts;
	};
	std::vector<std::string_view> a = split(from), b = split(to);
	size_t common = 0;
	while (common < a.size() && common < b.size() && a[common] == b[common])
		common++;
	std::string out;
	for (size_t i = common; i < a.size(); i++)
		out += "../";
	for (size_t i = common; i < b.size(); i++) {
		out += b[i];
		if (i + 1 < b.size())
			out += '/';
	}
	return out;
}

}   // namespace kctx::kernel
