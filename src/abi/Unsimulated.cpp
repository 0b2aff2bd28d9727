#include "abi/Unsimulated.h"

#include <algorithm>
#include <array>

namespace kctx::abi {

namespace {

// Whole names (functions and macros) of Linux 6.1 that drivers call.
constexpr std::array<std::string_view, 112> kNames = {
	"request_firmware", "request_firmware_nowait", "request_firmware_direct", "release_firmware",
	"firmware_request_nowarn",
	"platform_device_register", "platform_device_unregister", "platform_device_register_simple",
	"platform_device_alloc", "platform_device_add", "platform_device_put", "platform_get_resource",
	"platform_get_irq",
	"module_pci_driver", "module_usb_driver", "module_i2c_driver", "module_spi_driver",
	"register_netdev", "unregister_netdev", "alloc_netdev", "alloc_etherdev", "free_netdev",
	"register_netdevice", "ether_setup", "eth_type_trans", "dev_kfree_skb", "alloc_skb", "kfree_skb",
	"dev_alloc_skb", "skb_put", "skb_push", "skb_pull", "skb_reserve", "napi_schedule",
	"ioremap", "ioremap_nocache", "iounmap", "ioread8", "ioread16", "ioread32", "iowrite8", "iowrite16",
	"iowrite32", "readb", "readw", "readl", "writeb", "writew", "writel", "inb", "inw", "inl", "outb",
	"outw", "outl", "request_region", "release_region", "request_mem_region",
	// the current task's tty and the console (print_string, kbleds); probes and ftrace
	// hooks and the symbol lookup that syscall-hooking modules use
	"get_current_tty", "vc_cons", "fg_console", "kallsyms_lookup_name", "register_kprobe", "unregister_kprobe",
	"register_ftrace_function", "unregister_ftrace_function", "ftrace_set_filter_ip", "ftrace_set_filter",
	"sys_call_table", "kprobe_lookup_name",
	// the scatterlists the crypto API takes, and the control register syscall-hooking
	// modules clear write protection in
	"sg_init_one", "sg_init_table", "sg_set_buf", "read_cr0", "write_cr0", "sprint_symbol",
	"sprint_symbol_no_offset",
	// the page cache's read_iter/write_iter and the iov_iter copies: kctx's read() and
	// write() call a driver's ->read and ->write, never ->read_iter or ->write_iter
	"generic_file_read_iter", "generic_file_write_iter", "copy_to_iter", "copy_from_iter", "iov_iter_init",
	"import_iovec",
	// the rest of port and memory-mapped I/O (LDD3's silly and short), and the block
	// layer's disks (sbull) and the tty layer's drivers (tiny_tty) outside the blk_ and
	// tty_ families
	"memcpy_fromio", "memcpy_toio", "memset_io", "ioport_map", "ioport_unmap", "pci_iomap", "readq", "writeq",
	"inb_p", "outb_p", "insb", "insw", "insl", "outsb", "outsw", "outsl", "ioread8_rep", "iowrite8_rep",
	"register_blkdev", "unregister_blkdev", "alloc_disk", "add_disk", "del_gendisk", "put_disk",
	"set_capacity", "alloc_tty_driver", "put_tty_driver", "__tty_alloc_driver", "rq_data_dir",
};

// Families of APIs, by prefix.
constexpr std::array<std::string_view, 42> kPrefixes = {
	"pci_", "pcie_", "pcim_", "usb_", "i2c_", "spi_", "dma_", "dmam_", "dmaengine_", "gpio_", "gpiod_",
	"input_", "netif_", "netdev_", "napi_", "skb_", "of_", "regmap_", "clk_", "regulator_", "pinctrl_",
	"pm_runtime_", "devm_", "acpi_", "hid_", "serdev_", "tty_", "uart_", "mmc_", "sdio_", "blk_",
	"scsi_", "nvme_", "drm_", "snd_", "v4l2_", "crypto_", "kbd_", "skcipher_", "ahash_", "shash_",
	// the block layer's bios (LDD3's sbull; its elv_next_request() and end_request() are
	// gone from 6.1 and stay undeclared, as gcc finds them)
	"bio_",
};

}  // namespace

bool unsimulated_kernel_api(std::string_view name)
{
	if (std::find(kNames.begin(), kNames.end(), name) != kNames.end())
		return true;
	return std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](std::string_view p) { return name.starts_with(p); });
}

}  // namespace kctx::abi
