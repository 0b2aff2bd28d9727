/* FNV-1a (64-bit) and djb2 hashes: multiplication wrapping modulo 2^64 and 2^32. */
#include <stdio.h>

static unsigned long fnv1a(const char *s)
{
	unsigned long h = 14695981039346656037ul;
	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ul;
	}
	return h;
}

static unsigned int djb2(const char *s)
{
	unsigned int h = 5381;
	int c;
	while ((c = *s++))
		h = ((h << 5) + h) + c;
	return h;
}

int main(void)
{
	const char *words[] = {"", "a", "kernel", "schedule", "spin_lock_irqsave"};
	for (int i = 0; i < 5; i++)
		printf("%016lx %10u %s\n", fnv1a(words[i]), djb2(words[i]), words[i]);
	return 0;
}
