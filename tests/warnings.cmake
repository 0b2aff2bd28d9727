# The compiler's warnings: printed before the run with their option, as clang prints
# them; -w drops them; -Werror makes them errors (exit status 2).
set(warn_dir ${PROJECT_SOURCE_DIR}/tests/scenarios/compiler_warnings)
add_test(NAME warnings.reported COMMAND $<TARGET_FILE:kctx> run ${warn_dir})
set_tests_properties(warnings.reported PROPERTIES PASS_REGULAR_EXPRESSION
  "tick.c:16:16: warning: initializing 'char \\*' from 'int' makes a pointer from an integer without a cast \\[-Wint-conversion\\].*tick.c:17:16: warning: initializing 'long' from 'char \\*' makes an integer from a pointer without a cast \\[-Wint-conversion\\].*tick.c:19:27: warning: incompatible pointer types passing to parameter of type 'void \\(\\*\\)\\(struct timer_list \\*\\)' from 'void \\(\\*\\)\\(unsigned long\\)' \\[-Wincompatible-pointer-types\\].*tick: armed")
add_test(NAME warnings.werror COMMAND sh -c "$<TARGET_FILE:kctx> run -Werror ${warn_dir} >/dev/null; echo status $?")
set_tests_properties(warnings.werror PROPERTIES PASS_REGULAR_EXPRESSION
  "tick.c:16:16: error: initializing 'char \\*' from 'int' makes a pointer from an integer without a cast \\[-Werror,-Wint-conversion\\].*status 2")
add_test(NAME warnings.quiet COMMAND sh -c "$<TARGET_FILE:kctx> run -w ${warn_dir} 2>&1 | grep -c 'warning:'")
set_tests_properties(warnings.quiet PROPERTIES PASS_REGULAR_EXPRESSION "^0\n$")
