/* Arrays of structs: indexing, member access, and iteration with pointers. */
#include <stdio.h>
#include <string.h>

struct item { char name[12]; int qty; double price; };

int main(void)
{
	struct item stock[] = {
		{"apple", 3, 0.5},
		{"pear", 0, 0.75},
		{"plum", 12, 0.2},
		{"kiwi", 7, 0.3},
	};
	int n = sizeof stock / sizeof stock[0];
	double total = 0;
	for (int i = 0; i < n; i++)
		total += stock[i].qty * stock[i].price;
	printf("%d items, total %.2f\n", n, total);
	for (struct item *p = stock; p < stock + n; p++)
		if (p->qty == 0)
			printf("out of %s\n", p->name);
	strcpy(stock[1].name, "nashi");
	stock[1].qty += 5;
	printf("%s %d\n", stock[1].name, (stock + 1)->qty);
	struct item *last = &stock[n - 1];
	printf("%s %zu\n", last->name, strlen(last->name));
	return 0;
}
