/* Compound assignment, increments and bit operations on bit-fields. */
#include <stdio.h>

struct reg {
	unsigned enable : 1;
	unsigned mode : 3;
	signed level : 5;
	unsigned count : 7;
};

int main(void)
{
	struct reg r = {0};
	for (int i = 0; i < 130; i++)
		r.count++;
	printf("%u\n", r.count);
	r.level = 15;
	r.level++;
	printf("%d\n", r.level);
	r.level = -16;
	r.level--;
	printf("%d\n", r.level);
	r.mode = 5;
	r.mode |= 2;
	printf("%u\n", r.mode);
	r.mode ^= 0xff;
	printf("%u\n", r.mode);
	r.enable = !r.enable;
	printf("%u\n", r.enable);
	r.count = 100;
	r.count *= 3;
	printf("%u\n", r.count);
	int sum = r.enable + r.mode + r.level + r.count;
	printf("%d\n", sum);
	struct reg copy = r;
	copy.mode = 0;
	printf("%u %u\n", r.mode, copy.mode);
	return 0;
}
