# issue 12 item 4 and issue 17 item 4: host safety and every mistake placed. Each case of
# tests/hostsafe/robust.sh builds its scenario in a scratch directory (FIFOs, symlinks, big
# files), runs kctx within 10 s and 1 GiB, and checks the exit status and the message.
# `tests/hostsafe/robust.sh build/kctx . all` prints each case's wall time and peak RSS.
set(kctx_hostsafe_cases
  symlink_out symlink_dev_zero fifo_source fifo_init fifo_header fifo_kbuild big_source disasm_dev_zero disasm_fifo output_is_input same_output_twice empty_output dev_full_console dev_full_trace dev_full_disasm escape_source escape_header max_wall max_host_memory host_limit_values seconds_range seed_range cpus_range header_blank empty_init missing_programs run_init_sh not_a_directory typos big_file_no_macros macro_bomb long_init_sh huge_static utf8_identifiers)
foreach(c ${kctx_hostsafe_cases})
  add_test(NAME hostsafe.${c}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostsafe/robust.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR} ${c})
  set_tests_properties(hostsafe.${c} PROPERTIES TIMEOUT 60)
endforeach()
