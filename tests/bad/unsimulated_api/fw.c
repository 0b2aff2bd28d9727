#include <linux/module.h>
#include <linux/firmware.h>

static int __init fw_init(void)
{
	const struct firmware *fw;

	return request_firmware(&fw, "fw.bin", NULL);
}
module_init(fw_init);
MODULE_LICENSE("GPL");
