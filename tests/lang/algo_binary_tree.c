/* A binary search tree: insertion, in-order traversal, height, lookup. */
#include <stdio.h>
#include <stdlib.h>

struct node { int key; struct node *left, *right; };

static struct node *insert(struct node *t, int key)
{
	if (!t) {
		t = malloc(sizeof *t);
		t->key = key;
		t->left = t->right = NULL;
	} else if (key < t->key) {
		t->left = insert(t->left, key);
	} else if (key > t->key) {
		t->right = insert(t->right, key);
	}
	return t;
}

static void inorder(const struct node *t) { if (t) { inorder(t->left); printf("%d ", t->key); inorder(t->right); } }
static int height(const struct node *t) { if (!t) return 0; int l = height(t->left), r = height(t->right); return 1 + (l > r ? l : r); }
static int contains(const struct node *t, int k) { while (t && t->key != k) t = k < t->key ? t->left : t->right; return t != NULL; }
static void destroy(struct node *t) { if (t) { destroy(t->left); destroy(t->right); free(t); } }

int main(void)
{
	int keys[] = {50, 30, 70, 20, 40, 60, 80, 30, 65, 10};
	struct node *root = NULL;
	for (int i = 0; i < 10; i++)
		root = insert(root, keys[i]);
	inorder(root);
	printf("\nheight %d\n", height(root));
	printf("%d %d\n", contains(root, 65), contains(root, 66));
	destroy(root);
	return 0;
}
