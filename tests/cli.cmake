# The command's conveniences (issue 17): feedback on long runs, kctx new, a directory of
# scenarios listed, colour, the man page, completion, make install.

# A progress line on a terminal, then SIGINT/SIGTERM: the summary so far, 130/143.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  foreach(mode progress-sigint sigterm pipe)
    add_test(NAME cli.run_${mode}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/pty_run.py $<TARGET_FILE:kctx>
              ${PROJECT_SOURCE_DIR}/examples/cst ${mode})
    set_tests_properties(cli.run_${mode} PROPERTIES TIMEOUT 60)
  endforeach()
endif()

# kctx new: a starter that runs cleanly, never an overwrite.
add_test(NAME cli.new COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/new_scenario.sh $<TARGET_FILE:kctx>)
# kctx run on a directory of scenarios lists them with their README's first line.
add_test(NAME cli.run_lists_examples COMMAND $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/examples)
set_tests_properties(cli.run_lists_examples PROPERTIES PASS_REGULAR_EXPRESSION
  "examples holds [0-9]+ scenarios; run one with kctx run .*/examples/NAME:\n.*\n  cst +cst — schedule\\(\\) from a timer interrupt\n")

# --color: diagnostics as gcc colours them, the console as dmesg --color does; NO_COLOR
# and never turn it off; auto colours nothing that is not a terminal.
add_test(NAME cli.color_diagnostics COMMAND $<TARGET_FILE:kctx> run --color=always ${CMAKE_CURRENT_SOURCE_DIR}/bad/unknown_function)
set_tests_properties(cli.color_diagnostics PROPERTIES PASS_REGULAR_EXPRESSION
  ".\\[01m.\\[K[^\n]*typo\\.c:6:2:.\\[m.\\[K .\\[01;31m.\\[Kerror: .\\[m.\\[K")
add_test(NAME cli.color_console COMMAND $<TARGET_FILE:kctx> run --color=always --seconds 1.1 ${PROJECT_SOURCE_DIR}/examples/cst)
set_tests_properties(cli.color_console PROPERTIES PASS_REGULAR_EXPRESSION
  ".\\[32m\\[ +1\\.[0-9]+\\].\\[0m .\\[33mBUG:.\\[0m .\\[31mscheduling while atomic: cst_test/")
add_test(NAME cli.color_never COMMAND sh -c "NO_COLOR= $<TARGET_FILE:kctx> run --color=never --seconds 1.1 ${PROJECT_SOURCE_DIR}/examples/cst 2>&1 | grep -c \"$(printf '\\033')\"")
set_tests_properties(cli.color_never PROPERTIES PASS_REGULAR_EXPRESSION "^0\n$")
add_test(NAME cli.color_bad_value COMMAND sh -c "$<TARGET_FILE:kctx> run --color=sometimes ${PROJECT_SOURCE_DIR}/examples/cst; echo status $?")
set_tests_properties(cli.color_bad_value PROPERTIES PASS_REGULAR_EXPRESSION "--color.*sometimes.*status 2")
if(Python3_FOUND)
  foreach(mode color-auto no-color)
    add_test(NAME cli.run_${mode}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/pty_run.py $<TARGET_FILE:kctx>
              ${CMAKE_CURRENT_SOURCE_DIR}/bad/unknown_function ${mode})
  endforeach()
endif()

# The man page (generated from --help beside the binary), bash completion, make install.
add_test(NAME cli.man_page COMMAND sh -c "MANWIDTH=100 man -l ${PROJECT_BINARY_DIR}/kctx.1")
set_tests_properties(cli.man_page PROPERTIES PASS_REGULAR_EXPRESSION
  "KCTX\\(1\\).*NAME\n +kctx - a simulator of Linux 6\\.1 kernel execution contexts.*kctx new.*--color WHEN.*NO_COLOR")
add_test(NAME cli.completion COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/completion.sh $<TARGET_FILE:kctx>
  ${PROJECT_SOURCE_DIR}/scripts/kctx-completion.bash ${PROJECT_SOURCE_DIR}/examples)
add_test(NAME cli.install COMMAND sh -c
  "d=$(mktemp -d) && cmake --install ${PROJECT_BINARY_DIR} --prefix $d --component Unspecified >/dev/null && cd $d && find . -type f | sort && ./bin/kctx --version; rm -rf $d")
set_tests_properties(cli.install PROPERTIES PASS_REGULAR_EXPRESSION
  "^./bin/kctx\n./share/bash-completion/completions/kctx\n./share/man/man1/kctx.1\nkctx 0\\.1\\.0")
