// --color=auto|always|never and NO_COLOR (https://no-color.org): diagnostics coloured as
// gcc 12 colours them, the console's lines as util-linux's `dmesg --color` colours them.
#pragma once

#include <string>
#include <string_view>

namespace kctx::cli {

enum class ColorMode { Auto, Always, Never };

// Whether to colour what goes to `fd`: always/never as asked; auto when `fd` is a
// terminal, TERM is not "dumb" and NO_COLOR is unset or empty (a flag beats NO_COLOR).
[[nodiscard]] bool color_enabled(ColorMode mode, int fd);

// Rendered diagnostics with gcc's SGR sequences (gcc/diagnostic-color.cc defaults): the
// locus bold, "error:" bold red, "warning:" bold magenta, "note:" bold cyan, quoted names
// bold, the option in the kind's colour, the caret line in the kind's colour (gcc 12
// draws the caret in the kind's colour; green is for fix-it hints).
[[nodiscard]] std::string color_diagnostics(std::string_view text);

// Console text, line by line, as dmesg --color (util-linux sys-utils/dmesg.c): the
// timestamp green, a "subsys: " prefix brown, and the message in its log level's colour:
// emerg/alert reverse red, crit bold red, err red, warning bold. The console carries no
// level, so the level is the one Linux prints each report at (see the table in Color.cpp).
// A line without its newline yet (a program's output) passes through as it is.
[[nodiscard]] std::string color_console(std::string_view text);

}  // namespace kctx::cli
