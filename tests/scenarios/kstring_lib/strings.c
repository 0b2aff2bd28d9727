/* The kernel's string helpers as lib/string.c, mm/util.c and lib/kasprintf.c define
 * them, and linux/ctype.h's classes (lib/ctype.c). */
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static const char *const modes[] = { "off", "low", "high" };

static int __init strings_init(void)
{
	char small[6], buf[32] = "  key = value \n", line[] = "a,b,,c";
	char *p = line, *tok, *dup, *printed;
	ssize_t n;

	n = strscpy(small, "hello", sizeof(small));
	pr_info("strscpy fits: %zd '%s'\n", n, small);
	n = strscpy(small, "hello world", sizeof(small));
	pr_info("strscpy too long: %zd '%s'\n", n, small);
	pr_info("strlcpy: %zu '%s'\n", strlcpy(small, "abcdefgh", sizeof(small)), small);
	pr_info("strim: '%s'\n", strim(buf));
	pr_info("skip_spaces: '%s'\n", skip_spaces("   x"));
	while ((tok = strsep(&p, ",")))
		pr_info("strsep: '%s'\n", tok);
	pr_info("strcasecmp: %d %d\n", strcasecmp("Hello", "hELLO") == 0, strncasecmp("abcX", "ABCY", 3));
	pr_info("strpbrk: '%s'\n", strpbrk("kernel module", "dm"));
	pr_info("sysfs_streq: %d %d %d\n", sysfs_streq("on", "on\n"), sysfs_streq("on\n", "on"),
		sysfs_streq("on", "one"));
	pr_info("sysfs_match_string: %d %d\n", sysfs_match_string(modes, "high\n"), sysfs_match_string(modes, "max"));
	pr_info("ctype: %d%d%d%d%d%d %c%c\n", !!isdigit('7'), !!isalpha('q'), !!isspace('\t'), !!isxdigit('F'),
		!!ispunct('!'), !!isupper('a'), toupper('k'), tolower('Q'));
	dup = kstrdup("copied", GFP_KERNEL);
	printed = kasprintf(GFP_KERNEL, "%s-%d", dup, 42);
	pr_info("kstrdup/kasprintf: '%s' '%s' (%zu bytes)\n", dup, printed, strlen(printed) + 1);
	kfree(printed);
	kfree(dup);
	dup = kmemdup("xyz", 4, GFP_KERNEL);
	pr_info("kmemdup: '%s'\n", dup);
	kfree(dup);
	return 0;
}

static void __exit strings_exit(void)
{
}

module_init(strings_init);
module_exit(strings_exit);
MODULE_LICENSE("GPL");
