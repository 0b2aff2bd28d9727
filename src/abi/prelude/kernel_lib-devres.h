/* drivers/base/devres.c: memory a device owns (devm_kmalloc() and its family), freed
 * when the device is released (device_destroy() of a device_create() device). kctx
 * allocates the block itself, without the struct devres header Linux puts before it. */
__attribute__((weak)) void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	void *p;

	if (!size)
		return ZERO_SIZE_PTR;
	p = kmalloc(size, gfp);
	if (p)
		__kctx_devres_add(dev, p);
	return p;
}
__attribute__((weak)) void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}
__attribute__((weak)) void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t flags)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return devm_kmalloc(dev, n * size, flags);
}
__attribute__((weak)) void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t flags)
{
	return devm_kmalloc_array(dev, n, size, flags | __GFP_ZERO);
}
__attribute__((weak)) char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	size_t size;
	char *buf;

	if (!s)
		return NULL;
	size = strlen(s) + 1;
	buf = devm_kmalloc(dev, size, gfp);
	if (buf)
		memcpy(buf, s, size);
	return buf;
}
/* devm_kfree(): a block the device does not own is WARN_ON(rc) and stays allocated. */
__attribute__((weak)) void devm_kfree(struct device *dev, const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return;
	if (WARN_ON(__kctx_devres_del(dev, p)))
		return;
	kfree(p);
}
