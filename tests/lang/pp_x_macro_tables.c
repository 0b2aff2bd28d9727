/* X-macros: one list expanded several ways (enum, names, counts). */
#include <stdio.h>

#define COLORS(X) X(RED, 0xff0000) X(GREEN, 0x00ff00) X(BLUE, 0x0000ff) X(WHITE, 0xffffff)

#define AS_ENUM(name, rgb) C_##name,
#define AS_NAME(name, rgb) #name,
#define AS_RGB(name, rgb) rgb,
#define AS_COUNT(name, rgb) +1

enum color { COLORS(AS_ENUM) C_COUNT };
static const char *names[] = {COLORS(AS_NAME)};
static const unsigned rgb[] = {COLORS(AS_RGB)};

int main(void)
{
	printf("%d %d\n", C_COUNT, 0 COLORS(AS_COUNT));
	for (int c = 0; c < C_COUNT; c++)
		printf("%d %-5s %06x\n", c, names[c], rgb[c]);
	return 0;
}
