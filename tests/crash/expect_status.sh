#!/usr/bin/env bash
# expect_status.sh STATUS PATTERN COMMAND...: COMMAND must exit STATUS within 20 s and
# say PATTERN (an extended regex) on stderr.
set -u
want=$1 pattern=$2
shift 2
err=$(mktemp)
trap 'rm -f "$err"' EXIT
timeout 20 "$@" </dev/null >/dev/null 2>"$err"
status=$?
if [[ $status != "$want" ]] || ! grep -Eq -- "$pattern" "$err"; then
	echo "exit status $status (expected $want), stderr:"
	cat "$err"
	exit 1
fi
exit 0
