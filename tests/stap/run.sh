#!/bin/sh
# Runs `kctx stap ARGS...` from this folder and checks its exit status, and its
# stdout against a file (or - to skip) and its stderr against a pattern (or -).
# usage: run.sh KCTX STATUS STDOUT_FILE STDERR_PATTERN ARGS...
kctx=$1 status=$2 want_out=$3 want_err=$4
shift 4
cd "$(dirname "$0")" || exit 2
"$kctx" stap "$@" > /tmp/kctx-stap-$$.out 2> /tmp/kctx-stap-$$.err
rc=$?
if [ "${KCTX_UPDATE_GOLDEN:-0}" = 1 ] && [ "$want_out" != - ]; then
	cp /tmp/kctx-stap-$$.out "$want_out"
	echo "updated $want_out"
fi
fail=0
[ "$rc" = "$status" ] || { echo "exit status $rc, expected $status"; fail=1; }
if [ "$want_out" != - ] && ! diff -u "$want_out" /tmp/kctx-stap-$$.out; then fail=1; fi
if [ "$want_err" != - ] && ! grep -Eq "$want_err" /tmp/kctx-stap-$$.err; then
	echo "stderr does not match /$want_err/:"; cat /tmp/kctx-stap-$$.err; fail=1
fi
rm -f /tmp/kctx-stap-$$.out /tmp/kctx-stap-$$.err
exit $fail
