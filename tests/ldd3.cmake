# What LDD3's examples (Linux Device Drivers, 3rd edition, as maintained for current
# kernels) need, in scenarios of kctx's own (issue 11):
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(open_access|kbuild_lddinc|console_level|load_if)$'
kctx_golden(open_access examples/open_access 0)
kctx_golden(kbuild_lddinc tests/scenarios/kbuild_lddinc 0)
# syslog(2)'s console level (LDD3's setlevel, dmesg -n): CONSOLE_LEVEL, CONSOLE_OFF, CONSOLE_ON
kctx_golden(console_level examples/console_level 0)
# jit.c as stored uses PDE_DATA(), which 5.17 renamed pde_data(): on 6.1 it is undeclared
kctx_bad_input(pde_data_on_6_1 "jitter\\.c:18:40: error: call to undeclared function 'PDE_DATA'")
# Kbuild's -Werror=incompatible-pointer-types: LDD3's seq.c passes a file_operations to
# 6.1's proc_create(); tests/scenarios/compiler_warnings keeps its warning with ccflags-y
kctx_bad_input(proc_fops_on_6_1 "counter\\.c:31:34: error: incompatible pointer types .*\\[-Werror=incompatible-pointer-types\\]")
# %p in module code run for a process (a seq_file show() under cat): lib/vsprintf.c's hash
kctx_golden(seq_pointer tests/scenarios/seq_pointer 0)
# The book's load scripts: if/elif/else/fi, backquotes, $# and $*, set -e; utsname() and
# the coarse clock a module reads
kctx_golden(load_if examples/load_if 0)
# sbull's <linux/hdreg.h> and sector_t compile; the block layer is named as not simulated
kctx_bad_input(block_disk "ramdisk\\.c:16:10: error: 'register_blkdev' is a Linux 6.1 API that kctx does not simulate")
