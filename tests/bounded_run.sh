#!/usr/bin/env bash
# bounded_run.sh KCTX DIR MAX_SECONDS MAX_RSS_MB: `KCTX run DIR -q` must exit 0 within
# MAX_SECONDS of CPU time (user + sys, as GNU time measures it: wall time on a shared,
# loaded machine says little) and with a peak resident set under MAX_RSS_MB (GNU time's
# %M, in KiB), the bounds issue 12 sets for huge static arrays.
set -u
kctx=$1 dir=$2 max_seconds=$3 max_rss_mb=$4
if [[ ! -x /usr/bin/time ]]; then
	echo "/usr/bin/time is missing"
	exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -f '%e %U %S %M' -o "$log" "$kctx" run "$dir" -q >/dev/null 2>&1
status=$?
read -r wall user sys rss_kb < <(tail -n 1 "$log")
cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
echo "wall ${wall}s, CPU ${cpu}s, peak RSS $((rss_kb / 1024)) MB, exit status $status"
fail=0
[[ $status == 0 ]] || { echo "exit status $status, expected 0"; fail=1; }
# Under the sanitizers (tests/CMakeLists.txt) time and memory measure ASan, not kctx.
[[ ${KCTX_SANITIZED:-0} == 1 ]] && exit $fail
if awk -v c="$cpu" -v m="$max_seconds" 'BEGIN { exit !(c > m) }'; then
	echo "took ${cpu}s of CPU time, more than ${max_seconds}s"
	fail=1
fi
if (( rss_kb > max_rss_mb * 1024 )); then
	echo "peak RSS $((rss_kb / 1024)) MB, more than ${max_rss_mb} MB"
	fail=1
fi
exit $fail
