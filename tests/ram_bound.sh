#!/usr/bin/env bash
# ram_bound.sh KCTX DIR [flags...]
# Runs `KCTX run DIR flags...` under /usr/bin/time and checks the host cost docs/limits.md
# promises: a peak RSS of at most 64 MiB + 3 x mem= (mem= read from DIR/init.sh's header,
# 512M by default), and under RAM_BOUND_SECONDS (5) seconds of CPU time. Wall time is
# printed too; it is not checked, since ctest shares the machine with other work.
set -u
kctx=$1 dir=$2
shift 2
base_kb=$((64 * 1024))   # the kctx binary, its compiled code, the console
multiple=3
mem=$(sed -n '1s/.*mem=\([0-9]*[KMGkmg]\?\).*/\1/p' "$dir/init.sh")
mem=${mem:-512M}
case $mem in
*[Kk]) mem_kb=${mem%?} ;;
*[Mm]) mem_kb=$((${mem%?} * 1024)) ;;
*[Gg]) mem_kb=$((${mem%?} * 1024 * 1024)) ;;
*) mem_kb=$((mem / 1024)) ;;
esac
limit_kb=$((base_kb + multiple * mem_kb))
out=$(mktemp)
trap 'rm -f "$out"' EXIT
/usr/bin/time -f '%e %U %S %M' -o "$out" "$kctx" run "$dir" "$@" >/dev/null 2>&1
status=$?
# kctx exits 0, or 1 when it printed a report (an OOM kill, a failed allocation's WARN).
if (( status > 1 )); then
	echo "exit status $status"
	exit 1
fi
# Under the sanitizers (tests/CMakeLists.txt) time and memory measure ASan, not kctx.
[[ ${KCTX_SANITIZED:-0} == 1 ]] && exit 0
read -r wall user sys rss_kb < <(tail -n 1 "$out")
cpu=$(awk "BEGIN { print $user + $sys }")
max=${RAM_BOUND_SECONDS:-5}
echo "wall ${wall} s, cpu ${cpu} s, peak RSS ${rss_kb} kB (limit ${limit_kb} kB for mem=${mem})"
if (( rss_kb > limit_kb )); then
	echo "peak RSS over the bound"
	exit 1
fi
if awk "BEGIN { exit !($cpu >= $max) }"; then
	echo "more than $max s of CPU time"
	exit 1
fi
