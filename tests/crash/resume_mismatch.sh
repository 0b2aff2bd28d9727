#!/usr/bin/env bash
# resume_mismatch.sh KCTX EXAMPLES: a dump of cst resumed as spin_sleep_up, and a file
# that is no dump, are refused with exit status 2 and a message naming the file.
set -u
kctx=$1 ex=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$kctx" run "$ex/cst" --vmcore cst.vmcore --dump-at 0.5 --seconds 1 >/dev/null 2>&1
fail=0
"$kctx" run "$ex/spin_sleep_up" --resume cst.vmcore >/dev/null 2>err.txt
if [[ $? != 2 ]] || ! grep -q "cst.vmcore: the dump was taken of another .*spin_sleep_up: init.sh is not what it was" err.txt; then
	echo "mismatch not refused:"; cat err.txt; fail=1
fi
echo "not a dump" >bad.vmcore
"$kctx" run "$ex/cst" --resume bad.vmcore >/dev/null 2>err.txt
if [[ $? != 2 ]] || ! grep -q "bad.vmcore: not a kctx vmcore" err.txt; then
	echo "bad dump not refused:"; cat err.txt; fail=1
fi
exit $fail
