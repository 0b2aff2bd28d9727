// The busybox applets init.sh runs as child processes (dd, lsmod): small C programs,
// written from busybox's own code, that kctx compiles like the scenario's programs. They
// run as their own tasks ("dd", "lsmod" in ps and in traces), as ash forks for a NOEXEC
// applet, and their system calls are the real ones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kctx::shell {

// The C source of applet `name` ("dd", "lsmod"); empty for an unknown name.
[[nodiscard]] std::string applet_source(std::string_view name);

// The C source of a text applet a pipeline uses (cat echo grep head tail wc dmesg
// journalctl sleep mknod true false: AppletSources.cpp); empty for another name.
[[nodiscard]] std::string text_applet_source(std::string_view name);

// The C source of the stap program (StapApplet.cpp).
[[nodiscard]] std::string stap_applet_source();

// busybox dd's operands (coreutils/dd.c): checked when the script is compiled, so that a
// typo is a diagnostic rather than a usage message at run time. Returns what is wrong
// with `operand`, or nullopt if dd takes it.
[[nodiscard]] std::optional<std::string> check_dd_operand(std::string_view operand);

// libbb's xatoull_sfx() with dd's suffixes (cwbkMG_suffixes): "4k" is 4096, "1M"
// 1048576, "2kB" 2000. nullopt if malformed or too large.
[[nodiscard]] std::optional<unsigned long long> dd_number(std::string_view text);

}   // namespace kctx::shell
