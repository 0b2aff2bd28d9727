#!/usr/bin/env bash
# robust.sh KCTX SRCDIR CASE|all
# The host-safety and bad-command-line cases of issues 12 and 17: each builds what it
# needs in a scratch directory (FIFOs, symlinks and 5 MB files are not kept in git),
# runs kctx under a time bound (10 s of CPU time, user + sys, as /usr/bin/time measures
# it: wall time on a shared, loaded machine says little; `timeout` 60 s of wall time
# catches a hang) and a memory bound (prlimit on the address space, and the peak RSS
# must stay under 1 GiB), and checks the exit status and a pattern (extended regex) in
# what kctx printed. Each case prints: name, status, wall s, CPU s, peak RSS.
set -u
kctx=$(realpath "$1") src=$(realpath "$2") which=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1

readonly max_cpu=10 hang_wall=60 max_rss_kb=$((1024 * 1024))
# Under the sanitizers (KCTX_SANITIZED=1, set by tests/CMakeLists.txt) only statuses and
# messages are checked: ASan needs terabytes of address space and costs time and memory.
sanitized=${KCTX_SANITIZED:-0}
as_limit=(prlimit --as=$((4 << 30)) --)
(( sanitized )) && as_limit=()
report=""

# expect NAME STATUS PATTERN [--stdout FILE] -- kctx-args...
# Runs kctx with its arguments; stdout goes to /dev/null unless --stdout names a file.
expect() {
	local name=$1 want=$2 pattern=$3
	shift 3
	local out=/dev/null
	if [[ $1 == --stdout ]]; then
		out=$2
		shift 2
	fi
	[[ $1 == -- ]] && shift
	local err=$scratch/$name.err times=$scratch/$name.time
	/usr/bin/time -f '%e %U %S %M' -o "$times" \
		timeout -s KILL $hang_wall "${as_limit[@]}" "$kctx" "$@" >"$out" 2>"$err"
	local status=$?
	[[ -s $times ]] || echo "0 0 0 0" >"$times"
	local wall user sys rss cpu
	read -r wall user sys rss < <(tail -n 1 "$times")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	report+=$(printf '%-30s %3s %7s s wall %6s s CPU %8s KB' "$name" "$status" "$wall" "$cpu" "$rss")$'\n'
	local fail=0
	if [[ $status != "$want" ]]; then
		echo "$name: exit status $status, expected $want"
		fail=1
	fi
	if ! grep -Eq -- "$pattern" "$err"; then
		echo "$name: stderr does not match /$pattern/"
		fail=1
	fi
	if grep -q $'\e\|\a' "$err"; then
		echo "$name: a raw control byte reached stderr"
		fail=1
	fi
	if (( !sanitized )) && awk -v c="$cpu" -v m=$max_cpu 'BEGIN { exit !(c > m) }'; then
		echo "$name: $cpu s of CPU time, over $max_cpu s"
		fail=1
	fi
	if (( !sanitized && ${rss%.*} > max_rss_kb )); then
		echo "$name: peak RSS $rss KB over $max_rss_kb KB"
		fail=1
	fi
	if (( fail )); then
		sed 's/^/  | /' "$err" | head -20
		return 1
	fi
	return 0
}

