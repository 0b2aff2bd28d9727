# issue 13: `kctx stap`, SystemTap scripts: -p1 the front end, -p2 the resolved probe points,
# --run DIR the script attached to a scenario.
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
kctx_stap(pass2 0 test.p2.out - -p2 test.stp 100 test)
kctx_stap(pass2_no_match 1 - "semantic error: no match" -p2 -e "probe kernel.nosuch { }")
kctx_stap(run_needs_scenario 2 - "needs --run DIR" test.stp 100 test)
kctx_stap(bad_define 2 - "MAXACTION must be a number" -D MAXACTION=lots -e "probe begin { }" --run ../../examples/stap_args)

# Scripts run on scenarios: stdout compared with tests/stap/NAME.out
# (KCTX_UPDATE_GOLDEN=1 rewrites it).
set(CONF ${KCTX_STAP_CONFORMANCE_DIR}/examples)
kctx_stap(run_seed_args 0 run_seed_args.out - ../../examples/stap_args/test.stp 100 test --run ../../examples/stap_args)
kctx_stap(run_seed_missing_arg 1 - "command line argument out of range" ../../examples/stap_args/test.stp 100 --run ../../examples/stap_args)
kctx_stap(run_maxaction 1 run_maxaction.out "^ERROR: MAXACTION exceeded near keyword at maxaction.stp:3:33" -D MAXACTION=50 maxaction.stp --run ../../examples/stap_args)
kctx_stap(run_maxmapentries 1 - "^ERROR: Array overflow, check MAXMAPENTRIES near" -D MAXMAPENTRIES=3 -e "global a probe syscall_any { a[tid(), name] ++ }" --run ../../examples/stap_workload)
kctx_stap(run_output_file 0 - - -o /dev/null -e "probe oneshot { println(\"x\") }" --run ../../examples/stap_args)
# The classic SystemTap examples (shared/conformance/systemtap/examples) that use what kctx
# has, each on the workload scenario; they skip where the shared folder is absent.
foreach(ex general_helloworld process_syscalls_by_proc profiling_thread-times process_sched-latency)
  if(EXISTS ${CONF}/${ex}.stp)
    kctx_stap(conformance_${ex} 0 conf_${ex}.out - ${CONF}/${ex}.stp --run ../../examples/stap_workload)
  endif()
endforeach()
if(EXISTS ${CONF}/profiling_sched_switch.stp)
  kctx_stap(conformance_profiling_sched_switch 0 conf_profiling_sched_switch.out -
    ${CONF}/profiling_sched_switch.stp name napper --run ../../examples/stap_workload --seconds 0.3)
endif()
# The others, each run as its header says on a scenario that gives it something to see:
# interrupts-by-dev (irq_handler.entry's dev_name, kernel_string()) on two devices'
# interrupts, migrate (sched_migrate_task, @1 a comm) on the workload's chatter, whose
# wake-ups land on the other CPU, schedtimes (sched_process_exec/exit, @defined folded in
# `if`, in_iowait) on the workload. bkl's lock_kernel() left Linux in 2.6.39, and kctx's
# kernel never runs smp_call_function(): stap's own "no match", as on a real 6.1 for bkl.
if(EXISTS ${CONF}/process_schedtimes.stp)
  kctx_stap(conformance_interrupt_interrupts-by-dev 0 conf_interrupt_interrupts-by-dev.out -
    ${CONF}/interrupt_interrupts-by-dev.stp --run ../../examples/stap_irq)
  kctx_stap(conformance_process_migrate 0 conf_process_migrate.out -
    ${CONF}/process_migrate.stp chatter --run ../../examples/stap_workload)
  kctx_stap(conformance_process_schedtimes 0 conf_process_schedtimes.out -
    ${CONF}/process_schedtimes.stp --run ../../examples/stap_workload)
  # topsys and syscallsbypid with kctx's own @prometheus_* macros: the `prometheus` probe
  # (a read of stap's procfs file) never fires in kctx, the rest runs.
  kctx_stap(conformance_profiling_topsys 0 conf_profiling_topsys.out -
    ${CONF}/profiling_topsys.stp --run ../../examples/stap_workload)
  kctx_stap(conformance_profiling_syscallsbypid 0 conf_profiling_syscallsbypid.out -
    ${CONF}/profiling_syscallsbypid.stp --run ../../examples/stap_workload)
  kctx_stap(conformance_locks_bkl 1 - "^semantic error: while resolving probe point: identifier 'kernel' at .*locks_bkl.stp:40:7"
    ${CONF}/locks_bkl.stp 2 --run ../../examples/stap_mutex)
  kctx_stap(conformance_interrupt_scf 1 - "^semantic error: while resolving probe point: identifier 'kernel' at .*interrupt_scf.stp:10:7"
    ${CONF}/interrupt_scf.stp --run ../../examples/stap_mutex)
