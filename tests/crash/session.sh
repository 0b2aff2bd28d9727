#!/usr/bin/env bash
# session.sh KCTX DIR CMDS GOLDEN [kctx run flags...]
# Runs `KCTX run DIR --vmcore TMP flags...`, then `KCTX crash TMP -i CMDS` with the
# commands in CMDS, and compares the session's output with GOLDEN (the dump's path is
# printed as "cst.vmcore"). KCTX_UPDATE_GOLDEN=1 rewrites GOLDEN instead.
set -u
kctx=$1 dir=$2 cmds=$3 golden=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$kctx" run "$dir" --vmcore cst.vmcore "$@" >console.txt 2>/dev/null
if [[ ! -s cst.vmcore ]]; then
	echo "kctx run wrote no vmcore"
	exit 1
fi
timeout 20 "$kctx" crash cst.vmcore -i "$cmds" </dev/null >out.txt 2>&1
status=$?
if [[ $status != 0 ]]; then
	echo "kctx crash exited $status:"
	cat out.txt
	exit 1
fi
if [[ ${KCTX_UPDATE_GOLDEN:-0} == 1 ]]; then
	cp out.txt "$golden"
	echo "updated $golden"
	exit 0
fi
if ! diff -u "$golden" out.txt; then
	exit 1
fi
exit 0
