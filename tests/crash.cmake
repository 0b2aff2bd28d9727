# issue 14: vmcores (kctx run --vmcore) and crash's commands on them (kctx crash).
function(kctx_crash_session name dir cmds)
  add_test(NAME crash.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/crash/session.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/${dir}
            ${CMAKE_CURRENT_SOURCE_DIR}/crash/${cmds} ${CMAKE_CURRENT_SOURCE_DIR}/golden/crash_${name}.out ${ARGN})
endfunction()

# sysrq-c while cst's timer calls schedule(): the console as kdump leaves it, then a session.
kctx_golden(crash_dump_console examples/crash_dump 1)
# With a crash kernel loaded, panic() kexecs before its "end Kernel panic" line.
kctx_golden(crash_dump_kdump examples/crash_dump 1 --vmcore /dev/null)
kctx_crash_session(dump examples/crash_dump crash_dump.cmds)
# A dump taken mid-run, not at a panic: no PANIC string, the tasks as they were then.
kctx_crash_session(dump_at examples/cst crash_dump_at.cmds --dump-at 1.5 --seconds 2)
# A 4.4 dump's sys: RELEASE and VERSION are 4.4's utsname ("#1 SMP", no PREEMPT_DYNAMIC).
kctx_crash_session(dump_sys_4.4 examples/cst_4.4 crash_sys.cmds --dump-at 1.5 --seconds 2)
add_test(NAME crash.bad_dumps
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/crash/bad_dump.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/crash_dump)
add_test(NAME crash.dump_at_needs_vmcore
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/crash/expect_status.sh 2 "--dump-at takes the dump --vmcore FILE names"
          $<TARGET_FILE:kctx> run ${PROJECT_SOURCE_DIR}/examples/cst --dump-at 1)
# The rest of crash's commands on the same dump (issue 14 item 1).
kctx_crash_session(dump_types examples/crash_dump crash_dump_types.cmds)
kctx_crash_session(dump_tasks examples/crash_dump crash_dump_tasks.cmds)
# irq -s/-a on a machine with a module's shared line: irq_thread mid-run, line 5 requested.
kctx_crash_session(dump_irq examples/irq_thread crash_dump_irq.cmds --dump-at 0.025)
# --json for scripts: ps, bt, task, log, runq.
add_test(NAME crash.json
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/crash/json.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/crash_dump
          ${CMAKE_CURRENT_SOURCE_DIR}/golden/crash_json.out)
# kctx run --resume: a dump mid-run, resumed, prints what the whole run printed from then on.
foreach(ex cst:1.5 spin_sleep_up:30 pipe:0.5)
  string(REPLACE ":" ";" parts ${ex})
  list(GET parts 0 dir)
  list(GET parts 1 at)
  add_test(NAME crash.resume_${dir}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/crash/resume.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/${dir} ${at})
endforeach()
# A dump resumed against another scenario is refused: its code is not the dump's.
add_test(NAME crash.resume_other_scenario
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/crash/resume_mismatch.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples)
# /proc/kcore, the live memory source crash uses under STRICT_DEVMEM: root reads its
# ELF header.
kctx_golden(proc_kcore tests/scenarios/proc_kcore 0)
# crash inside the machine: /proc/kcore under STRICT_DEVMEM, then /dev/crash.
kctx_golden(crash_live examples/crash_live 0)
