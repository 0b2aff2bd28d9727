/* C11 anonymous structs and unions inside a struct. */
#include <stdio.h>
#include <stddef.h>

struct packet {
	int kind;
	union {
		struct { unsigned short port, flags; };
		unsigned int raw;
	};
	struct { char a, b; };
};

int main(void)
{
	struct packet p = {.kind = 1, .port = 80, .flags = 3, .a = 'A', .b = 'B'};
	printf("%d %u %u %c%c\n", p.kind, p.port, p.flags, p.a, p.b);
	printf("%x\n", p.raw);
	p.raw = 0x00010002;
	printf("%u %u\n", p.port, p.flags);
	printf("%zu %zu %zu\n", sizeof p, offsetof(struct packet, flags), offsetof(struct packet, b));
	return 0;
}
