#include "cli/New.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "cli/Scenario.h"

namespace kctx::cli {

namespace fs = std::filesystem;

Result<std::string> write_starter(const std::string& dir)
{
	std::error_code ec;
	if (dir.empty())
		return Error{"kctx new: error: the directory name is empty"};
	if (fs::symlink_status(dir, ec).type() != fs::file_type::not_found)
		return Error{fmt::format("kctx new: error: {} already exists; kctx new writes a new directory and "
					 "never overwrites one",
					 dir)};
	if (!fs::create_directory(dir, ec) || ec)
		return Error{fmt::format("kctx new: error: cannot create {}: {}", dir,
					 ec ? ec.message() : std::string("it appeared meanwhile"))};
	std::string created;
	for (const StarterFile& f : starter_files()) {
		fs::path path = fs::path(dir) / f.name;
		std::ofstream out(path, std::ios::binary);
		out.write(f.text.data(), static_cast<std::streamsize>(f.text.size()));
		out.close();
		if (!out)
			return Error{fmt::format("kctx new: error: cannot write {}", path.string())};
		created += fmt::format("created {}\n", path.string());
	}
	return created;
}

namespace {

// The README's first non-blank line, without Markdown's heading marks.
std::string readme_title(const fs::path& readme)
{
	auto text = read_file(readme.string());
	if (!text.ok())
		return {};
	size_t start = 0;
	while (start < text->size()) {
		size_t end = text->find('\n', start);
		if (end == std::string::npos)
			end = text->size();
		std::string line = text->substr(start, end - start);
		size_t first = line.find_first_not_of("# \t\r");
		if (first != std::string::npos) {
			size_t last = line.find_last_not_of(" \t\r");
			return line.substr(first, last - first + 1);
		}
		start = end + 1;
	}
	return {};
}

}  // namespace

std::vector<ScenarioEntry> list_scenarios(const std::string& dir)
{
	std::vector<ScenarioEntry> found;
	std::error_code ec;
	for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
		std::error_code sub_ec;
		if (!it->is_directory(sub_ec) || !fs::is_regular_file(it->path() / "init.sh", sub_ec))
			continue;
		found.push_back({it->path().filename().string(), readme_title(it->path() / "README.md")});
	}
	std::sort(found.begin(), found.end(), [](const ScenarioEntry& a, const ScenarioEntry& b) { return a.dir < b.dir; });
	return found;
}

std::string render_scenario_list(const std::string& dir, const std::vector<ScenarioEntry>& entries)
{
	size_t width = 0;
	for (const ScenarioEntry& e : entries)
		width = std::max(width, e.dir.size());
	std::string shown = dir;
	while (shown.size() > 1 && shown.back() == '/')
		shown.pop_back();
	std::string out = fmt::format("{} holds {} scenario{}; run one with kctx run {}/NAME:\n", shown,
				      entries.size(), entries.size() == 1 ? "" : "s", shown);
	for (const ScenarioEntry& e : entries)
		out += fmt::format("  {:<{}}  {}\n", e.dir, width, e.title.empty() ? "(no README.md)" : e.title);
	return out;
}

}  // namespace kctx::cli
