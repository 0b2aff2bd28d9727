#!/usr/bin/env bash
# on_4.4.sh KCTX DIR: an example on `--kernel 4.4` (issue 16: every example that compiles
# on 4.4 runs there with 4.4's formats).
# An example that does not compile on 4.4 is listed in not_on_4.4.txt with the error
# 4.4 gives it (a 6.1 API); it must stop there with exit status 2 and that error. Every
# other example must run (not be refused as bad input, not crash kctx) and print nothing
# in a format only later releases have (formats.py --scan), but for the lines
# limits_4.4.txt lists as a known limit.
set -u
kctx=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$dir")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

want=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$here/not_on_4.4.txt")
timeout 600 "$kctx" run "$dir" --kernel 4.4 >"$out" 2>"$err"
status=$?
if [[ -n $want ]]; then
	if [[ $status == 2 ]] && grep -Eq -- "$want" "$err"; then
		exit 0
	fi
	echo "$name is listed as not compiling on 4.4 ($want), but: status $status"
	head -5 "$err"
	exit 1
fi
if [[ $status == 2 || $status -ge 124 ]]; then
	echo "$name on 4.4: status $status"
	head -5 "$err"
	exit 1
fi
limit=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$here/limits_4.4.txt")
if [[ -n $limit ]]; then
	if ! sed 's/^\[ *[0-9]*\.[0-9]*\] //' "$out" | grep -Eq -- "$limit"; then
		echo "$name no longer prints what limits_4.4.txt lists (/$limit/): remove its entry"
		exit 1
	fi
	sed 's/^\[ *[0-9]*\.[0-9]*\] //' "$out" | grep -Ev -- "$limit" >"$err"
	cp "$err" "$out"
fi
python3 "$here/formats.py" --scan "$out"
