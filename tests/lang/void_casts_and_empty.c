/* Casts to void, empty statements, and expression statements with no effect. */
#include <stdio.h>

static int side;
static int touch(void) { return ++side; }

int main(void)
{
	(void)touch();
	(void)0;
	;
	;;
	{ }
	touch();
	int unused = 3;
	(void)unused;
	if (side == 2)
		;
	else
		printf("wrong\n");
	for (int i = 0; i < 3; touch(), i++)
		;
	printf("%d\n", side);
	return 0;
}
