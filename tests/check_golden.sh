#!/usr/bin/env bash
# check_golden.sh KCTX DIR GOLDEN STATUS [kctx check flags...]
# Runs `KCTX check DIR flags...` and compares its report (stdout) with GOLDEN and its exit
# status with STATUS; then, for a violation, replays the saved counterexample with
# `kctx run --replay` and checks that it prints the report's console.
# KCTX_UPDATE_GOLDEN=1 rewrites GOLDEN instead.
set -u
kctx=$1 dir=$2 golden=$3 want_status=$4
shift 4
# From the examples folder, by the scenario's own name: a module's __FILE__ (in a WARN_ON)
# is then the same string in every checkout, so the addresses of the strings laid out
# after it in .rodata, which a schedule shows (kthread_run's namefmt), are too.
cd "$(dirname "$dir")" || exit 2
dir=./$(basename "$dir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$kctx" check "$dir" -q --replay-out "$tmp/r.replay" "$@" >"$tmp/out" 2>/dev/null
status=$?
sed -i "s|$tmp/r.replay|REPLAY|g; s|\\$dir|DIR|g" "$tmp/out"
if [[ ${KCTX_UPDATE_GOLDEN:-0} == 1 ]]; then
	cp "$tmp/out" "$golden"
	echo "updated $golden"
	exit 0
fi
fail=0
if [[ $status != "$want_status" ]]; then
	echo "exit status $status, expected $want_status"
	fail=1
fi
if ! diff -u "$golden" "$tmp/out" >/dev/null; then
	echo "report differs from $golden:"
	diff -u "$golden" "$tmp/out" | head -80
	fail=1
fi
if [[ $status == 1 ]]; then
	# The console section of the report, and what the replay prints.
	sed -n '/^console on this interleaving:$/,/^replay saved to /p' "$tmp/out" | sed '1d;$d' >"$tmp/want"
	cfg=()
	for a in "$@"; do cfg+=("$a"); done
	"$kctx" run "$dir" --replay "$tmp/r.replay" $(printf '%s\n' "$@" | grep -A1 -e '--config' -e '--cpus' | grep -v '^--$' | tr '\n' ' ') >"$tmp/replayed" 2>/dev/null
	if ! diff -u "$tmp/want" "$tmp/replayed" >/dev/null; then
		echo "kctx run --replay prints another console:"
		diff -u "$tmp/want" "$tmp/replayed" | head -40
		fail=1
	fi
fi
exit $fail
