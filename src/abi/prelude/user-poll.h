/* poll(2) and select(2) (poll.h, sys/select.h; the bits of include/uapi/asm-generic/poll.h)
 * and fcntl(2)'s commands (fcntl.h). Implemented by src/kernel/fs/Poll.cpp and Fcntl.cpp. */
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
typedef unsigned long nfds_t;
struct pollfd {
	int fd;
	short events;
	short revents;
};

#define FD_SETSIZE 1024
typedef struct {
	long fds_bits[FD_SETSIZE / 64];
} fd_set;
#define FD_ZERO(set)                                                                   \
	do {                                                                           \
		fd_set *__kctx_set = (set);                                            \
		for (unsigned int __kctx_i = 0; __kctx_i < FD_SETSIZE / 64; __kctx_i++) \
			__kctx_set->fds_bits[__kctx_i] = 0;                            \
	} while (0)
#define FD_SET(fd, set) ((void)((set)->fds_bits[(fd) / 64] |= (long)(1UL << ((fd) % 64))))
#define FD_CLR(fd, set) ((void)((set)->fds_bits[(fd) / 64] &= ~(long)(1UL << ((fd) % 64))))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / 64] & (long)(1UL << ((fd) % 64))) != 0)

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_SETOWN 8
#define F_GETOWN 9
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define O_ASYNC 020000
#define FASYNC O_ASYNC
#define O_NDELAY O_NONBLOCK
