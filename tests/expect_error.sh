#!/usr/bin/env bash
# expect_error.sh KCTX DIR PATTERN: `KCTX run DIR` must exit 2 (bad input) within 20 s and
# say PATTERN (an extended regex) on stderr, without crashing.
set -u
kctx=$1 dir=$2 pattern=$3
err=$(mktemp)
trap 'rm -f "$err"' EXIT
timeout 20 "$kctx" run "$dir" >/dev/null 2>"$err"
status=$?
if [[ $status != 2 ]]; then
	echo "exit status $status, expected 2; stderr:"
	cat "$err"
	exit 1
fi
if ! grep -Eq -- "$pattern" "$err"; then
	echo "stderr does not match /$pattern/:"
	cat "$err"
	exit 1
fi
exit 0
