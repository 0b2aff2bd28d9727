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

# -Wformat as gcc 12 gives it (issue 17): printf's every kind of mismatch, compared line
# for line with what gcc 12.2 -Wall printed for the same file; printk, pr_info, seq_printf
# and WARN in a module, with the kernel's %p extensions accepted.
add_test(NAME warnings.format_as_gcc12
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/format_warnings.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/tests/scenarios/format_warnings
          ${CMAKE_CURRENT_SOURCE_DIR}/format_warnings.gcc12.txt)
add_test(NAME warnings.format_kernel COMMAND $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/tests/scenarios/format_kernel)
set_tests_properties(warnings.format_kernel PROPERTIES
  PASS_REGULAR_EXPRESSION "fmtmod.c:12:19: warning: format '%lu' expects argument of type 'long unsigned int', but argument 3 has type 'int' \\[-Wformat=\\].*fmtmod.c:18:2: warning: format '%d' expects argument of type 'int', but argument 2 has type 'long int' \\[-Wformat=\\].*fmtmod.c:18:24: note: format string is defined here.*fmtmod.c:19:9: warning: format '%s' expects argument of type 'char \\*', but argument 2 has type 'int'.*fmtmod.c:19:29: note: format string is defined here.*fmtmod.c:19:9: warning: format '%d' expects a matching 'int' argument \\[-Wformat=\\].*fmtmod.c:20:2: warning: too many arguments for format \\[-Wformat-extra-args\\].*fmtmod.c:22:2: warning: format '%p' expects argument of type 'void \\*', but argument 2 has type 'long int'.*fmtmod.c:23:29: warning: format '%s' expects argument of type 'char \\*', but argument 2 has type 'int'.*fmtmod: ok 2 5 8 8 3 x % str"
  FAIL_REGULAR_EXPRESSION "fmtmod.c:(21|24):")
add_test(NAME warnings.format_werror COMMAND sh -c "$<TARGET_FILE:kctx> run -Werror ${PROJECT_SOURCE_DIR}/tests/scenarios/format_kernel >/dev/null; echo status $?")
set_tests_properties(warnings.format_werror PROPERTIES PASS_REGULAR_EXPRESSION
  "fmtmod.c:12:19: error: format '%lu' expects .*\\[-Werror,-Wformat=\\].*status 2")
