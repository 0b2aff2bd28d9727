#!/usr/bin/env bash
# A CMAKE_CXX_COMPILER_LAUNCHER that logs each compilation's CPU time (user+sys, as
# /usr/bin/time reports it) and its output file to $KCTX_CPU_LOG, one line each:
#   SECONDS OUTPUT
# CPU seconds, unlike wall time, do not change when others share the machine.
# Summarise with scripts/cpu-time-table.sh LOG. Used for issue 17's set-up figures:
#   CCACHE_DISABLE=1 cmake -S . -B /tmp/b -G Ninja -DCMAKE_BUILD_TYPE=Release \
#     -DKCTX_WERROR=ON -DCMAKE_CXX_COMPILER_LAUNCHER=$PWD/scripts/cpu-time-launcher.sh
#   KCTX_CPU_LOG=/tmp/cpu.log cmake --build /tmp/b -j2 --target kctx
set -uo pipefail
out=?
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
	if [[ ${args[i]} == -o ]]; then out=${args[i + 1]}; fi
done
tf=$(mktemp)
/usr/bin/time -f '%U %S' -o "$tf" "$@"
status=$?
if [[ -n ${KCTX_CPU_LOG:-} ]]; then
	read -r u s <"$tf" && awk -v u="$u" -v s="$s" -v o="$out" 'BEGIN { printf "%.2f %s\n", u + s, o }' >>"$KCTX_CPU_LOG"
fi
rm -f "$tf"
exit $status
