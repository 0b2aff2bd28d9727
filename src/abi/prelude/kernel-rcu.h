/* RCU-protected pointers (include/linux/rcupdate.h, compiler_types.h). kctx's memory is
 * sequentially consistent, so the accessors are plain loads and stores; rcu_read_lock(),
 * rcu_read_unlock() and synchronize_rcu() are builtins with their context rules (a
 * sleep inside a read-side section is reported). __rcu is sparse's address space. */
#ifndef __rcu
#define __rcu
#endif
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_bh(p) READ_ONCE(p)
#define rcu_dereference_sched(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v) ((p) = (v))
#define RCU_INITIALIZER(v) (v)
#define rcu_pointer_handoff(p) (p)
/* include/linux/lockdep.h: lockdep_is_held() is true under !LOCKDEP and is only read by
 * the checks above, which kctx does not make. */
#define lockdep_is_held(l) 1
#define lockdep_assert_held(l) do { } while (0)
#define rcu_read_lock_held() 1
