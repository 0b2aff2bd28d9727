#!kctx cpus=1 seconds=1 kernel=4.4
# init_timer(), .function/.data and DEFINE_SEMAPHORE(): a module written before setup_timer().
insmod gate.ko
rmmod gate
