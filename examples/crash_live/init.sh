#!kctx cpus=2 seconds=2 config=debian
# crash on the live machine, the seed note end to end: under CONFIG_STRICT_DEVMEM
# /dev/mem stops at the first megabyte of RAM, so crash falls back to /proc/kcore; once
# Red Hat's crash.ko is loaded, crash uses /dev/crash. Each session's banner names its
# memory source, and the context is crash's own process: TASK_RUNNING (ACTIVE).
./spin &
# RAM past 1 MiB through /dev/mem: refused (devmem_is_allowed() == 0)
dd if=/dev/mem of=/dev/null bs=4k skip=256 count=1
echo -e "ps\nbt -a\nset\nq" | crash
insmod crash.ko
echo -e "sys\nps -u\nbt\nlog\nfoo\nq" | crash
kill %1
