/* typedef of an incomplete struct, completed later; pointers to it before completion. */
#include <stdio.h>

typedef struct tree tree_t;
static int count(const tree_t *t);

struct tree { int v; tree_t *kids[2]; };

static int count(const tree_t *t) { return t ? 1 + count(t->kids[0]) + count(t->kids[1]) : 0; }

int main(void)
{
	tree_t leaf1 = {1, {0, 0}}, leaf2 = {2, {0, 0}}, mid = {3, {&leaf1, 0}}, root = {4, {&mid, &leaf2}};
	printf("%d %zu\n", count(&root), sizeof(tree_t));
	return 0;
}
