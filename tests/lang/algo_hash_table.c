/* A chained hash table of word counts: malloc'd nodes, strcmp, string hashing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { char word[16]; int count; struct entry *next; };
static struct entry *buckets[17];

static unsigned hash(const char *s) { unsigned h = 0; while (*s) h = h * 31 + (unsigned char)*s++; return h % 17; }

static void add(const char *w)
{
	struct entry **pp = &buckets[hash(w)];
	for (; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->word, w)) {
			(*pp)->count++;
			return;
		}
	*pp = calloc(1, sizeof **pp);
	strcpy((*pp)->word, w);
	(*pp)->count = 1;
}

int main(void)
{
	char text[] = "the cat and the dog and the bird saw the cat";
	char word[16];
	int len = 0;
	for (char *p = text;; p++) {
		if (*p == ' ' || *p == 0) {
			word[len] = 0;
			if (len)
				add(word);
			len = 0;
			if (!*p)
				break;
		} else {
			word[len++] = *p;
		}
	}
	for (int b = 0; b < 17; b++)
		for (struct entry *e = buckets[b]; e; e = e->next)
			printf("%2d %-5s %d\n", b, e->word, e->count);
	return 0;
}
