#ifndef BEACON_H
#define BEACON_H
#include <linux/ioctl.h>

#undef PDEBUG
#ifdef BEACON_DEBUG
#define PDEBUG(fmt, args...) printk(KERN_DEBUG "beacon: " fmt, ## args)
#else
#define PDEBUG(fmt, args...)
#endif

int beacon_blink(int times);
#endif
