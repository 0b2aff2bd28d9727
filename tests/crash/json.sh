#!/usr/bin/env bash
# json.sh KCTX DIR GOLDEN: `kctx crash FILE --json CMD` for ps, bt -a, task 108, log,
# runq on DIR's dump; each answer must parse as JSON (python3 -m json.tool) and all of
# them together match GOLDEN. KCTX_UPDATE_GOLDEN=1 rewrites GOLDEN.
set -u
kctx=$1 dir=$2 golden=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$kctx" run "$dir" --vmcore cst.vmcore >/dev/null 2>&1
for cmd in "ps" "bt -a" "task 108" "log" "runq"; do
	echo "### $cmd" >>out.txt
	if ! timeout 20 "$kctx" crash cst.vmcore --json "$cmd" >one.json 2>err.txt; then
		echo "--json $cmd failed:"; cat err.txt; exit 1
	fi
	if ! python3 -m json.tool one.json >/dev/null; then
		echo "--json $cmd is not JSON:"; cat one.json; exit 1
	fi
	cat one.json >>out.txt
done
# A command --json does not answer is refused with exit status 2.
if timeout 20 "$kctx" crash cst.vmcore --json "dis cst_timer_handler" >/dev/null 2>err.txt; then
	echo "--json dis was accepted"; exit 1
fi
grep -q "kctx answers ps, bt, task, log and runq as JSON" err.txt || { cat err.txt; exit 1; }
if [[ ${KCTX_UPDATE_GOLDEN:-0} == 1 ]]; then
	cp out.txt "$golden"; echo "updated $golden"; exit 0
fi
diff -u "$golden" out.txt
