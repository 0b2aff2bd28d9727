#!/usr/bin/env bash
# Runs the kernel-C compile fuzzer (built by `make fuzz` in BUILD_DIR) for SECONDS.
# Seeds: every examples/**/*.c plus fuzz/regressions/ (inputs that once broke the
# compiler). Fails when libFuzzer finds a crash, a sanitizer report, a leak, a hang
# (-timeout) or runaway memory (-rss_limit_mb); the input that did it is left in
# BUILD_DIR/artifacts/ — add it to fuzz/regressions/ once fixed.
set -euo pipefail

build_dir=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

seeds="$build_dir/seeds"
corpus="$build_dir/corpus"       # what libFuzzer learns; kept between runs
artifacts="$build_dir/artifacts"
mkdir -p "$seeds" "$corpus" "$artifacts"
rm -f "$seeds"/*
while IFS= read -r -d '' f; do
	rel=${f#"$root/examples/"}
	cp "$f" "$seeds/${rel//\//_}"
done < <(find "$root/examples" -name '*.c' -print0)

# Leak detection is on by default under ASan; say so anyway, with the options that make
# a UBSan report fatal (it would otherwise print and go on).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# One job: the machine's cores are shared. -timeout makes a hang (an input that takes
# longer than 10 s to compile) a failure; -max_len lets the seed files through whole.
exec "$build_dir/fuzz/kctx_fuzz_compile" \
	-max_total_time="$seconds" \
	-timeout=10 \
	-rss_limit_mb=2048 \
	-malloc_limit_mb=2048 \
	-detect_leaks=1 \
	-max_len=16384 \
	-print_final_stats=1 \
	-dict="$here/kernel-c.dict" \
	-artifact_prefix="$artifacts/" \
	"$corpus" "$seeds" "$here/regressions"
