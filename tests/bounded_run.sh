#!/usr/bin/env bash
# bounded_run.sh KCTX DIR MAX_SECONDS MAX_RSS_MB: `KCTX run DIR -q` must exit 0 within
# MAX_SECONDS of wall time and with a peak resident set under MAX_RSS_MB (GNU time's
# %M, in KiB), the bounds issue 12 sets for huge static arrays.
set -u
kctx=$1 dir=$2 max_seconds=$3 max_rss_mb=$4
if [[ ! -x /usr/bin/time ]]; then
	echo "/usr/bin/time is missing"
	exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$log" "$kctx" run "$dir" -q >/dev/null 2>&1
status=$?
end=$(date +%s.%N)
rss_kb=$(tail -n 1 "$log")
wall=$(echo "$end - $start" | bc)
echo "wall ${wall}s, peak RSS $((rss_kb / 1024)) MB, exit status $status"
fail=0
[[ $status == 0 ]] || { echo "exit status $status, expected 0"; fail=1; }
if (( $(echo "$wall > $max_seconds" | bc) )); then
	echo "took ${wall}s, more than ${max_seconds}s"
	fail=1
fi
if (( rss_kb > max_rss_mb * 1024 )); then
	echo "peak RSS $((rss_kb / 1024)) MB, more than ${max_rss_mb} MB"
	fail=1
fi
exit $fail
