#!/usr/bin/env bash
# bad_dump.sh KCTX DIR: makes a vmcore of DIR, then damages copies of it (cut short,
# one byte flipped, another file's bytes, an empty file, a directory) and checks that
# `kctx crash` refuses each with exit status 2 and a message that says why, never a
# crash or a hang.
set -u
kctx=$1 dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$kctx" run "$dir" --vmcore good.vmcore >/dev/null 2>&1
size=$(stat -c %s good.vmcore)
head -c $((size / 2)) good.vmcore >cut.vmcore
head -c 20 good.vmcore >header.vmcore
cp good.vmcore flipped.vmcore
printf '\x55' | dd of=flipped.vmcore bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null
cp "$dir/init.sh" foreign.vmcore
: >empty.vmcore
mkdir dir.vmcore
fail=0
expect() {
	local file=$1 pattern=$2
	timeout 20 "$kctx" crash "$file" </dev/null >/dev/null 2>err.txt
	local status=$?
	if [[ $status != 2 ]] || ! grep -Eq -- "$pattern" err.txt; then
		echo "$file: exit status $status (expected 2), stderr:"
		cat err.txt
		fail=1
	fi
}
expect cut.vmcore "cut.vmcore: truncated kctx vmcore: [0-9]+ of its [0-9]+ payload bytes"
expect header.vmcore "header.vmcore: truncated kctx vmcore: 20 bytes, shorter than its 32-byte header"
expect flipped.vmcore "flipped.vmcore: corrupt kctx vmcore: its checksum does not match its contents"
expect foreign.vmcore "foreign.vmcore: not a kctx vmcore"
expect empty.vmcore "empty.vmcore: not a kctx vmcore"
expect dir.vmcore "dir.vmcore: not a regular file"
expect missing.vmcore "missing.vmcore: no such file"
# The good one opens and ends at "q".
if ! echo q | timeout 20 "$kctx" crash good.vmcore >/dev/null 2>err.txt; then
	echo "good.vmcore refused:"
	cat err.txt
	fail=1
fi
exit $fail
