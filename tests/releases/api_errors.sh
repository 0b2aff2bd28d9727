#!/usr/bin/env bash
# api_errors.sh KCTX: each release rejects the other release's module API as its
# compiler would. Every case is a module using one API of one release, built on the other
# release: the run must stop with exit status 2 and the error the case names, at the
# line of the call. (The same modules compile on their own release: examples/
# timer_compat, procfs_4.4 and init_timer_4.4 use each 4.4 API, the 6.1 examples the rest.)
set -u
kctx=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail=0
n=0
# case RELEASE NAME ERROR-REGEX C-STATEMENTS (inside a function with `struct timer_list t`
# and `void __user *p` in scope)
case_() {
	local release=$1 name=$2 want=$3 body=$4
	local dir=$work/$name
	n=$((n + 1))
	mkdir -p "$dir"
	printf '#!kctx cpus=1 seconds=0.1 kernel=%s\ninsmod api.ko\n' "$release" >"$dir/init.sh"
	cat >"$dir/api.c" <<EOF
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/interrupt.h>
#include <linux/proc_fs.h>
#include <linux/time.h>
#include <linux/uaccess.h>
static struct timer_list t;
static void tfn(unsigned long d) { }
static void tcb(struct timer_list *x) { }
static void tl(struct tasklet_struct *x) { }
static void told(unsigned long d) { }
static int __init api_init(void)
{
	void __user *p = (void __user *)0x1000;
	$body
	return 0;
}
module_init(api_init);
MODULE_LICENSE("GPL");
EOF
	local err
	err=$(timeout 20 "$kctx" run "$dir" 2>&1 >/dev/null)
	local status=$?
	if [[ $status != 2 ]] || ! grep -Eq -- "api\.c:15:[0-9]+: error: .*$want" <<<"$err"; then
		echo "FAIL $name on $release: status $status (want 2 and api.c:15: error: $want):"
		echo "$err" | head -5
		fail=1
	fi
}

# 6.1's API on 4.4 (include/linux/timer.h, interrupt.h, asm/uaccess.h of 4.4)
case_ 4.4 timer_setup "undeclared function 'timer_setup'" 'timer_setup(&t, tcb, 0);'
case_ 4.4 from_timer "undeclared function 'from_timer'" 'struct timer_list *x = from_timer(x, &t, entry);'
case_ 4.4 access_ok_2 "macro 'access_ok' requires 3 arguments, but only 2 given" 'if (!access_ok(p, 8)) return -EFAULT;'
case_ 4.4 declare_tasklet_2 "macro 'DECLARE_TASKLET' requires 3 arguments, but only 2 given" 'static DECLARE_TASKLET(tk, tl);'
case_ 4.4 declare_tasklet_old "type specifier missing" 'static DECLARE_TASKLET_OLD(tk, told);'
# include/linux/proc_fs.h (4.4) declares no struct proc_ops (5.6): a module's own is incomplete
case_ 4.4 proc_ops "variable has incomplete type 'struct proc_ops'" 'static const struct proc_ops po = { .proc_read = 0 };'
# 4.4's API on 6.1 (timers and ACCESS_ONCE gone in 4.15, access_ok's type in 5.0, timeval in 5.6, DECLARE_TASKLET's data in 5.9)
case_ 6.1 setup_timer "undeclared function 'setup_timer'" 'setup_timer(&t, tfn, 0);'
case_ 6.1 init_timer "undeclared function 'init_timer'" 'init_timer(&t);'
case_ 6.1 timer_data "no member named 'data' in 'struct timer_list'" 't.data = 1;'
case_ 6.1 access_once "undeclared function 'ACCESS_ONCE'" 'int v = ACCESS_ONCE(t.expires);'
case_ 6.1 access_ok_3 "macro 'access_ok' passed 3 arguments, but takes just 2" 'if (!access_ok(VERIFY_READ, p, 8)) return -EFAULT;'
case_ 6.1 declare_tasklet_3 "macro 'DECLARE_TASKLET' passed 3 arguments, but takes just 2" 'static DECLARE_TASKLET(tk, told, 44);'
case_ 6.1 do_gettimeofday "incomplete type 'struct timeval'" 'struct timeval tv; do_gettimeofday(&tv);'
echo "$n API cases"
exit $fail