endif()
# `if (!@defined(...))` is folded before its branch is checked, as stap's elaboration does:
# the dropped branch may name what the event does not have ($rq, an unknown function).
kctx_stap(defined_if_folded 0 - - -p2 -e "probe kernel.trace(\"sched_switch\") { if (!@defined($prev->in_iowait) || 0) println(atomic_read($rq)) else println($prev->in_iowait) }")
kctx_stap(defined_if_kept 1 - "unable to find tracepoint variable '\\$rq'"
  -p2 -e "probe kernel.trace(\"sched_switch\") { if (@defined($prev->in_iowait)) println($rq) }")
# kctx's @prometheus_* tapset macros expand into the prometheus probe's $value lines.
kctx_stap(prometheus_macros 0 prometheus_macros.p1.out - -p1 -e "global a probe prometheus { @prometheus_dump_array2_map(a, \"count\", \"pid\", \"name\", sprint, sprint, syscall_name) }")
# delete a[k, *] deletes the elements whose other keys match; scheduler.process_exit's
# pid and syscall_any's syscall_nr (syscall_name() names it).
kctx_stap(run_slices_exit 0 run_slices_exit.out - -e "global a, n probe begin { a[1,2]=1 a[1,3]=2 a[2,2]=3 a[3,\"x\"]=4 delete a[1,*] delete a[*,\"x\"] foreach ([x,y] in a) printf(\"%d %d\\n\", x, y) } probe scheduler.process_exit { printf(\"%s %d exits\\n\", execname(), pid) } probe syscall_any { if (execname() == \"init\" && n++ < 2) printf(\"%s %d %s\\n\", name, syscall_nr, syscall_name(syscall_nr)) }" --run ../../examples/stap_args)
# -l / -L: the probe points kctx offers, -L with their target variables' types.
kctx_stap(list_vars 0 list_sched.out - -L "kernel.trace(\"sched*\")")
kctx_stap(list_syscalls 0 - - -l "syscall.read*")
# -p2 lists what each probe point resolved to.
kctx_stap(pass2_listing 0 pass2_listing.out - -p2 -e "probe begin, timer.ms(100), syscall.read.return, scheduler.ctxswitch, kernel.trace(\"irq_handler_*\") { }")
# kernel.function() probes on kctx's natives and kernel builtins, with the builtins'
# Linux parameters, $return, and the backtrace family (examples/stap_mutex).
set(MUTEX ../../examples/stap_mutex)
kctx_stap(run_mutex_lat 0 run_mutex_lat.out - ${MUTEX}/mutex_lat.stp --run ${MUTEX})
kctx_stap(run_sched_in_softirq 0 run_sched_in_softirq.out - ${MUTEX}/sched_in_softirq.stp --run ../../examples/cst)
kctx_stap(run_function_vars 0 run_function_vars.out - function_vars.stp --run ${MUTEX})
kctx_stap(list_functions 0 list_functions.out - -L "kernel.function(\"mutex_lock*\")")
kctx_stap(list_function_return 0 list_function_return.out - -L "kernel.function(\"kmalloc\").return")
kctx_stap(pass2_functions 0 pass2_functions.out - -p2 -e "probe kernel.function(\"msleep\").return, kernel.function(\"wait_for_c*\").call, kernel.function(\"do_nanosleep@kernel/time/hrtimer.c\") { }")
kctx_stap(function_bad_var 1 - "semantic error: unable to find local 'nosuch' \\(alternatives: \\$size \\$flags\\)"
  -p2 -e "probe kernel.function(\"kmalloc\") { println($nosuch) }")
