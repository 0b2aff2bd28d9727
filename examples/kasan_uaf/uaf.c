// uaf — reads a kmalloc'd object after kfree(). With KASAN (the debug profile) the read
// is reported as "BUG: KASAN: use-after-free"; the freed object waits in KASAN's
// quarantine, so the report names where it was allocated and where it was freed.
// Without KASAN (debian) the read returns whatever the slab left there.
#include <linux/module.h>
#include <linux/slab.h>

struct session {
	int id;
	int refs;
	char name[56];
};

static struct session *session_open(int id)
{
	struct session *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (s) {
		s->id = id;
		s->refs = 1;
	}
	return s;
}

static void session_put(struct session *s)
{
	if (--s->refs == 0)
		kfree(s);
}

static int __init uaf_init(void)
{
	struct session *s = session_open(42);

	if (!s)
		return -ENOMEM;
	session_put(s);
	pr_info("uaf: session %d closed, refs now %d\n", s->id, s->refs);   // use after free
	return 0;
}

static void __exit uaf_exit(void)
{
}

module_init(uaf_init);
module_exit(uaf_exit);
MODULE_LICENSE("GPL");
