# Memory errors reported like Linux 6.1: KASAN (debug profile; module code and the
# mem*/str*/user-copy functions it calls), SLUB's hardened freelist
# check and silent corruption (debian), the NULL-dereference oops, the stack guard page.
kctx_golden(kasan_uaf examples/kasan_uaf 1)
kctx_golden(kasan_uaf_debian examples/kasan_uaf 0 --config debian)
kctx_golden(kasan_oob examples/kasan_oob 1)
kctx_golden(kasan_oob_debian examples/kasan_oob 0 --config debian)
kctx_golden(kasan_double_free examples/kasan_double_free 1)
kctx_golden(kasan_double_free_debian examples/kasan_double_free 1 --config debian)
# KASAN's check of a user copy's kernel buffer (lib/usercopy.c, include/linux/instrumented.h).
kctx_golden(kasan_memcpy examples/kasan_memcpy 1)
kctx_golden(kasan_memcpy_debian examples/kasan_memcpy 0 --config debian)
# CONFIG_SLAB_FREELIST_HARDENED (debian): a free pointer overwritten after kfree() decodes
# to a non-canonical address; the kmalloc after next faults loading it (mm/slub.c
# freelist_ptr(), arch/x86/kernel/traps.c exc_general_protection()).
kctx_golden(slub_freelist_hardened tests/scenarios/slub_freelist_hardened 1)
kctx_golden(null_deref examples/null_deref 1)
kctx_golden(stack_overflow examples/stack_overflow 1)

# kasan_multi_shot (an init.sh header key, the boot parameter): every bad access is
# reported, not just the first.
add_test(NAME kasan.multi_shot COMMAND $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/tests/scenarios/kasan_multi_shot)
set_tests_properties(kasan.multi_shot PROPERTIES
  PASS_REGULAR_EXPRESSION "BUG: KASAN: slab-out-of-bounds in twice_init.*BUG: KASAN: use-after-free in twice_init")
# A mem*/str* function of module code faulting on memory nothing maps: the oops is in
# the function, the module function leads the trace (both profiles alike).
kctx_golden(null_copy examples/null_copy 1)
kctx_golden(null_copy_debian examples/null_copy 1 --config debian)
