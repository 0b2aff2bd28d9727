// What user space sees of the release: uname(2).
#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;

	if (uname(&u) != 0)
		return 1;
	printf("%s %s %s %s\n", u.sysname, u.release, u.version, u.machine);
	return 0;
}
