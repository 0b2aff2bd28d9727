/* The wall and monotonic clocks (include/linux/time64.h, timekeeping.h; 4.4's
 * include/linux/time.h). The clocks themselves are builtins (ktime_get_real_ns and
 * friends); the struct forms are kernel_lib-time.h's, as kernel/time/timekeeping.c's. */
typedef s64 time64_t;
struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};
#define ktime_to_us(kt) ((s64)(kt) / NSEC_PER_USEC)
#define ktime_us_delta(later, earlier) ktime_to_us(ktime_sub(later, earlier))
#define ktime_ms_delta(later, earlier) ktime_to_ms(ktime_sub(later, earlier))
#define ktime_compare(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)
#define ktime_after(a, b) ((a) > (b))
#define ktime_before(a, b) ((a) < (b))
#define ktime_get_real_seconds() ((time64_t)(ktime_get_real_ns() / NSEC_PER_SEC))
#define ktime_get_seconds() ((time64_t)(ktime_get_ns() / NSEC_PER_SEC))
#define ktime_to_timespec64(kt) ns_to_timespec64(kt)
#define timespec64_to_ns(ts) ((s64)(ts)->tv_sec * NSEC_PER_SEC + (ts)->tv_nsec)

#if LINUX_VERSION_CODE < 0x050600
/* 4.4's 32-bit-time API (include/uapi/linux/time.h, include/linux/time.h): gone from the
 * kernel by 5.6 (y2038), so a 6.1 module naming them gets 6.1's errors. */
struct timeval {
	long tv_sec;
	long tv_usec;
};
struct timespec {
	long tv_sec;
	long tv_nsec;
};
#define get_seconds() ((unsigned long)ktime_get_real_seconds())
#endif
