/* mm/util.c: user memory copied into a new kmalloc() object. */
__attribute__((weak)) void *memdup_user(const void __user *src, size_t len)
{
	void *p = kmalloc(len, GFP_USER);
	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

/* mm/util.c: the same with a NUL after the copy, for strings. */
__attribute__((weak)) void *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = kmalloc(len + 1, GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}
