#!/usr/bin/env bash
# resume.sh KCTX DIR SECONDS: the whole run of DIR with a dump taken at SECONDS, then
# `kctx run DIR --resume` of that dump. The resumed console must be exactly the tail
# of the whole run's console (what it printed after the dump), non-empty, and both
# runs must end with the same exit status and the same counts in the summary line.
set -u
kctx=$1 dir=$2 at=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$kctx" run "$dir" --vmcore mid.vmcore --dump-at "$at" >full.txt 2>full.err
full_status=$?
"$kctx" run "$dir" --resume mid.vmcore >resumed.txt 2>resumed.err
resumed_status=$?
fail=0
if [[ $full_status != "$resumed_status" ]]; then
	echo "exit status $full_status, resumed $resumed_status"; cat resumed.err; fail=1
fi
size=$(stat -c %s resumed.txt)
if [[ $size == 0 || $size -ge $(stat -c %s full.txt) ]]; then
	echo "resumed console: $size bytes of $(stat -c %s full.txt)"; fail=1
fi
if ! cmp -s <(tail -c "$size" full.txt) resumed.txt; then
	echo "the resumed console is not the whole run's tail:"
	diff <(tail -c "$size" full.txt) resumed.txt | head -20
	fail=1
fi
# The summary without its wall time: the machine's counts are the same.
strip() { grep '^kctx: ' "$1" | sed -E 's/ in [0-9.]+ s,/,/'; }
if [[ "$(strip full.err)" != "$(strip resumed.err)" ]]; then
	echo "summaries differ:"; strip full.err; strip resumed.err; fail=1
fi
exit $fail
