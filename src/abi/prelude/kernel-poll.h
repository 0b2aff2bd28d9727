/* poll and asynchronous notification (include/linux/poll.h, include/uapi/linux/eventpoll.h,
 * include/uapi/asm-generic/poll.h, include/linux/fs.h): what a driver's ->poll and
 * ->fasync use. Implemented by src/kernel/fs/Poll.cpp and Fasync.cpp. */
#define EPOLLIN 0x00000001
#define EPOLLPRI 0x00000002
#define EPOLLOUT 0x00000004
#define EPOLLERR 0x00000008
#define EPOLLHUP 0x00000010
#define EPOLLNVAL 0x00000020
#define EPOLLRDNORM 0x00000040
#define EPOLLRDBAND 0x00000080
#define EPOLLWRNORM 0x00000100
#define EPOLLWRBAND 0x00000200
#define EPOLLMSG 0x00000400
#define EPOLLRDHUP 0x00002000
#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLRDHUP 0x2000
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

/* The poll_table a ->poll is handed: _qproc is set while poll_wait() should queue the
 * task (the first pass of poll/select), _key the events asked for. */
struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *, struct poll_table_struct *);
typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;
} poll_table;
#define poll_wait(filp, wait_address, p)                                              \
	do {                                                                          \
		if ((p) && (p)->_qproc && (wait_address))                             \
			__kctx_pollwait((filp), (wait_address), (p));                 \
	} while (0)
#define poll_does_not_wait(p) (!(p) || !(p)->_qproc)
#define poll_requested_events(p) ((p) ? (p)->_key : ~(__poll_t)0)

/* fasync_helper()'s list of files that asked for O_ASYNC. */
#define FASYNC 00020000
#define O_ASYNC FASYNC
#define FASYNC_MAGIC 0x4601
struct fasync_struct {
	int magic;
	int fa_fd;
	struct fasync_struct *fa_next;
	struct file *fa_file;
};
#ifndef SIGIO
#define SIGIO 29
#define SIGPOLL SIGIO
#define SIGURG 23
#endif
/* si_code of SIGIO: the band kill_fasync() reports (include/uapi/asm-generic/siginfo.h) */
#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6
