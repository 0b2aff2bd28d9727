/* __VA_ARGS__ in function-like macros. */
#include <stdio.h>

#define LOG(fmt, ...) printf("[log] " fmt "\n", __VA_ARGS__)
#define SHOW(...) printf(__VA_ARGS__)
#define COUNT_ARGS(...) COUNT_IMPL(__VA_ARGS__, 5, 4, 3, 2, 1)
#define COUNT_IMPL(a, b, c, d, e, n, ...) n
#define FIRST(x, ...) x
#define STRALL(...) #__VA_ARGS__

int main(void)
{
	LOG("%d + %d = %d", 2, 3, 5);
	LOG("%s", "one arg");
	SHOW("plain\n");
	SHOW("%d %d\n", 1, 2);
	printf("%d %d %d\n", COUNT_ARGS(a), COUNT_ARGS(a, b, c), COUNT_ARGS(1, 2, 3, 4, 5));
	printf("%d\n", FIRST(7, 8, 9));
	printf("%s\n", STRALL(x, y,   z));
	return 0;
}
