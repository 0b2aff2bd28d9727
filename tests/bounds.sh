#!/usr/bin/env bash
# bounds.sh KCTX DIR MAX_SECONDS MAX_MB [kctx run flags...]
# Runs `KCTX run -q DIR flags...` under GNU time and fails when the wall time exceeds
# MAX_SECONDS or the peak RSS MAX_MB: the host cost of a scenario, bounded.
set -u
kctx=$1 dir=$2 max_s=$3 max_mb=$4
shift 4
# Under the sanitizers (KCTX_SANITIZED=1, tests/CMakeLists.txt) time and memory measure
# ASan, not kctx: the run must only end without a sanitizer report (status 0 or 1).
if [[ ${KCTX_SANITIZED:-0} == 1 ]]; then
	"$kctx" run -q "$dir" "$@" >/dev/null 2>&1
	status=$?
	((status <= 1)) || { echo "exit status $status"; exit 1; }
	exit 0
fi
stats=$(mktemp)
trap 'rm -f "$stats"' EXIT
/usr/bin/time -f "%e %M" -o "$stats" timeout $((max_s * 3)) "$kctx" run -q "$dir" "$@" >/dev/null 2>&1
read -r wall kb <"$stats" || { echo "no timing: $(cat "$stats")"; exit 1; }
mb=$((kb / 1024))
echo "wall ${wall} s (max ${max_s}), peak RSS ${mb} MB (max ${max_mb})"
awk -v w="$wall" -v m="$max_s" 'BEGIN { exit !(w <= m) }' || { echo "too slow"; exit 1; }
((mb <= max_mb)) || { echo "too much memory"; exit 1; }
