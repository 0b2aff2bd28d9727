insmod counter.ko
