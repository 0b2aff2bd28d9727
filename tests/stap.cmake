# issue 13: `kctx stap -p1`, the SystemTap front end (parse only so far).
function(kctx_stap name status stdout stderr)
  add_test(NAME stap.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/stap/run.sh $<TARGET_FILE:kctx> ${status} ${stdout} ${stderr} ${ARGN})
endfunction()

# The seed's note: ./test.stp 100 "test" prints "arg1 is 100, arg2 is test".
kctx_stap(seed_args 0 test.p1.out - -p1 test.stp 100 test)
kctx_stap(seed_missing_arg 1 - "^parse error: command line argument out of range \\[1-1\\]" -p1 test.stp 100)
kctx_stap(seed_pagefault 0 pagefault.p1.out - -p1 pagefault.stp)
kctx_stap(inline 0 - - -p1 -e "probe begin { exit() }")
kctx_stap(embedded_c 1 - "embedded code in unprivileged script; need stap -g" -p1 -e "%{ int x; %}")
kctx_stap(no_file 1 - "Input file 'nope.stp' can't be opened" -p1 nope.stp)
kctx_stap(help 0 - - --help)
kctx_stap(only_pass1 2 - "only pass 1" -p2 test.stp)
