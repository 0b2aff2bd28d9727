/* A singly linked list on the heap: push, reverse, remove, free. */
#include <stdio.h>
#include <stdlib.h>

struct node { int value; struct node *next; };

static struct node *push(struct node *head, int v)
{
	struct node *n = malloc(sizeof *n);
	n->value = v;
	n->next = head;
	return n;
}

static struct node *reverse(struct node *head)
{
	struct node *prev = NULL;
	while (head) {
		struct node *next = head->next;
		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

static void print(const struct node *n)
{
	for (; n; n = n->next)
		printf("%d%s", n->value, n->next ? " -> " : "\n");
}

static struct node *remove_value(struct node *head, int v)
{
	struct node **pp = &head;
	while (*pp) {
		if ((*pp)->value == v) {
			struct node *dead = *pp;
			*pp = dead->next;
			free(dead);
		} else {
			pp = &(*pp)->next;
		}
	}
	return head;
}

int main(void)
{
	struct node *list = NULL;
	for (int i = 1; i <= 6; i++)
		list = push(list, i % 3 ? i : 0);
	print(list);
	list = reverse(list);
	print(list);
	list = remove_value(list, 0);
	print(list);
	while (list) {
		struct node *next = list->next;
		free(list);
		list = next;
	}
	return 0;
}
