# Module building and loading: Kbuild files, composite modules, real #includes, module
# parameters (src/cli/Kbuild.cpp, src/lang/PpInclude.cpp, src/kernel/module/Params.cpp).
kctx_golden(kbuild examples/kbuild 0)
kctx_golden(modparams examples/modparams 0)
# A module checked as its author's test script checks it: printf, [ "$(cat)" = ... ], set -e.
kctx_golden(selftest examples/selftest 0)
# Both modules' errors are reported: the first's missing header and the second's typo.
kctx_bad_input(bad_include "first\\.c:2:10: error: 'missing\\.h' file not found \\(searched .*bad_include/, then kctx's headers\\)")
add_test(NAME bad_input.bad_include_second
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect_error.sh $<TARGET_FILE:kctx> ${CMAKE_CURRENT_SOURCE_DIR}/bad/bad_include
          "second\\.c:5:9: error: use of undeclared identifier 'undefined_thing'")
kctx_bad_input(include_escape "esc\\.c:2:10: error: .*outside the scenario directory")
# pr_warning() left printk.h in 5.5 (commit "printk: Drop pr_warning definition").
kctx_bad_input(pr_warning "old\\.c:7:2: error: call to undeclared function 'pr_warning'")
kctx_bad_input(unsimulated_api "fw\\.c:8:9: error: 'request_firmware' is a Linux 6.1 API that kctx does not simulate")
# A GPIO board module: its types compile; gpio_request() is the one error, at its column.
add_test(NAME bad_input.gpio_board COMMAND $<TARGET_FILE:kctx> run ${CMAKE_CURRENT_SOURCE_DIR}/bad/gpio_board)
set_tests_properties(bad_input.gpio_board PROPERTIES
  PASS_REGULAR_EXPRESSION "board\\.c:10:9: error: 'gpio_request' is a Linux 6.1 API that kctx does not simulate"
  FAIL_REGULAR_EXPRESSION "incomplete|undeclared|Segmentation|Aborted")
