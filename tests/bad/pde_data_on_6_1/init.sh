insmod jitter.ko
