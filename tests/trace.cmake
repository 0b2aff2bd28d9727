# Tracing (src/trace): ftrace text interleaved with the console. Regenerate the golden
# with: KCTX_UPDATE_GOLDEN=1 ctest -R golden.pingpong_trace
kctx_golden(pingpong_trace examples/pingpong 0 --trace=sched,syscalls,irq --seconds 0.05)

# Bad tracing flags are bad input: a message naming the problem on stderr, exit status 2.
# (expect_error.sh takes no flags, so the check is inline.)
function(kctx_trace_bad_flag name pattern)
  add_test(NAME bad_input.${name}
    COMMAND bash -c "err=$(timeout 20 \"$0\" run \"$1\" \"\${@:3}\" 2>&1 >/dev/null); s=$?; \
[[ $s == 2 ]] || { echo \"exit status $s, expected 2: $err\"; exit 1; }; \
grep -Eq -- \"$2\" <<<\"$err\" || { echo \"stderr does not match /$2/: $err\"; exit 1; }"
      $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/pingpong ${pattern} ${ARGN})
endfunction()

kctx_trace_bad_flag(trace_category "unknown category 'sycalls'" --trace=sched,sycalls)
kctx_trace_bad_flag(trace_empty_category "empty category" --trace=sched,)
kctx_trace_bad_flag(trace_out_needs_trace "--trace-out requires --trace" --trace-out=/dev/null)
kctx_trace_bad_flag(trace_out_unwritable "cannot create '/nonexistent/t.txt'" --trace=sched --trace-out=/nonexistent/t.txt)