kctx_stap(function_no_match 1 - "semantic error: no match" -p2 -e "probe kernel.function(\"no_such_fn\") { }")
kctx_stap(function_optional 0 - - -p2 -e "probe kernel.function(\"no_such_fn\")?, begin { }")
if(EXISTS ${CONF}/process_sleepingBeauties.stp)
  kctx_stap(conformance_process_sleepingBeauties 0 conf_process_sleepingBeauties.out -
    ${CONF}/process_sleepingBeauties.stp --run ${MUTEX})
  kctx_stap(conformance_general_func_time_stats 0 conf_general_func_time_stats.out -
    ${CONF}/general_func_time_stats.stp "kernel.function(\"mutex_lock\")" --run ${MUTEX})
  kctx_stap(conformance_general_para-callgraph 0 conf_general_para-callgraph.out -
    ${CONF}/general_para-callgraph.stp "kernel.function(\"kmalloc\")" "kernel.function(\"kthread\")" --run ${MUTEX})
endif()
# @entry() in .return probes and @cast() to struct task_struct.
kctx_stap(run_entry_cast 0 run_entry_cast.out - entry_cast.stp --run ${MUTEX})
kctx_stap(entry_outside_return 1 - "semantic error: @entry is only valid in .return probes"
  -p2 -e "probe kernel.function(\"kmalloc\") { println(@entry($size)) }")
kctx_stap(cast_unknown_member 1 - "semantic error: kctx resolves @cast to a struct task_struct member"
  -p2 -e "probe begin { println(@cast(0, \"struct task_struct\")->mm) }")
kctx_stap(cast_read_fault 1 - "^ERROR: kernel read fault at 0x0000000000001234 near operator '@cast'"
  -e "probe oneshot { println(@cast(0x1234, \"struct task_struct\")->pid) }" --run ../../examples/stap_args)
# module("NAME").function(): the module's functions the kernel calls into.
kctx_stap(run_cst_timer 0 run_cst_timer.out - ${MUTEX}/cst_timer.stp --run ../../examples/cst)
kctx_stap(pass2_module 0 pass2_module.out - -p2 -e "probe module(\"cst\").function(\"*\").return { println($$return) }" --run ../../examples/cst)
kctx_stap(module_needs_scenario 1 - "semantic error: no match" -p2 -e "probe module(\"cst\").function(\"*\") { }")
# Probes on the scenario's own code (examples/stap_code): module("M").statement() lines
# with the function's locals, process("PROG").function() entry and return with $return and
# print_ubacktrace(), process(...).statement(), @var on a module's static, a line without
# code (stap's "no line records" with the nearest lines).
set(CODE ../../examples/stap_code)
kctx_stap(run_statement 0 run_statement.out - ${CODE}/statement.stp --run ${CODE})
kctx_stap(run_process 0 run_process.out - ${CODE}/process.stp --run ${CODE})
kctx_stap(run_atvar 0 run_atvar.out - atvar.stp --run ${CODE})
kctx_stap(statement_no_line 1 - "semantic error: no line records for sumdev.c:12 \\[man error::dwarf\\] \\(try :11 or :14\\)"
  -p2 -e "probe module(\"sumdev\").statement(\"checksum@sumdev.c:12\") { }" --run ${CODE})
kctx_stap(statement_listing 0 pass2_statement.out - -p2 -e "probe module(\"sumdev\").statement(\"checksum@sumdev.c:14-16\"), process(\"crunch\").function(\"fib\").return { }" --run ${CODE})
kctx_stap(statement_bad_local 1 - "semantic error: unable to find local 'round' \\(alternatives: \\$buf \\$len \\$sum \\$i\\)"
  -p2 -e "probe module(\"sumdev\").statement(\"checksum@sumdev.c:15\") { println($round) }" --run ${CODE})
kctx_stap(atvar_unknown 1 - "semantic error: unable to find global 'nosuch' in module 'sumdev'"
  -p2 -e "probe module(\"sumdev\").function(\"tick_fn\") { println(@var(\"nosuch\")) }" --run ${CODE})
kctx_golden(stap_code examples/stap_code 0)
# Member chains on the module's C types: read through pointers and embedded structs, and
# stap's semantic errors for a member that is not there or a whole struct.
kctx_stap(run_members 0 run_members.out - members.stp --run ${CODE})
kctx_stap(member_missing 1 - "semantic error: unable to find member 'expiry' for struct timer_list \\(alternatives: entry expires function flags\\)"
  -p2 -e "probe module(\"sumdev\").function(\"tick_fn\") { println($t->expiry) }" --run ${CODE})
