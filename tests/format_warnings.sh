#!/usr/bin/env bash
# format_warnings.sh KCTX DIR EXPECTED: the -Wformat warnings kctx prints for DIR's prog.c
# are, line for line, what gcc 12 -Wall printed for the same file (EXPECTED, with gcc's
# curly quotes as ASCII ones).
set -u
kctx=$1 dir=$2 expected=$3
actual=$("$kctx" run "$dir" 2>&1 >/dev/null | grep 'warning:' | sed "s|^$dir/||; s|^\./||")
if ! diff <(printf '%s\n' "$actual") "$expected"; then
	echo "FAIL: kctx's format warnings (<) differ from gcc 12's (>)"
	exit 1
fi
echo "ok: $(wc -l <"$expected") warnings as gcc 12 gives them"
