#!/usr/bin/env bash
# ram_bound.sh KCTX DIR [flags...]
# Runs `KCTX run DIR flags...` under /usr/bin/time and checks the host cost docs/limits.md
# promises: under 5 s of wall time, and a peak RSS of at most kBase + kMultiple x mem=
# (mem= read from DIR/init.sh's header, 512M by default).
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
/usr/bin/time -f '%e %M' -o "$out" "$kctx" run "$dir" "$@" >/dev/null 2>&1
read -r wall rss_kb <"$out"
echo "wall ${wall} s, peak RSS ${rss_kb} kB (limit ${limit_kb} kB for mem=${mem})"
if (( rss_kb > limit_kb )); then
	echo "peak RSS over the bound"
	exit 1
fi
if awk "BEGIN { exit !($wall >= 5) }"; then
	echo "slower than 5 s"
	exit 1
fi
