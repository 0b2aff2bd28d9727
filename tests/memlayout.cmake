# Module and program memory as Linux lays it out (issue 12, item 2): the module area
# allocated as module_alloc() does, brk past .bss, .bss zero-filled on first touch.
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(mod_cycles|mod_pair|mod_too_big|prog_heap|big_static)$'
kctx_golden(mod_cycles examples/mod_cycles 0)
kctx_golden(mod_pair examples/mod_pair 0)
kctx_golden(mod_too_big examples/mod_too_big 0)
kctx_golden(prog_heap examples/prog_heap 0)
kctx_golden(big_static examples/big_static 0)
# Huge static arrays cost what they touch: a 1 GiB one in a program and a 512 MiB one in
# a module run in under 2 s of CPU time and 200 MB of host memory.
add_test(NAME bounded.big_static
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/bounded_run.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/big_static 2 200)
add_test(NAME bounded.mod_too_big
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/bounded_run.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/mod_too_big 2 200)
# A data segment past the 2 GiB the code model reaches: an error at the declaration.
kctx_bad_input(data_too_large "toolarge\\.c:4:13: error: 'big' does not fit in the data segment")
