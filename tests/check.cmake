# Issue 15: kctx check. Each example's report (the shortest counterexample's schedule and
# console, or the bounds verified) and exit status; a counterexample's replay must print
# the same console.   KCTX_UPDATE_GOLDEN=1 ctest -R '^check\.'
function(kctx_check_golden name dir status)
  add_test(NAME check.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check_golden.sh $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/${dir}
            ${CMAKE_CURRENT_SOURCE_DIR}/golden/check_${name}.out ${status} ${ARGN})
endfunction()

# The Spin models in kernel C: each bug found with its shortest trace, each fix clean.
kctx_check_golden(up_spin_sleep examples/check_up_spin_sleep 1)
kctx_check_golden(up_spin_sleep_fixed examples/check_up_spin_sleep_fixed 0)
kctx_check_golden(abba_lockdep examples/check_abba 1)
kctx_check_golden(abba_deadlock examples/check_abba 1 --config debian)
kctx_check_golden(irq_lock_lockdep examples/check_irq_lock 1)
kctx_check_golden(irq_lock_deadlock examples/check_irq_lock 1 --config debian)
kctx_check_golden(check_irq_lock_irqsave examples/check_irq_lock_irqsave 0)
kctx_check_golden(abba_ordered examples/check_abba_ordered 0 --config debian --max-irqs 0)
# The existing examples, from their unmodified init.sh.
kctx_check_golden(spin_sleep_up examples/spin_sleep_up 1)
kctx_check_golden(abba examples/abba 1)
kctx_check_golden(irq_lock examples/irq_lock 1)
kctx_check_golden(irq_lock_irqsave examples/irq_lock_irqsave 0 --max-irqs 1)
# Bad input: a malformed replay file gets file:line:col and exit status 2.
add_test(NAME check.bad_replay
  COMMAND bash -c "f=$(mktemp); printf 'cpus 1\\nrun 0\\nwalk 0\\n' > $f; $0 run $1 --replay $f 2>&1 | grep -q \"$f:3:1: error: unknown choice 'walk'\"; a=$?; $0 run $1 --replay $f >/dev/null 2>&1; s=$?; rm -f $f; test $a = 0 -a $s = 2"
          $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/check_up_spin_sleep)

# The scale family (issue 15): N tasks x 2 spinlocks x 2 rounds, each round's choice a
# prandom_u32_max() the search branches on; the unordered variant's AB-BA deadlock with
# its shortest trace, the ordered variant clean, with and without the reduction.
kctx_check_golden(scale_2_unordered examples/check_scale_2_unordered 1 --max-irqs 0)
kctx_check_golden(scale_2_ordered examples/check_scale_2_ordered 0 --max-irqs 0)
kctx_check_golden(scale_2_ordered_no_por examples/check_scale_2_ordered 0 --max-irqs 0 --no-por)
kctx_check_golden(scale_2_ordered_bitstate examples/check_scale_2_ordered 0 --max-irqs 0 --hash bitstate -w 20)
# Iterative deepening finds a counterexample as short as breadth-first search's; CHESS's
# preemption bound: AB-BA needs one preemption, none finds nothing.
kctx_check_golden(abba_iterative examples/check_abba 1 --config debian --search iterative)
kctx_check_golden(abba_preemption_0 examples/check_abba 0 --config debian --preemption-bound 0)
kctx_check_golden(abba_preemption_1 examples/check_abba 1 --config debian --preemption-bound 1)
# From their unmodified init.sh: cst_switch's BUG is deep (the timer must fire in the
# softirq that hits the task), found depth-first; workqueue_sleep is clean.
kctx_check_golden(cst_switch_dfs examples/cst_switch 1 --search dfs)
kctx_check_golden(workqueue_sleep examples/workqueue_sleep 0)
# The reduction must not fuse a second spinlock acquisition into the transition of the
# first (only a transition's first step may block): with stale IPIs deferred and no
# interrupt budget, each kthread would take both locks in one transition and the AB-BA
# deadlock would be missed ("no violation"); it is found, 16 steps from boot.
kctx_check_golden(abba_late tests/scenarios/check_abba_late 1 --max-irqs 0)
# State counts pinned (issue 15's figures): the copy-on-write task table and the
# abstractor's memo of tasks (docs/check.md, "Speed") change how a state is hashed, not
# which states are one; a reduction that merges more states changes these on purpose.
add_test(NAME check.scale_2_ordered_states
  COMMAND bash -c "$0 check $1 -q --max-irqs 0 --search dfs --replay-out '' 2>&1 >/dev/null | grep -q '^kctx check: 556 states, 3115 transitions,'"
          $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/check_scale_2_ordered)
add_test(NAME check.scale_3_ordered_states
  COMMAND bash -c "$0 check $1 -q --max-irqs 0 --search dfs --replay-out '' 2>&1 >/dev/null | grep -q '^kctx check: 20648 states, 150178 transitions,'"
          $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/check_scale_3_ordered)
add_test(NAME check.scale_3_unordered_states
  COMMAND bash -c "$0 check $1 -q --max-irqs 0 --search dfs --replay-out '' 2>&1 >/dev/null | grep -q '^kctx check: 13208 states, 96510 transitions,'"
          $<TARGET_FILE:kctx> ${PROJECT_SOURCE_DIR}/examples/check_scale_3_unordered)
