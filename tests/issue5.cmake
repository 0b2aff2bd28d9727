# Issue 5: character devices, signals and syscall restart, /dev/mem and /dev/crash.
# Regenerate after an intended change with:
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(restart|restart_table|dataloss|devmem|chardev)$'
# and read the diff against Linux's behaviour before keeping it.

# The outcome a real 6.1 kernel printed for the restart scenario.
kctx_golden(restart examples/restart 0)
# Every row of the x86-64 restart table: each return code against SA_RESTART, no
# SA_RESTART, SIG_IGN, stop + continue, the default action, a blocked signal, none.
kctx_golden(restart_table examples/restart_table 0)
# A driver that took bytes and then returned -ERESTARTSYS, and its fix.
kctx_golden(dataloss examples/dataloss 0)
# /dev/mem under CONFIG_STRICT_DEVMEM, and the crash driver's /dev/crash.
kctx_golden(devmem examples/devmem 0)
# misc_register, register_chrdev + mknod, the memory devices, /proc: syscalls and errno.
kctx_golden(chardev examples/chardev 0)

# dd, lsmod, mkfifo in init.sh; pipes; module references; /dev/kmsg readers woken by printk.
# Regenerate with KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(pipe|modref|pingpong_pipe|pingpong_pipe_trace)$'
kctx_golden(pipe examples/pipe 0)
kctx_golden(modref examples/modref 0)
kctx_golden(pingpong_pipe examples/pingpong_pipe 0)
kctx_golden(pingpong_pipe_trace examples/pingpong_pipe 0 --trace=sched,syscalls,irq --seconds 0.05)
