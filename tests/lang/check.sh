#!/usr/bin/env bash
# check.sh KCTX SOURCE.c WORKDIR
# Builds SOURCE.c with the host gcc and runs it, then runs the same file in kctx as a
# one-program scenario (init.sh: ./NAME; echo "exit $?"). gcc's stdout followed by
# "exit STATUS" is the truth; kctx's console must match it byte for byte, and kctx itself
# must exit 0 (no kernel reports). On a mismatch it prints a unified diff. gcc's result is
# cached in WORKDIR/../.gcc-cache by the source's hash.
# KCTX_LANG_KEEP=1 keeps WORKDIR for inspection.
set -u
kctx=$1 src=$2 work=$3
name=$(basename "$src" .c)
rm -rf "$work"
mkdir -p "$work/scenario"
[[ ${KCTX_LANG_KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT

# gcc's answer depends only on the source: it is cached beside WORKDIR by content hash,
# so a rerun costs only the kctx half.
cache=$(dirname "$work")/.gcc-cache
hash=$(sha1sum "$src" | cut -c1-16)
expected=$cache/$name.$hash
if [[ ! -f $expected ]]; then
	if ! gcc -std=gnu11 -O0 -w -o "$work/$name" "$src" -lm 2>"$work/gcc.err"; then
		echo "gcc cannot build $src:"
		cat "$work/gcc.err"
		exit 1
	fi
	(cd "$work" && timeout 10 "./$name" >"$work/expected")
	echo "exit $?" >>"$work/expected"
	mkdir -p "$cache"
	rm -f "$cache/$name".*
	mv "$work/expected" "$expected"
fi

cp "$src" "$work/scenario/$name.c"
printf '#!kctx cpus=1 seconds=100\n./%s\necho "exit $?"\n' "$name" >"$work/scenario/init.sh"
timeout 30 "$kctx" run "$work/scenario" >"$work/actual" 2>"$work/kctx.err"
status=$?

fail=0
if ! diff -u --label gcc --label kctx "$expected" "$work/actual" >"$work/diff"; then
	echo "$name: kctx's output differs from gcc's:"
	head -100 "$work/diff"
	fail=1
fi
if [[ $status != 0 ]]; then
	echo "$name: kctx exited with status $status; stderr:"
	head -20 "$work/kctx.err"
	fail=1
fi
exit $fail
