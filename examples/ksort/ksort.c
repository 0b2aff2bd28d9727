// ksort — the kernel's sort() (lib/sort.c, an in-place heapsort) and bsearch()
// (include/linux/bsearch.h) in a module: a table of IRQ-style entries sorted by number
// with the default swap, then by name with a custom swap_func that counts its calls,
// and looked up with bsearch. The comparators are the module's own code, called from
// sort() like any function pointer, in insmod's process context.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/bsearch.h>
#include <linux/string.h>

struct entry {
	int nr;
	const char *name;
};

static struct entry table[] = {
	{ 14, "ata_piix" }, { 1, "i8042" }, { 9, "acpi" }, { 0, "timer" },
	{ 12, "i8042-aux" }, { 8, "rtc0" }, { 4, "ttyS0" }, { 11, "eth0" },
};

static int swaps;

static int cmp_nr(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->nr - y->nr;
}

static int cmp_name(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void swap_entry(void *a, void *b, int size)
{
	struct entry t = *(struct entry *)a;

	*(struct entry *)a = *(struct entry *)b;
	*(struct entry *)b = t;
	swaps++;
}

static int cmp_key(const void *key, const void *elem)
{
	return *(const int *)key - ((const struct entry *)elem)->nr;
}

static int __init ksort_init(void)
{
	int i, keys[] = { 8, 5, 14, 0 };

	sort(table, ARRAY_SIZE(table), sizeof(table[0]), cmp_nr, NULL);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		pr_info("ksort: %2d %s\n", table[i].nr, table[i].name);
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		struct entry *e = bsearch(&keys[i], table, ARRAY_SIZE(table), sizeof(table[0]), cmp_key);

		pr_info("ksort: irq %d is %s\n", keys[i], e ? e->name : "(none)");
	}
	sort(table, ARRAY_SIZE(table), sizeof(table[0]), cmp_name, swap_entry);
	pr_info("ksort: by name %s .. %s, swap_func called %d times\n", table[0].name,
		table[ARRAY_SIZE(table) - 1].name, swaps);
	return 0;
}

static void __exit ksort_exit(void)
{
}

module_init(ksort_init);
module_exit(ksort_exit);
MODULE_LICENSE("GPL");
