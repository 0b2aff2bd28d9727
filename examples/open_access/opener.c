// Opens the gates the way two users of them would.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int try_open(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		printf("open %s: %s\n", path, strerror(errno));
	else
		printf("open %s: fd %d\n", path, fd);
	return fd;
}

int main(void)
{
	char buf[16];
	int a, b, w, n;
	pid_t child;

	a = try_open("/dev/gate_single", O_RDONLY);
	b = try_open("/dev/gate_single", O_RDONLY);   // busy
	close(a);
	b = try_open("/dev/gate_single", O_RDONLY);   // free again
	close(b);

	a = try_open("/dev/gate_owner", O_RDWR);
	b = try_open("/dev/gate_owner", O_RDWR);      // same uid: allowed
	write(a, "abcdef", 6);
	n = read(b, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("gate_owner log: %s", buf);
	close(a);
	a = try_open("/dev/gate_owner", O_WRONLY);    // write-only: the log is emptied
	close(a);
	lseek(b, 0, SEEK_SET);
	n = read(b, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("gate_owner log after O_WRONLY: %s", buf);
	close(b);

	w = try_open("/dev/gate_wait", O_RDONLY);
	try_open("/dev/gate_wait", O_RDONLY | O_NONBLOCK);   // EAGAIN
	child = fork();
	if (child == 0) {
		int fd;

		close(w);   // the child's copy would keep the file open: release() runs at the last close
		fd = try_open("/dev/gate_wait", O_RDONLY);   // sleeps until the parent closes
		close(fd);
		_exit(0);
	}
	usleep(200000);
	printf("parent closes gate_wait\n");
	fflush(stdout);
	close(w);
	waitpid(child, NULL, 0);

	try_open("/dev/gate_tty", O_RDONLY);   // no controlling terminal: EINVAL
	return 0;
}
