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
