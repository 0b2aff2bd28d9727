// kctx's output streams (stdout's console, --trace-out, --perfetto): every write error is
// kept and reported ("kctx: writing the console: No space left on device", exit 2), and
// the output paths are checked before anything is written.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/Result.h"

namespace kctx::cli {

class OutputStream {
public:
	// `what` names it in messages: "the console", "'trace.txt'".
	OutputStream(std::FILE* f, std::string what) : m_file(f), m_what(std::move(what)) {}
	// Writes and flushes; after the first error nothing more is written.
	void write(std::string_view data);
	// Flushes; the first error seen, as "kctx: writing WHAT: REASON".
	[[nodiscard]] Result<void> finish();
	[[nodiscard]] bool failed() const { return m_errno != 0; }

private:
	std::FILE* m_file;
	std::string m_what;
	int m_errno = 0;
};

struct NamedOutput {
	std::string flag;   // "--perfetto"
	std::string path;   // as given; a flag given twice or with "" is caught too
};

// Refuses (with a message naming the flag and the path) an empty path, a path that is one
// of the scenario's inputs (a source, init.sh, a header, Kbuild), and two outputs that
// are the same file.
[[nodiscard]] Result<void> check_output_paths(const std::vector<NamedOutput>& outputs,
					      const std::vector<std::string>& inputs);

// Text for the terminal: control bytes other than tab and newline (ESC, BEL, ...) and
// DEL become \xNN, so input cannot drive the terminal through a diagnostic.
[[nodiscard]] std::string escape_controls(std::string_view text);

}  // namespace kctx::cli
