# `kctx api`: what a module may call, from the same tables the compiler reads.
add_test(NAME cli.api_kmalloc COMMAND $<TARGET_FILE:kctx> api kmalloc)
set_tests_properties(cli.api_kmalloc PROPERTIES
  PASS_REGULAR_EXPRESSION "builtin  may sleep: if gfp allows, any context +void \\*kmalloc\\(size_t size, gfp_t flags\\)")
add_test(NAME cli.api_headers COMMAND $<TARGET_FILE:kctx> api --headers seq_)
set_tests_properties(cli.api_headers PROPERTIES PASS_REGULAR_EXPRESSION "^<linux/seq_file.h>\n$")
add_test(NAME cli.api_nothing_matches COMMAND $<TARGET_FILE:kctx> api no_such_function)
set_tests_properties(cli.api_nothing_matches PROPERTIES
  PASS_REGULAR_EXPRESSION "kctx api: nothing in the kernel API matches .no_such_function.")
