// `kctx crash FILE --json CMD`: the answer of ps, bt, task, log or runq as JSON, the
// same data the command prints (crash/Views.h), for scripts.
#pragma once

#include <string>
#include <string_view>

#include "base/Result.h"
#include "crash/Commands.h"

namespace kctx::crash {

// The commands --json answers.
inline constexpr std::string_view kJsonCommands[] = {"ps", "bt", "task", "log", "runq"};

// The JSON text (one document, newline-terminated) of `line` ("bt 108", "bt -a", "task",
// "ps", "log", "runq"); an error for another command or a task that is not there.
[[nodiscard]] Result<std::string> json_answer(SessionState& s, std::string_view line);

}  // namespace kctx::crash
