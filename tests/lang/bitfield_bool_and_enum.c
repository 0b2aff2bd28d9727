/* _Bool and enum bit-fields, and bit-fields inside unions. */
#include <stdio.h>
#include <stdbool.h>

enum state { IDLE, RUN, WAIT, DONE };

struct task { bool ready : 1; enum state st : 2; unsigned prio : 5; };
union word { unsigned int raw; struct { unsigned lo : 16, hi : 16; } half; };

int main(void)
{
	struct task t = {.ready = true, .st = WAIT, .prio = 31};
	printf("%d %d %u %zu\n", t.ready, t.st, t.prio, sizeof t);
	t.ready = 5;
	printf("%d\n", t.ready);
	t.st = DONE;
	printf("%d\n", t.st == DONE);
	union word w;
	w.raw = 0x12345678;
	printf("%x %x\n", w.half.lo, w.half.hi);
	w.half.hi = 0xabcd;
	printf("%x\n", w.raw);
	return 0;
}
