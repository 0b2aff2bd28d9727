/* A table with columns sized at run time through '*'. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *names[] = {"init", "kworker/0:1H", "sshd"};
	int pids[] = {1, 104, 2048};
	double cpu[] = {0.1, 12.345, 3.0};
	int w = 0;
	for (int i = 0; i < 3; i++)
		if ((int)strlen(names[i]) > w)
			w = strlen(names[i]);
	printf("%-*s %6s %7s\n", w, "COMMAND", "PID", "%CPU");
	for (int i = 0; i < 3; i++)
		printf("%-*s %6d %7.*f\n", w, names[i], pids[i], i + 1, cpu[i]);
	return 0;
}
