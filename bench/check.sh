#!/usr/bin/env bash
# make bench-check: kctx check against Spin on the same models, in one run, one table.
#
# The models are the scale family: N tasks x 2 spinlocks x 2 rounds (N = 2..5), as kernel
# C (examples/check_scale_N_{ordered,unordered}) and as Promela (bench/spin/scale.pml,
# the same semantics: a round takes lock 0, lock 1 or both, both in a random order or,
# with -DORDERED, always 0 then 1). Two rows per N:
#   bug  the unordered variant: states stored up to the first error (the AB-BA deadlock);
#        both tools search depth-first, as Spin does by default;
#   full the ordered variant: the whole state space (deadlock-free), with each tool's
#        partial-order reduction; states, transitions, time, states/s, bytes per state.
# Spin is built as the reference measurements build it: `spin -a`, gcc -O2 -DSAFETY
# -DMEMLIM=16000, `pan -m200000` (and -w26 for the full runs). "pan s" is pan's own
# elapsed time (without the gcc build of pan.c); kctx's is its own search time (without
# compiling the scenario and booting). Bytes per state: what each keeps per stored state
# (Spin: its "equivalent memory usage for states"; kctx: its hash table and path tree).
#
# Environment: KCTX (default build/kctx), BENCH_CHECK_N (default "2 3 4 5"),
# BENCH_TIMEOUT (seconds per run, default 180), KCTX_HASH (default compact).
# Needs spin (apt-get install spin) for the Spin columns; without it they read n/a.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
kctx=${KCTX:-build/kctx}
sizes=${BENCH_CHECK_N:-2 3 4 5}
tmo=${BENCH_TIMEOUT:-180}
hash=${KCTX_HASH:-compact}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# spin_run N DEFS PAN_ARGS: prints "result states transitions seconds bytes_per_state"
spin_run() {
	local n=$1 defs=$2 args=$3
	local d="$work/spin_${n}_${defs//[^A-Z]/}"
	if ! command -v spin >/dev/null; then
		echo "n/a - - - -"
		return
	fi
	mkdir -p "$d" && cp bench/spin/scale.pml "$d/"
	if ! (cd "$d" && spin -DN="$n" $defs -a scale.pml >/dev/null 2>&1 && gcc -O2 -w -DMEMLIM=16000 -DSAFETY -o pan pan.c); then
		echo "build-failed - - - -"
		return
	fi
	(cd "$d" && timeout "$tmo" ./pan $args) >"$d/log" 2>&1
	local rc=$? res stored trans secs smem
	stored=$(awk '/states, stored/{print $1; exit}' "$d/log")
	trans=$(awk '/transitions \(= /{print $1; exit}' "$d/log")
	secs=$(sed -n 's/^pan: elapsed time \([0-9.e+-]*\) seconds.*/\1/p' "$d/log" | head -1)
	smem=$(awk '/equivalent memory usage for states/{print $1; exit}' "$d/log")
	if [[ $rc == 124 ]]; then res=timeout
	elif grep -q "errors: 0" "$d/log"; then res=clean
	elif grep -q "invalid end state" "$d/log"; then res=deadlock
	else res=error; fi
	local bps=-
	[[ -n $smem && -n $stored ]] && bps=$(awk -v m="$smem" -v s="$stored" 'BEGIN{printf "%.0f", m*1048576/s}')
	echo "$res ${stored:--} ${trans:--} ${secs:--} $bps"
}

# kctx_run DIR FLAGS...: the same five fields from kctx check's report.
kctx_run() {
	local dir=$1
	shift
	# --time-limit: a search cut short still reports how far it got (exit 3, "limit").
	timeout $((tmo + 60)) "$kctx" check "$dir" -q --max-irqs 0 --hash "$hash" --max-states 100000000 --time-limit "$tmo" \
		--replay-out '' "$@" \
		>"$work/kout" 2>"$work/kerr"
	local rc=$? res
	case $rc in
	0) res=clean ;;
	1) if grep -q "deadlock" "$work/kout"; then res=deadlock; else res=violation; fi ;;
	3) res=limit ;;
	124) res=timeout ;;
	*) res="exit$rc" ;;
	esac
	# kctx check: S states, T transitions, max depth D, X s, R states/s, B bytes/state stored, …
	local line
	line=$(grep '^kctx check: [0-9]* states' "$work/kerr" | tail -1)
	if [[ -z $line ]]; then
		echo "$res - - - -"
		return
	fi
	awk -v res="$res" '{
		for (i = 1; i <= NF; i++) {
			if ($(i+1) == "states,") s = $i
			if ($(i+1) == "transitions,") t = $i
			if ($(i+1) == "s,") secs = $i
			if ($(i+1) == "bytes/state") b = $i
		}
		printf "%s %s %s %s %.0f\n", res, s, t, secs, b
	}' <<<"$line"
}

rate() { awk -v s="$1" -v t="$2" 'BEGIN{ if (s == "-" || t == "-") print "-"; else if (t + 0 > 0) printf "%.0f", s / t; else print ">" s / 0.01 }'; }

printf "%-12s | %-9s %10s %11s %8s %10s %7s | %-9s %10s %11s %8s %10s %7s\n" \
	model "kctx" states transitions s states/s B/state "spin" states transitions s states/s B/state
printf '%s\n' "$(printf '%.0s-' {1..150})"
for n in $sizes; do
	for kind in bug full; do
		if [[ $kind == bug ]]; then
			k=$(kctx_run "examples/check_scale_${n}_unordered" --search dfs)
			s=$(spin_run "$n" "" "-m200000")
		else
			k=$(kctx_run "examples/check_scale_${n}_ordered" --search dfs)
			s=$(spin_run "$n" "-DORDERED" "-m200000 -w26")
		fi
		read -r kr ks kt ksec kb <<<"$k"
		read -r sr ss st ssec sb <<<"$s"
		printf "%-12s | %-9s %10s %11s %8s %10s %7s | %-9s %10s %11s %8s %10s %7s\n" "scale_${n}_$kind" \
			"$kr" "$ks" "$kt" "$ksec" "$(rate "$ks" "$ksec")" "$kb" "$sr" "$ss" "$st" "$ssec" "$(rate "$ss" "$ssec")" "$sb"
	done
done
echo "kctx: $kctx check --max-irqs 0 --hash $hash --search dfs; spin: $(spin -V 2>/dev/null || echo 'not installed (apt-get install spin)')"
