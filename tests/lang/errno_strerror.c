/* strerror texts for common errno values (glibc's wording). */
#include <stdio.h>
#include <string.h>
#include <errno.h>

int main(void)
{
	int codes[] = {0, EPERM, ENOENT, EINTR, EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EINVAL, ENOSPC, ERANGE};
	for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++)
		printf("%d: %s\n", codes[i], strerror(codes[i]));
	printf("%s\n", strerror(9999));
	errno = EINVAL;
	printf("%d\n", errno);
	return 0;
}