# scenario DIR INIT [FILE TEXT]...: a scenario directory with init.sh and sources.
scenario() {
	local dir=$1
	mkdir -p "$dir"
	printf '%s\n' "$2" >"$dir/init.sh"
	shift 2
	while (($#)); do
		printf '%s\n' "$2" >"$dir/$1"
		shift 2
	done
}

hello='int main(void) { return 0; }'

case_symlink_out() {
	scenario s './pw'
	ln -s /etc/passwd s/pw.c
	expect symlink_out 2 "s/pw\.c: error: leads to /etc/passwd, outside the scenario directory s" -- run s &&
		! grep -q 'root:' "$scratch/symlink_out.err"
}
case_symlink_dev_zero() {
	scenario s './z'
	ln -s /dev/zero s/z.c
	expect symlink_dev_zero 2 "s/z\.c: error: leads to /dev/zero, outside the scenario directory" -- run s
}
case_fifo_source() {
	scenario s './f'
	mkfifo s/f.c
	expect fifo_source 2 "s/f\.c: error: a FIFO, not a regular file" -- run s
}
case_fifo_init() {
	mkdir s && mkfifo s/init.sh
	expect fifo_init 2 "s/init\.sh: error: a FIFO, not a regular file" -- run s
}
case_fifo_header() {
	scenario s './p' p.c '#include "h.h"'$'\n'"$hello"
	mkfifo s/h.h
	expect fifo_header 2 "p\.c:1:10: error: 'h\.h': cannot include s/h\.h: a FIFO, not a regular file" -- run s
}
case_fifo_kbuild() {
	scenario s 'insmod m.ko'
	mkfifo s/Kbuild
	expect fifo_kbuild 2 "s/Kbuild: error: a FIFO, not a regular file" -- run s
}
case_big_source() {
	scenario s './b'
	head -c 5000000 /dev/zero | tr '\0' ' ' >s/b.c
	expect big_source 2 "s/b\.c: error: file too large \(5000000 bytes; kctx reads sources of at most 4 MiB" -- run s
}
case_disasm_dev_zero() {
	expect disasm_dev_zero 2 "/dev/zero: error: a character device, not a regular file" -- disasm /dev/zero
}
case_disasm_fifo() {
	mkfifo f.c
	expect disasm_fifo 2 "f\.c: error: a FIFO, not a regular file" -- disasm f.c
}
case_output_is_input() {
	cp -r "$src/examples/pingpong" s
	cp s/init.sh before
	expect output_is_input 2 "kctx: error: --perfetto s/init\.sh: that is s/init\.sh, an input of the scenario" \
		-- run s --perfetto s/init.sh &&
		cmp -s before s/init.sh &&
		expect trace_out_is_input 2 "--trace-out s/\./ping\.c: that is s/ping\.c, an input" \
			-- run s --trace=sched --trace-out s/./ping.c
}
case_same_output_twice() {
	cp -r "$src/examples/pingpong" s
	expect same_output_twice 2 "--perfetto t\.json: the same file as --trace-out \./t\.json" \
		-- run s --trace=sched --trace-out ./t.json --perfetto t.json
}
case_empty_output() {
	cp -r "$src/examples/pingpong" s
	expect empty_output 2 "kctx: error: --perfetto: the output file name is empty" -- run s --perfetto ''
}
case_dev_full_console() {
	cp -r "$src/examples/pingpong" s
	expect dev_full_console 2 "^kctx: writing the console: No space left on device$" --stdout /dev/full \
		-- run s --seconds 0.05
}
case_dev_full_trace() {
	cp -r "$src/examples/pingpong" s
	expect dev_full_trace 2 "^kctx: writing '/dev/full': No space left on device$" \
		-- run s --seconds 0.05 --trace=sched --trace-out /dev/full
}
case_dev_full_disasm() {
	printf '%s\n' "$hello" >p.c
	expect dev_full_disasm 2 "^kctx: writing the listing: No space left on device$" --stdout /dev/full -- disasm p.c
}
case_escape_source() {
	scenario s './e' e.c $'int main(void) { \e[31m\a return 0; }'
	expect escape_source 2 'e\.c:1:18: error: invalid character 0x1b' -- run s &&
		grep -Fq '    1 | int main(void) { \x1b[31m\x07 return 0; }' "$scratch/escape_source.err" &&
		grep -Fq '      |                  ^~~~' "$scratch/escape_source.err"
}
case_escape_header() {
	scenario s $'#!kctx preempt=\e]0;pwned\a'$'\n''true'
	expect escape_header 2 "preempt must be none, voluntary or full, got '\\\\x1b\]0;pwned\\\\x07'" -- run s
}
case_max_wall() {
	# A CPU-bound program: an idle machine jumps from event to event (NO_HZ idle) and
	# runs a simulated day in well under a second, so it would never trip the guard.
	scenario s './spin' spin.c 'int main(void) { for (;;) ; return 0; }'
	expect max_wall 3 "^kctx: stopped: the run took more than --max-wall 1 seconds of wall time \(at [0-9.]+ s simulated\)$" \
		-- run s -q --seconds 86400 --max-wall 1
}
case_max_host_memory() {
	# Touching 384 MiB of .bss: the host backs the simulated pages.
	scenario s './hog' hog.c 'static char big[384 << 20];
int main(void) { for (long i = 0; i < sizeof(big); i += 4096) big[i] = 1; return 0; }'
	expect max_host_memory 3 "^kctx: stopped: kctx used [0-9]+ MB of host memory, more than --max-host-memory 100" \
		-- run s -q --max-host-memory 100
}
case_host_limit_values() {
	cp -r "$src/examples/pingpong" s
	expect max_wall_zero 2 "--max-wall: must be a number of seconds greater than 0 and at most 1000000, got '0'" \
		-- run s --max-wall 0 &&
		expect max_memory_tiny 2 "--max-host-memory: must be an integer number of MB from 16 to 1073741824, got '1'" \
			-- run s --max-host-memory 1
}
case_seconds_range() {
	cp -r "$src/examples/pingpong" s
	local v
	for v in 1e30 1e-10 18446744073.709551616 -1 nan inf; do
		expect "seconds_$v" 2 "kctx: error: --seconds: seconds must be a number from 0\.000001 to 86400 \(one simulated day\), got '$v'" \
			-- run s --seconds="$v" || return 1
	done
	scenario h '#!kctx seconds=18446744073.709551616'$'\n''true'
	expect seconds_header 2 "h/init\.sh:1:16: error: seconds must be a number from 0\.000001 to 86400" -- run h
}
case_seed_range() {
	cp -r "$src/examples/pingpong" s
	expect seed_negative 2 "--seed: seed must be an integer from 0 to 18446744073709551615 \(2\^64-1\), got '-5'" \
		-- run s --seed -5 &&
		expect seed_2_64 2 "got '18446744073709551616'" -- run s --seed 18446744073709551616
}
case_cpus_range() {
	cp -r "$src/examples/pingpong" s
	local v
	for v in -1 0 65 4294967297; do
		expect "cpus_$v" 2 "kctx: error: --cpus: cpus must be an integer from 1 to 64, got '$v'" \
			-- run s --cpus="$v" || return 1
	done
}
case_header_blank() {
	scenario s '#! kctx seconds=0.5'$'\n''sleep 1'
	expect header_blank 0 "^kctx: 0\.500000 s simulated" -- run s
}
case_empty_init() {
	mkdir s && : >s/init.sh
	expect empty_init 0 "s/init\.sh: warning: the script runs no command" -- run s
}
case_missing_programs() {
	scenario s $'echo start\n./one\n./two &\ninsmod three.ko\n./one'
	expect missing_programs 2 "s/init\.sh:2:1: error: init\.sh names \./one, but there is no s/one\.c" -- run s &&
		grep -q "s/init\.sh:3:1: error: init\.sh names \./two" "$scratch/missing_programs.err" &&
		grep -q "s/init\.sh:4:8: error: init\.sh names three\.ko, but there is no s/three\.c" "$scratch/missing_programs.err" &&
		grep -q '^      | ^~~~~$' "$scratch/missing_programs.err" &&
		[[ $(grep -c 'error:' "$scratch/missing_programs.err") == 3 ]]
}
case_run_init_sh() {
	cp -r "$src/examples/pingpong" s
	expect run_init_sh 0 "^kctx: 0\.050000 s simulated" -- run s/init.sh -q --seconds 0.05
}
case_not_a_directory() {
	printf '%s\n' "$hello" >p.c
	expect not_a_directory 2 "p\.c: not a scenario directory" -- run p.c
}
case_typos() {
	cp -r "$src/examples/pingpong" s
	expect typo_cpu 2 "^kctx: error: unknown option '--cpu'; did you mean --cpus\?$" -- run s --cpu 2 &&
		expect typo_quite 2 "unknown option '--quite'; did you mean --quiet\?" -- run s --quite &&
		expect typo_perfeto 2 "unknown option '--perfeto'; did you mean --perfetto\?" -- run s --perfeto=x.json &&
		expect typo_runn 2 "^kctx: error: unknown subcommand 'runn'; did you mean run\?$" -- runn s
}
case_big_file_no_macros() {
	# about 1.3 MB and 340k tokens without a macro: the expansion limits are beyond
	# the tokens read, so only a real macro bomb meets them.
	scenario s './big'
	{
		for ((i = 0; i < 60000; i++)); do printf 'int v%d = %d;\n' $i $i; done
		printf '%s\n' "$hello"
	} >s/big.c
	expect big_file_no_macros 0 "^kctx: .* no reports" -- run s -q
}
case_macro_bomb() {
	local text='' i
	text+='#define a0 x x'$'\n'
	for ((i = 1; i < 40; i++)); do text+="#define a$i a$((i - 1)) a$((i - 1))"$'\n'; done
	scenario s './bomb' bomb.c "${text}int main(void) { a39; }"
	expect macro_bomb 2 "bomb\.c:41:18: error: macro expansion produces too many tokens \(more than 262144 macro expansions beyond one for each of the [0-9]+ tokens of the files read\)" -- run s
}
case_long_init_sh() {
	{
		for ((i = 0; i < 100000; i++)); do echo 'true'; done
	} >init.sh
	mkdir s && mv init.sh s/
	expect long_init_sh 0 "^kctx: .* no reports" -- run s -q
}
case_huge_static() {
	scenario s './h' h.c 'static char big[1ull << 40];
int main(void) { return big[0]; }'
	expect huge_static 2 "s/h\.c:1:13: error: 'big' does not fit in the data segment: 1099511627776 bytes at offset [0-9]+, past the limit of 2147483648 bytes" -- run s
}
case_utf8_identifiers() {
	scenario s './u' u.c '#include <stdio.h>
int größe = 3;
int main(void) { int 変数 = größe; printf("%d\n", 変数); return 0; }'
	expect utf8_identifiers 0 "no reports" --stdout "$scratch/u.out" -- run s &&
		grep -q '^3$' "$scratch/u.out"
}

cases=$(declare -F | awk '{print $3}' | sed -n 's/^case_//p')
if [[ $which == all ]]; then
	failed=0
	for c in $cases; do
		(mkdir "$scratch/$c" && cd "$scratch/$c" && { "case_$c"; s=$?; printf '%s' "$report"; exit $s; }) ||
			{ echo "FAILED: $c"; failed=1; }
		rm -rf "${scratch:?}/$c"
	done
	exit $failed
fi
if ! declare -F "case_$which" >/dev/null; then
	echo "no case '$which' (cases: $cases)"
	exit 1
fi
mkdir "$scratch/$which" && cd "$scratch/$which" || exit 1
"case_$which"
status=$?
printf '%s' "$report"
exit $status
