// ledger — a user program whose functions take structs, for process() probes that read
// `$a->balance`, `$a->next->id`, the bit-field `$a->tier` and `$book->accounts[1]` with the
// program's own layouts.
#include <stdio.h>

struct account {
	int id;
	unsigned frozen : 1;
	int tier : 3;
	long balance;
	char owner[8];
	struct account *next;
};

struct book {
	int count;
	struct account *accounts[2];
};

static long deposit(struct account *a, long amount)
{
	a->balance += amount;
	return a->balance;
}

static int audit(struct book *book)
{
	int n = 0;
	for (int i = 0; i < book->count; i++)
		n += book->accounts[i]->balance > 0;
	return n;
}

int main(void)
{
	struct account bob = {2, 0, -2, 0, "bob", NULL};
	struct account ann = {1, 1, 3, 10, "ann", &bob};
	struct book book = {2, {&ann, &bob}};

	deposit(&ann, 5);
	deposit(&bob, 7);
	printf("%d accounts in credit\n", audit(&book));
	return 0;
}
