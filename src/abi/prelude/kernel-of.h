/* Firmware descriptions of devices (include/linux/of.h, fwnode.h, property.h, 6.1) as
 * Debian's amd64 kernel has them. CONFIG_OF is not set on x86, so the of_ API is of.h's
 * static inline stubs: no node is ever found and a property read is -ENOSYS. A device's
 * properties (device_property_*, drivers/base/property.c) come from its fwnode, which
 * no device of kctx's machine has (no device tree, no ACPI _DSD): a property is never
 * present and a read is -EINVAL, what fwnode_call_int_op() gives for a NULL fwnode. */
struct fwnode_handle {
	struct fwnode_handle *secondary;
	const void *ops;
	struct device *dev;
	struct list_head suppliers;
	struct list_head consumers;
	u8 flags;
};
typedef u32 phandle;
struct property {
	char *name;
	int length;
	void *value;
	struct property *next;
};
struct device_node {
	const char *name;
	phandle phandle;
	const char *full_name;
	struct fwnode_handle fwnode;
	struct property *properties;
	struct property *deadprops;
	struct device_node *parent;
	struct device_node *child;
	struct device_node *sibling;
	unsigned long _flags;
	void *data;
};

/* include/linux/of.h, !CONFIG_OF */
#define of_match_ptr(_ptr) NULL
#define of_node_get(node) (node)
#define of_node_put(node) do { (void)(node); } while (0)
#define of_fwnode_handle(node) ((struct fwnode_handle *)0)
#define of_have_populated_dt() false
#define of_get_next_child(node, prev) ((struct device_node *)0)
#define of_get_next_available_child(node, prev) ((struct device_node *)0)
#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; child = of_get_next_child(parent, child))
#define for_each_available_child_of_node(parent, child) \
	for (child = of_get_next_available_child(parent, NULL); child != NULL; \
	     child = of_get_next_available_child(parent, child))
static inline struct device_node *of_find_node_by_name(struct device_node *from, const char *name) { return NULL; }
static inline struct device_node *of_find_node_by_path(const char *path) { return NULL; }
static inline struct device_node *of_find_compatible_node(struct device_node *from, const char *type,
							  const char *compat) { return NULL; }
static inline struct device_node *of_get_child_by_name(const struct device_node *node, const char *name)
{
	return NULL;
}
static inline struct device_node *of_get_parent(const struct device_node *node) { return NULL; }
static inline int of_device_is_compatible(const struct device_node *device, const char *compat) { return 0; }
static inline bool of_device_is_available(const struct device_node *device) { return false; }
static inline struct property *of_find_property(const struct device_node *np, const char *name, int *lenp)
{
	return NULL;
}
static inline const void *of_get_property(const struct device_node *node, const char *name, int *lenp)
{
	return NULL;
}
static inline bool of_property_read_bool(const struct device_node *np, const char *propname) { return false; }
static inline int of_property_read_u8_array(const struct device_node *np, const char *propname, u8 *out_values,
					    size_t sz) { return -ENOSYS; }
static inline int of_property_read_u16_array(const struct device_node *np, const char *propname, u16 *out_values,
					     size_t sz) { return -ENOSYS; }
static inline int of_property_read_u32_array(const struct device_node *np, const char *propname, u32 *out_values,
					     size_t sz) { return -ENOSYS; }
static inline int of_property_read_u64_array(const struct device_node *np, const char *propname, u64 *out_values,
					     size_t sz) { return -ENOSYS; }
static inline int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value)
{
	return -ENOSYS;
}
static inline int of_property_read_string(const struct device_node *np, const char *propname,
					  const char **out_string) { return -ENOSYS; }
static inline int of_property_read_string_index(const struct device_node *np, const char *propname, int index,
						const char **output) { return -ENOSYS; }
static inline int of_property_count_elems_of_size(const struct device_node *np, const char *propname,
						  int elem_size) { return -ENOSYS; }
static inline int of_property_match_string(const struct device_node *np, const char *propname,
					   const char *string) { return -ENOSYS; }
static inline int of_alias_get_id(struct device_node *np, const char *stem) { return -ENOSYS; }
static inline int of_irq_get(struct device_node *dev, int index) { return 0; }
static inline const struct of_device_id *of_match_node(const struct of_device_id *matches,
						       const struct device_node *node) { return NULL; }
static inline const struct of_device_id *of_match_device(const struct of_device_id *matches,
							 const struct device *dev) { return NULL; }
static inline const void *of_device_get_match_data(const struct device *dev) { return NULL; }
#define of_property_read_u8(np, name, out) of_property_read_u8_array((np), (name), (out), 1)
#define of_property_read_u16(np, name, out) of_property_read_u16_array((np), (name), (out), 1)
#define of_property_read_u32(np, name, out) of_property_read_u32_array((np), (name), (out), 1)
#define of_property_read_s32(np, name, out) of_property_read_u32_array((np), (name), (u32 *)(out), 1)

/* include/linux/property.h and drivers/base/property.c with a NULL fwnode */
static inline struct fwnode_handle *dev_fwnode(const struct device *dev) { return dev->fwnode; }
static inline bool fwnode_property_present(const struct fwnode_handle *fwnode, const char *propname)
{
	return false;
}
static inline int fwnode_property_read_u32_array(const struct fwnode_handle *fwnode, const char *propname,
						 u32 *val, size_t nval) { return -EINVAL; }
static inline int fwnode_property_read_string(const struct fwnode_handle *fwnode, const char *propname,
					      const char **val) { return -EINVAL; }
static inline bool device_property_present(struct device *dev, const char *propname)
{
	return fwnode_property_present(dev_fwnode(dev), propname);
}
static inline bool device_property_read_bool(struct device *dev, const char *propname)
{
	return device_property_present(dev, propname);
}
static inline int device_property_read_u8_array(struct device *dev, const char *propname, u8 *val, size_t nval)
{
	return -EINVAL;
}
static inline int device_property_read_u16_array(struct device *dev, const char *propname, u16 *val, size_t nval)
{
	return -EINVAL;
}
static inline int device_property_read_u32_array(struct device *dev, const char *propname, u32 *val, size_t nval)
{
	return fwnode_property_read_u32_array(dev_fwnode(dev), propname, val, nval);
}
static inline int device_property_read_u64_array(struct device *dev, const char *propname, u64 *val, size_t nval)
{
	return -EINVAL;
}
static inline int device_property_read_string(struct device *dev, const char *propname, const char **val)
{
	return fwnode_property_read_string(dev_fwnode(dev), propname, val);
}
static inline int device_property_read_string_array(struct device *dev, const char *propname, const char **val,
						    size_t nval) { return -EINVAL; }
static inline int device_property_match_string(struct device *dev, const char *propname, const char *string)
{
	return -EINVAL;
}
static inline const void *device_get_match_data(const struct device *dev) { return NULL; }
#define device_property_read_u8(dev, name, val) device_property_read_u8_array((dev), (name), (val), 1)
#define device_property_read_u16(dev, name, val) device_property_read_u16_array((dev), (name), (val), 1)
#define device_property_read_u32(dev, name, val) device_property_read_u32_array((dev), (name), (u32 *)(val), 1)
#define device_property_read_u64(dev, name, val) device_property_read_u64_array((dev), (name), (val), 1)
#define device_property_count_u32(dev, name) device_property_read_u32_array((dev), (name), NULL, 0)
