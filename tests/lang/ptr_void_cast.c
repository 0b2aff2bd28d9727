/* void * converts to and from any object pointer; byte access through char *. */
#include <stdio.h>
#include <string.h>

void fill(void *dst, size_t n, int byte) { unsigned char *p = dst; while (n--) *p++ = (unsigned char)byte; }

int main(void)
{
	int x = 0;
	fill(&x, sizeof x, 0x11);
	printf("%x\n", x);
	unsigned int v = 0x01020304;
	unsigned char *bytes = (unsigned char *)&v;
	printf("%d %d %d %d\n", bytes[0], bytes[1], bytes[2], bytes[3]);
	void *vp = &v;
	unsigned int *up = vp;
	printf("%x\n", *up);
	double d = 1.0;
	unsigned long bits;
	memcpy(&bits, &d, sizeof bits);
	printf("%lx\n", bits);
	long arr[3] = {10, 20, 30};
	void *base = arr;
	long *second = (long *)((char *)base + sizeof(long));
	printf("%ld\n", *second);
	return 0;
}
