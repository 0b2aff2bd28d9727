#!/usr/bin/env bash
# The table of a build's CPU time per object from scripts/cpu-time-launcher.sh's log:
# the TOP heaviest objects, then the total and the total per layer (src/LAYER, tests).
#   scripts/cpu-time-table.sh LOG [TOP]
set -euo pipefail
log=$1
top=${2:-30}
echo "CPU s  object"
sort -rn "$log" | head -n "$top" | awk '{ printf "%6.1f %s\n", $1, $2 }'
awk '{
	t += $1; n++
	layer = $2
	if (match(layer, /kctx_[a-z]+(_tests)?\.dir/)) layer = substr(layer, RSTART + 5, RLENGTH - 9)
	else layer = "other"
	per[layer] += $1; cnt[layer]++
} END {
	printf "total %.0f CPU s over %d objects (2 idle cores: ~%.0f s = %.1f min)\n", t, n, t / 2, t / 120
	for (l in per) printf "  %-14s %6.0f s  %3d objects\n", l, per[l], cnt[l]
}' "$log" | { read -r head; echo "$head"; sort -k2 -rn; }