kctx_stap(member_whole_struct 1 - "semantic error: 'struct hlist_node' is being accessed instead of a member"
  -p2 -e "probe module(\"sumdev\").function(\"tick_fn\") { println($t->entry) }" --run ${CODE})
kctx_stap(member_index_scalar 1 - "semantic error: invalid access '\\[1\\]' vs 'int'"
  -p2 -e "probe module(\"sumdev\").statement(\"checksum@sumdev.c:14\") { println($len[1]) }" --run ${CODE})
kctx_stap(member_atvar_missing 1 - "semantic error: unable to find member 'count' for struct timer_list"
  -p2 -e "probe begin { println(@var(\"tick\", \"sumdev\")->count) }" --run ${CODE})
kctx_stap(member_fault 1 run_member_fault.out "^ERROR: kernel read fault at 0x0000000000000000 \\(addr\\) near identifier"
  -e "probe module(\"sumdev\").function(\"tick_fn\") { println($t->expires > 0) println($t->entry->next->next) }" --run ${CODE})
# -l / -L with --run list the scenario's module and program functions, with their
# parameters and the body's locals (and $return for .return).
kctx_stap(list_code 0 list_code.out - -L "module(\"sumdev\").function(\"*\")" --run ${CODE})
kctx_stap(list_process_return 0 list_process_return.out - -L "process(\"/crunch\").function(\"*\").return" --run ${CODE})
# process() probes from a stap process inside the machine, on a program started later.
kctx_golden(stap_uprobe tests/scenarios/stap_uprobe 0)
# stap inside the machine: -o FILE, stap - reading the script from a pipe, or refusing the console.
kctx_golden(stap_io tests/scenarios/stap_io 0)
# A .stp file run as ./NAME.stp without a stap "#!" first line: refused when the scenario loads.
kctx_bad_input(stap_shebang "init\\.sh:3:1: error: \\./plain\\.stp: its first line is not")
# How a stap process inside the machine ends: SIGTERM, a runtime error, a signal while
# loading, SIGKILL (its session ends with the run), a script that does not exist.
kctx_golden(stap_term tests/scenarios/stap_term 0)
# ./NAME.stp is a task named NAME.stp (binfmt_script keeps the script as the exec's
# filename), with /usr/bin/stap first on its command line; through env it is stap.
kctx_golden(stap_comm tests/scenarios/stap_comm 0)
kctx_golden(stap_options tests/scenarios/stap_options 0)
# module("NAME").function() probes see the function's parameters by name (from the module's
# source), at entry and (their entry values) in .return, and $$parms/$$return.
kctx_stap(run_module_params 0 run_module_params.out - -e "probe module(\"cst\").function(\"cst_timer_handler\") { printf(\"t=%#x %s\\n\", $t, $$parms) } probe module(\"cst\").function(\"cst_init\").return { printf(\"init returned %d (%s)\\n\", $return, $$return) }" --run ../../examples/cst --seconds 2.1)
kctx_stap(module_bad_param 1 - "semantic error: unable to find local 'nope' \\(alternatives: \\$t\\)"
  -p2 -e "probe module(\"cst\").function(\"cst_timer_handler\") { println($nope) }" --run ../../examples/cst)
# The process lifecycle (process.begin/end: every process, including those running when the
# session starts), a program's system calls (process("crunch").syscall[.return] with
# $syscall, $arg1..$arg6, $return) and scheduler.cpu_on/cpu_off.
kctx_stap(run_lifecycle 0 run_lifecycle.out - lifecycle.stp --run ${CODE})
kctx_stap(list_process_points 0 list_process_points.out - -L "process*" --run ${CODE})
kctx_stap(list_cpu_on_off 0 list_cpu_on_off.out - -L "scheduler.cpu_o*")
kctx_stap(process_begin_no_program 1 - "semantic error: no match"
  -p2 -e "probe process(\"nosuch\").begin { }" --run ${CODE})
kctx_stap(process_syscall_no_arg7 1 - "semantic error: unable to find tracepoint variable '\\$arg7' \\(alternatives: \\$syscall \\$arg1 \\$arg2 \\$arg3 \\$arg4 \\$arg5 \\$arg6\\)"
  -p2 -e "probe process.syscall { println($arg7) }" --run ${CODE})
