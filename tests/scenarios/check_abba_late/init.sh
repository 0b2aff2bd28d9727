#!kctx cpus=2 seconds=1 config=debian
# AB-BA after a warm-up: each kthread first takes and drops a lock of its own, so both run
# with no wake-up's IPI in flight when they reach their back-to-back spin_lock()s; check
# with --max-irqs 0 (the reduction may then fuse a continuation: it must not take the
# second lock in the transition of the first, docs/check.md).
insmod abba_late.ko
sleep 0.1
