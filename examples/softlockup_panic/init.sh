#!kctx cpus=1 seconds=60 softlockup_panic=1
# softlockup_panic=1: the first soft lockup report ends in a panic.
insmod spin_sleep.ko
sleep 60