kctx_stap(process_pid_pass2 0 process_pid_pass2.out - -p2 -e "probe process(1).end, process(\"./crunch\").thread.begin { }" --run ${CODE})
# $var->member on a user program's own types (the scenario's programs are parsed for stap
# as its modules are), and user_string()/user_string_n() reading the process's memory.
set(LEDGER ../scenarios/stap_user_members)
kctx_golden(stap_user_members tests/scenarios/stap_user_members 0)
kctx_stap(run_user_members 0 run_user_members.out - user_members.stp --run ${LEDGER})
kctx_stap(user_member_missing 1 - "semantic error: unable to find member 'owners' for struct account \\(alternatives: id frozen tier balance owner next\\)"
  -p2 -e "probe process(\"ledger\").function(\"deposit\") { println($a->owners) }" --run ${LEDGER})
kctx_stap(user_string_fault 1 run_user_string_fault.out "^ERROR: user string copy fault -14 at 0x0000000000000000 \\[man error::fault\\] near identifier 'user_string'"
  -e "probe process(\"ledger\").function(\"deposit\") { println(user_string_n($a->owner, 2)) println(user_string(0, \"none\")) println(user_string(0)) }" --run ${LEDGER})
# $var$ / $var$$ / ->member$ / $$parms$ pretty-printing, on a program's and a module's types.
kctx_stap(run_pretty 0 run_pretty.out - pretty.stp --run ${LEDGER})
kctx_stap(run_pretty_module 0 run_pretty_module.out - -e "probe module(\"sumdev\").function(\"tick_fn\") { println($t$) println($t$$) exit() }" --run ${CODE})
kctx_stap(pretty_p1 0 pretty.p1.out - -p1 -e "probe begin { println($a->owner$ . $b$$ . $$parms$) }")
kctx_stap(pretty_fault 1 - "^ERROR: user read fault at 0x0000000000000000 \\(addr\\) near identifier '\\$a'"
  -e "probe process(\"ledger\").function(\"deposit\") { if ($a->id == 2) println($a->next$) }" --run ${LEDGER})
# @cast to a type of the scenario's code: the probed program's or module's own, or the one
# a third argument names.
kctx_stap(run_cast_code 0 run_cast_code.out - -e "probe process(\"ledger\").function(\"audit\") { p = $book->accounts[1] printf(\"%d %s %s\\n\", @cast(p, \"struct account\")->balance, user_string(@cast(p, \"struct account\", \"ledger\")->owner), @cast($book, \"struct book\")->accounts$$) }" --run ${LEDGER})
kctx_stap(run_cast_module 0 run_cast_module.out - -e "probe module(\"sumdev\").function(\"tick_fn\") { println(@cast($t, \"struct timer_list\", \"sumdev\")->expires) exit() }" --run ${CODE})
kctx_stap(cast_unknown_type 1 - "semantic error: kctx resolves @cast to a struct task_struct member it mirrors \\(pid tgid comm prio __state on_cpu in_iowait\\) or to a type of the scenario's code"
  -p2 -e "probe process(\"ledger\").function(\"audit\") { println(@cast(0, \"struct nosuch\")->x) }" --run ${LEDGER})
kctx_stap(cast_missing_member 1 - "semantic error: unable to find member 'owners' for struct account"
  -p2 -e "probe process(\"ledger\").function(\"audit\") { println(@cast(0, \"struct account\")->owners) }" --run ${LEDGER})
# The pretty suffix as a token of its own, after an index or @cast(...), and `->$`;
# nothing may follow it (stap's parser).
kctx_stap(run_pretty_forms 0 run_pretty_forms.out - -e "probe process(\"ledger\").function(\"audit\") { println($book->accounts[1]$) println(@cast($book, \"struct book\")$$) println($book->$) }" --run ${LEDGER})
kctx_stap(pretty_forms_p1 0 pretty_forms.p1.out - -p1 -e "probe begin { println($a[1]$ . @cast(p, \"struct x\")$ . $b->$) }")
kctx_stap(pretty_then_member 1 - "^parse error: -> and \\[ are not accepted for a pretty-printing variable" -p1 -e "probe begin { println($a$->b) }")
