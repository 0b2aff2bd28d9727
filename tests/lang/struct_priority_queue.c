/* A binary min-heap priority queue of (priority, name) structs. */
#include <stdio.h>

struct job { int prio; const char *name; };
static struct job heap[16];
static int n;

static void push(struct job j)
{
	int i = n++;
	while (i && heap[(i - 1) / 2].prio > j.prio) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i] = j;
}

static struct job pop(void)
{
	struct job top = heap[0], last = heap[--n];
	int i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= n) break;
		if (c + 1 < n && heap[c + 1].prio < heap[c].prio) c++;
		if (heap[c].prio >= last.prio) break;
		heap[i] = heap[c];
		i = c;
	}
	heap[i] = last;
	return top;
}

int main(void)
{
	struct job js[] = {{5, "five"}, {1, "one"}, {9, "nine"}, {3, "three"}, {7, "seven"}, {2, "two"}};
	for (int i = 0; i < 6; i++)
		push(js[i]);
	while (n) {
		struct job j = pop();
		printf("%d %s\n", j.prio, j.name);
	}
	return 0;
}
