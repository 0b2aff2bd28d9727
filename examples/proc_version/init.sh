#!kctx cpus=1 seconds=0.1
# The kernel's banner, as `cat /proc/version` shows it on each profile.
cat /proc/version
