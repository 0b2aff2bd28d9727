# Character device regions, cdev, the device model, sysfs and ioctl (issue 11, devmodel).
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(cdev_sysfs|ioctl_dev)$'
kctx_golden(cdev_sysfs examples/cdev_sysfs 0)
kctx_golden(ioctl_dev examples/ioctl_dev 0)
# A platform driver without its device: registered, never probed (issue 11).
kctx_golden(platform_nodev tests/scenarios/platform_nodev 0)
# A load script in LDD3's style: variables, $(awk ...) on /proc/devices, mknod under the
# umask, rm -f, chgrp, chmod, test's file operators (issue 11).
kctx_golden(load_script examples/load_script 0)
# /proc's fixed files (cmdline, cpuinfo, filesystems, loadavg, meminfo, misc, uptime) open
# and read as 6.1's show functions print them (issue 11).
kctx_golden(proc_info tests/scenarios/proc_info 0)
# A device-tree platform driver on x86 (CONFIG_OF off): of_/device_property_ answers,
# devm_kzalloc() freed with its device, class_register() with class attributes (mods4).
kctx_golden(dt_platform examples/dt_platform 0)
