/* kernel/time/timekeeping.c and time.c: the clocks in struct form. */
__attribute__((weak)) struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = { nsec / NSEC_PER_SEC, nsec % NSEC_PER_SEC };
	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

__attribute__((weak)) void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real_ns());
}

__attribute__((weak)) void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_ns());
}

/* The coarse clocks read the timekeeper as the last tick left it (timekeeping.c
 * ktime_get_coarse_real_ts64(): tk->xtime_sec and xtime_nsec, advanced by
 * timekeeping_advance() from the tick): the time now less what has passed since the
 * tick that last moved jiffies, which kctx's ticks do every TICK_NSEC of monotonic time. */
__attribute__((weak)) u64 __kctx_since_tick(void)
{
	return ktime_get_ns() % TICK_NSEC;
}

__attribute__((weak)) void ktime_get_coarse_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real_ns() - __kctx_since_tick());
}

__attribute__((weak)) void ktime_get_coarse_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_ns() - __kctx_since_tick());
}

__attribute__((weak)) ktime_t ktime_get_coarse(void)
{
	return ktime_get_ns() - __kctx_since_tick();
}

__attribute__((weak)) ktime_t ktime_get_coarse_real(void)
{
	return ktime_get_real_ns() - __kctx_since_tick();
}

__attribute__((weak)) u64 ktime_get_coarse_ns(void)
{
	return ktime_get_coarse();
}

__attribute__((weak)) u64 ktime_get_coarse_real_ns(void)
{
	return ktime_get_coarse_real();
}

#if LINUX_VERSION_CODE < 0x050600
/* 4.4: do_gettimeofday() reads the wall clock to the microsecond; getnstimeofday() and
 * current_kernel_time() (the last tick's time; kctx's clock is exact) to the nanosecond. */
__attribute__((weak)) void do_gettimeofday(struct timeval *tv)
{
	struct timespec64 now = ns_to_timespec64(ktime_get_real_ns());
	tv->tv_sec = now.tv_sec;
	tv->tv_usec = now.tv_nsec / NSEC_PER_USEC;
}

__attribute__((weak)) void getnstimeofday(struct timespec *ts)
{
	struct timespec64 now = ns_to_timespec64(ktime_get_real_ns());
	ts->tv_sec = now.tv_sec;
	ts->tv_nsec = now.tv_nsec;
}

__attribute__((weak)) struct timespec current_kernel_time(void)
{
	struct timespec ts;
	getnstimeofday(&ts);
	return ts;
}
#endif
