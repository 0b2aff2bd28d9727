# Issues 11 and 12 (modules3): NO_HZ idle in the event loop, ksoftirqd for softirqs raised
# in process context, /proc/version.
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(nohz_idle|tasklet_wake|proc_version.*)$'
kctx_golden(nohz_idle examples/nohz_idle 0)
# A day of simulated idle time: stepped a quantum at a time it took minutes; jumped from
# event to event it takes well under a second (issue 12 item 5). tests/bounds.sh, as
# tasklimits.cmake's kctx_bounds() runs it (that file is included after this one).
add_test(NAME bounds.nohz_idle
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/bounds.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/nohz_idle 10 256)
set_tests_properties(bounds.nohz_idle PROPERTIES RUN_SERIAL TRUE)
kctx_golden(tasklet_wake examples/tasklet_wake 0)
kctx_golden(proc_version examples/proc_version 0)
kctx_golden(proc_version_debian examples/proc_version 0 --config debian)
kctx_golden(proc_version_4.4 examples/proc_version 0 --kernel 4.4 --config debian)
# A guide's session around a /proc file one opener holds: a program in a subdirectory,
# tail -f in the background, tee, proc_set_size() in ls -l (mods4).
kctx_golden(follow_proc examples/follow_proc 0)
# The kernel's string helpers a module calls (strscpy, strsep, strim, sysfs_streq,
# kstrdup, kasprintf …) and linux/ctype.h (mods4).
kctx_golden(kstring_lib tests/scenarios/kstring_lib 0)
