/* <dirent.h>'s functions as glibc 2.36 writes them (sysdeps/unix/sysv/linux/opendir.c,
 * readdir64.c, closedir.c): opendir() opens with O_DIRECTORY and checks S_ISDIR with
 * fstat(); readdir() refills the buffer with getdents64() and hands out its records,
 * keeping errno at the end of the directory and setting it on an error. */
__attribute__((weak)) DIR *opendir(const char *name)
{
	int fd = open(name, O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (!S_ISDIR(st.st_mode))
			errno = ENOTDIR;
		close(fd);
		return NULL;
	}
	DIR *d = malloc(sizeof(DIR));
	if (!d) {
		close(fd);
		return NULL;
	}
	d->fd = fd;
	d->size = 0;
	d->offset = 0;
	d->filepos = 0;
	return d;
}

__attribute__((weak)) struct dirent *readdir(DIR *d)
{
	if (d->offset >= d->size) {
		int saved = errno;
		long n = getdents64(d->fd, d->data, sizeof(d->data));
		if (n <= 0) {
			/* glibc: ENOENT (the directory was removed) reads as the end */
			if (n < 0 && errno == ENOENT)
				errno = saved;
			return NULL;
		}
		d->size = n;
		d->offset = 0;
	}
	struct dirent *dp = (struct dirent *)&d->data[d->offset];
	d->offset += dp->d_reclen;
	d->filepos = dp->d_off;
	return dp;
}

__attribute__((weak)) int closedir(DIR *d)
{
	int fd = d->fd;
	free(d);
	return close(fd);
}

__attribute__((weak)) int dirfd(DIR *d) { return d->fd; }
