#!/usr/bin/env bash
# golden.sh KCTX DIR GOLDEN STATUS [kctx run flags...]
# Runs `KCTX run DIR flags...` and compares its console (stdout) with GOLDEN and its exit
# status with STATUS. KCTX_UPDATE_GOLDEN=1 rewrites GOLDEN instead.
set -u
kctx=$1 dir=$2 golden=$3 want_status=$4
shift 4
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$kctx" run "$dir" "$@" >"$out" 2>/dev/null
status=$?
if [[ ${KCTX_UPDATE_GOLDEN:-0} == 1 ]]; then
	cp "$out" "$golden"
	echo "updated $golden"
	exit 0
fi
fail=0
if [[ $status != "$want_status" ]]; then
	echo "exit status $status, expected $want_status"
	fail=1
fi
if ! diff -u "$golden" "$out" >/dev/null; then
	echo "console differs from $golden:"
	diff -u "$golden" "$out" | head -80
	fail=1
fi
exit $fail
