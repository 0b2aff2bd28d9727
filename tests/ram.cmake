# mem= and the out-of-memory paths (issue 12, item 1: RAM size and OOM).
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(oom_kmalloc|oom_atomic|oom_user|alloc_limits)$'
kctx_golden(oom_kmalloc examples/oom_kmalloc 0)
kctx_golden(oom_atomic examples/oom_atomic 0)
kctx_golden(oom_user examples/oom_user 0)
kctx_golden(alloc_limits examples/alloc_limits 1)
# Each of them runs in under 5 s of wall time and within the host-memory bound of
# docs/limits.md (a multiple of mem=), measured by the script.
foreach(name oom_kmalloc oom_atomic oom_user alloc_limits)
  add_test(NAME ram.bound.${name}
           COMMAND ${PROJECT_SOURCE_DIR}/tests/ram_bound.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/${name})
endforeach()
# The worst case for the bound: the smallest slab objects, whose records outweigh them
# (debian: without KASAN's per-object stacks, see docs/limits.md). Millions of
# allocations: it may take longer than the scenarios above.
add_test(NAME ram.bound.kmalloc8_debian COMMAND ${PROJECT_SOURCE_DIR}/tests/ram_bound.sh $<TARGET_FILE:kctx>
         ${PROJECT_SOURCE_DIR}/tests/scenarios/oom_kmalloc8 --config debian)
set_tests_properties(ram.bound.kmalloc8_debian PROPERTIES ENVIRONMENT RAM_BOUND_SECONDS=60)
# The same with KASAN (the debug profile): each object's alloc track names its stack in
# the stack depot (mm/StackDepot.h) instead of holding a copy, so a million tiny objects
# stay within the same bound (they took 1.4 GB before).
add_test(NAME ram.bound.kmalloc8_kasan COMMAND ${PROJECT_SOURCE_DIR}/tests/ram_bound.sh $<TARGET_FILE:kctx>
         ${PROJECT_SOURCE_DIR}/tests/scenarios/oom_kmalloc8 --config debug)
set_tests_properties(ram.bound.kmalloc8_kasan PROPERTIES ENVIRONMENT RAM_BOUND_SECONDS=60)
# Bad mem= values are input errors (exit 2) with the rule in the message.
add_test(NAME ram.bad_mem COMMAND $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/examples/oom_user --mem 8M)
set_tests_properties(ram.bad_mem PROPERTIES
                     PASS_REGULAR_EXPRESSION "mem must be a size from 32M to 16G")
