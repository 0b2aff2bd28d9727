/* A 1 KiB struct passed and returned by value several levels deep. */
#include <stdio.h>

struct big { int id; long data[127]; };

static struct big bump(struct big b, int k)
{
	b.id += k;
	for (int i = 0; i < 127; i++)
		b.data[i] += k * i;
	return b;
}

static long checksum(struct big b)
{
	long s = b.id;
	for (int i = 0; i < 127; i++)
		s = s * 31 + b.data[i];
	return s;
}

int main(void)
{
	struct big b = {0};
	printf("%zu\n", sizeof b);
	struct big c = bump(bump(bump(b, 1), 2), 3);
	printf("%d %ld %ld\n", c.id, c.data[1], c.data[126]);
	printf("%ld\n", checksum(c));
	printf("%d %ld\n", b.id, b.data[126]);
	return 0;
}
