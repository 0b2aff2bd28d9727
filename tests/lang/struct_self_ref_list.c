/* A statically allocated circular list through self-referential struct pointers. */
#include <stdio.h>

struct node { const char *name; struct node *next; };

static struct node c_node;
static struct node b_node = {"b", &c_node};
static struct node a_node = {"a", &b_node};
static struct node c_node = {"c", &a_node};

int main(void)
{
	struct node *n = &a_node;
	for (int i = 0; i < 7; i++) {
		printf("%s", n->name);
		n = n->next;
	}
	printf("\n%s\n", a_node.next->next->next->name);
	return 0;
}
