// recurse — walks a "tree" whose node points back to itself, so the recursion never
// ends. Each frame holds a 96-byte path buffer on the kernel stack.
#include <linux/module.h>
#include <linux/string.h>

struct node {
	struct node *child;
	int depth;
};

static struct node loop = { .child = &loop };

static int walk(struct node *n, int depth)
{
	char path[96];

	memset(path, 0, sizeof(path));
	path[0] = '/';
	if (!n->child)
		return depth;
	return walk(n->child, depth + 1) + path[0];
}

static int __init recurse_init(void)
{
	pr_info("recurse: depth %d\n", walk(&loop, 0));
	return 0;
}

static void __exit recurse_exit(void)
{
}

module_init(recurse_init);
module_exit(recurse_exit);
MODULE_LICENSE("GPL");
