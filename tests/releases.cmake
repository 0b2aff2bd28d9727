# Issue 16: --kernel 4.4 beside 6.1 (kernel/release). The seed's experiment on 4.4, the
# 6.1 examples that compile on 4.4 run there in 4.4's formats, a module that takes the
# branch LINUX_VERSION_CODE gives it on each release, and each release's API as errors.
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\..*_4\.4|golden\.timer_compat'
kctx_golden(cst_4.4 examples/cst_4.4 1)
kctx_golden(cst_4.4_debug examples/cst_4.4 1 --config debug --seconds 2.5)
kctx_golden(spin_sleep_up_4.4 examples/spin_sleep_up 1 --kernel 4.4 --config debian)
kctx_golden(spin_sleep_up_4.4_debug examples/spin_sleep_up 1 --kernel 4.4)
kctx_golden(hrtimer_schedule_4.4 examples/hrtimer_schedule 1 --kernel 4.4)
kctx_golden(abba_4.4 examples/abba 1 --kernel 4.4)
kctx_golden(hung_task_4.4 examples/hung_task 1 --kernel 4.4 --config debian)
kctx_golden(softlockup_panic_4.4 examples/softlockup_panic 1 --kernel 4.4 --config debian)
kctx_golden(timer_compat_4.4 examples/timer_compat 0 --kernel 4.4)
kctx_golden(timer_compat_6.1 examples/timer_compat 0 --kernel 6.1)
kctx_bad_input(timer_setup_on_4_4 "cst\\.c:23:2: error: .*undeclared function 'timer_setup'")
kctx_bad_input(setup_timer_on_6_1 "cst\\.c:27:2: error: .*undeclared function 'setup_timer'")
kctx_bad_input(kernel_5_10 "init\\.sh:1:32: error: kernel must be 4\\.4 or 6\\.1, got '5\\.10'")
# A 4.4 procfs driver (proc_create() with file_operations, do_gettimeofday()) runs on 4.4;
# on 6.1 it stops where Linux 6.1's compiler would: struct timeval is gone.
kctx_golden(procfs_4.4 examples/procfs_4.4 0)
add_test(NAME bad_input.procfs_4.4_on_6.1 COMMAND $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/examples/procfs_4.4 --kernel 6.1)
set_tests_properties(bad_input.procfs_4.4_on_6.1 PROPERTIES
  PASS_REGULAR_EXPRESSION "counter44\\.c:11:23: error: tentative definition has incomplete type 'struct timeval'"
  FAIL_REGULAR_EXPRESSION "Segmentation|Aborted")
# Oopses in 4.4's format (show_fault_oops()'s IP line, __die()'s Stack:/Code: and summary),
# and 4.4's do_exit() leaving a leaked preempt_count for schedule() to report.
kctx_golden(oops_4.4 examples/oops_4.4 1)
kctx_golden(null_call tests/scenarios/null_call 1)
kctx_golden(null_call_4.4 tests/scenarios/null_call 1 --kernel 4.4)
# A 4.4 module older than setup_timer(): init_timer(), .function/.data, DEFINE_SEMAPHORE().
kctx_golden(init_timer_4.4 examples/init_timer_4.4 0)
add_test(NAME bad_input.init_timer_4.4_on_6.1 COMMAND $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/examples/init_timer_4.4 --kernel 6.1)
set_tests_properties(bad_input.init_timer_4.4_on_6.1 PROPERTIES
  PASS_REGULAR_EXPRESSION "gate\\.c:32:2: error: call to undeclared function 'init_timer'"
  FAIL_REGULAR_EXPRESSION "Segmentation|Aborted")
# Each release rejects the other's module API as its compiler would (one module per API).
add_test(NAME releases.api_errors COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/releases/api_errors.sh $<TARGET_FILE:kctx>)
# Each format of the 4.4 table against the line of 4.4's source it comes from (quoted in
# formats.py), matched in the 4.4 goldens; no 4.4 golden in a format only 6.1 has.
add_test(NAME releases.formats_4.4 COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/releases/formats.py ${CMAKE_CURRENT_SOURCE_DIR}/golden)
# Every example on 4.4: it runs in 4.4's formats, or does not compile there for the 6.1
# API releases/not_on_4.4.txt names.
file(GLOB example_inits CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*/init.sh)
foreach(init ${example_inits})
  get_filename_component(dir ${init} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  add_test(NAME on_4.4.${name} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/releases/on_4.4.sh $<TARGET_FILE:kctx> ${dir})
endforeach()
# KASAN on 4.4 (mm/kasan/report.c, mm/slub.c object_err()): "BUG: KASan: use after free in
# … at addr …", SLUB's description of the object with its INFO tracks, every bad access
# reported; the user copies unchecked (instrumented uaccess is 4.8's), so kasan_memcpy's
# overflow goes unreported there.
kctx_golden(kasan_uaf_4.4 examples/kasan_uaf 1 --kernel 4.4)
kctx_golden(kasan_oob_4.4 examples/kasan_oob 1 --kernel 4.4)
kctx_golden(kasan_memcpy_4.4 examples/kasan_memcpy 0 --kernel 4.4)
