#!/usr/bin/env bash
# Runs one fuzzer `make fuzz` built in BUILD_DIR for SECONDS:
#   compile  kctx_fuzz_compile over kernel-C; seeds every examples/**/*.c, dictionary
#            kernel-c.dict, regressions in regressions/
#   init     kctx_fuzz_init over init.sh; seeds every examples/**/init.sh, dictionary
#            init-sh.dict, regressions in regressions-init/
#   scenario kctx_fuzz_scenario over whole scenarios made by a grammar from the input's
#            bytes (gen/); no seeds or dictionary (the bytes are choices, not text),
#            regressions in regressions-scenario/
# Fails when libFuzzer finds a crash, a sanitizer report, a leak, a hang (-timeout) or
# runaway memory (-rss_limit_mb); the input that did it is left in
# BUILD_DIR/artifacts/TARGET/ — add it to the target's regressions folder once fixed.
set -euo pipefail

usage="usage: fuzz/run.sh BUILD_DIR SECONDS [compile|init|scenario]"
build_dir=${1:?$usage}
seconds=${2:?$usage}
target=${3:-compile}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

case $target in
compile) binary=kctx_fuzz_compile seed_name='*.c' dict=kernel-c.dict regressions=regressions ;;
init) binary=kctx_fuzz_init seed_name=init.sh dict=init-sh.dict regressions=regressions-init ;;
scenario) binary=kctx_fuzz_scenario seed_name='' dict='' regressions=regressions-scenario ;;
*) echo "$usage" >&2; exit 2 ;;
esac

seeds="$build_dir/seeds/$target"
corpus="$build_dir/corpus/$target"       # what libFuzzer learns; kept between runs
artifacts="$build_dir/artifacts/$target"
mkdir -p "$seeds" "$corpus" "$artifacts"
rm -f "$seeds"/*
if [[ -n $seed_name ]]; then
	while IFS= read -r -d '' f; do
		rel=${f#"$root/examples/"}
		cp "$f" "$seeds/${rel//\//_}"
	done < <(find "$root/examples" -name "$seed_name" -print0)
fi
dict_flag=()
[[ -n $dict ]] && dict_flag=(-dict="$here/$dict")

# Leak detection is on by default under ASan; say so anyway, with the options that make
# a UBSan report fatal (it would otherwise print and go on).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# One job: the machine's cores are shared. -timeout makes a hang (an input that takes
# longer than 10 s) a failure; -max_len lets the seed files through whole.
exec "$build_dir/fuzz/$binary" \
	-max_total_time="$seconds" \
	-timeout=10 \
	-rss_limit_mb=2048 \
	-malloc_limit_mb=2048 \
	-detect_leaks=1 \
	-max_len=16384 \
	-print_final_stats=1 \
	"${dict_flag[@]}" \
	-artifact_prefix="$artifacts/" \
	"$corpus" "$seeds" "$here/$regressions"
