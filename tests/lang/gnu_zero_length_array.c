/* GNU zero-length arrays: size 0, used as a trailing variable part. */
#include <stdio.h>
#include <stdlib.h>

struct hdr { unsigned short type, len; unsigned char payload[0]; };

int main(void)
{
	printf("%zu\n", sizeof(struct hdr));
	struct hdr *h = malloc(sizeof *h + 3);
	h->type = 1;
	h->len = 3;
	for (int i = 0; i < 3; i++)
		h->payload[i] = (unsigned char)(0xa0 + i);
	printf("%u %u %x %x %x\n", h->type, h->len, h->payload[0], h->payload[1], h->payload[2]);
	free(h);
	return 0;
}
