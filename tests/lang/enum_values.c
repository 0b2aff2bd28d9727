/* Enumerations: implicit values, explicit values, negative values and sizeof. */
#include <stdio.h>

enum a { A0, A1, A2 };
enum b { B0 = 5, B1, B2 = -3, B3, B4 = B1 + 10 };
enum flags { F_READ = 1 << 0, F_WRITE = 1 << 1, F_EXEC = 1 << 2 };
typedef enum { SMALL, MEDIUM, LARGE } size_class;

int main(void)
{
	printf("%d %d %d\n", A0, A1, A2);
	printf("%d %d %d %d %d\n", B0, B1, B2, B3, B4);
	int perms = F_READ | F_EXEC;
	printf("%d %d %d\n", perms, !!(perms & F_WRITE), !!(perms & F_EXEC));
	size_class s = LARGE;
	printf("%d %zu\n", s, sizeof s);
	enum a x = A2;
	x--;
	printf("%d\n", x);
	printf("%d\n", A2 == 2);
	enum { LOCAL = 100 } local = LOCAL;
	printf("%d\n", local + 1);
	return 0;
}
