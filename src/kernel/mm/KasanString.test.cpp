// KASAN for the memory and string functions module code calls and for user copies, as a
// Linux 6.1 KASAN kernel checks them: mm/kasan/shadow.c intercepts memcpy/memmove/memset
// (the report names the caller, and the call returns NULL without copying), lib/string.c's
// strcpy & co. are instrumented C (the report names them at the bad byte, and the byte is
// written anyway), lib/usercopy.c checks the kernel buffer of _copy_from_user and
// _copy_to_user (the copy goes ahead). The report's body is pinned by the kasan_memcpy
// goldens; these tests pin which access is reported and what the call then does.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "base/Diagnostic.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/UserTest.h"
#include "lang/Compiler.h"

namespace kctx::kernel {
namespace {

// init loads the module, then writes 32 bytes to /dev/kt and reads 16 back.
constexpr const char* kInit = R"(
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
int main(void)
{
	char buf[32];
	int fd, i;
	printf("insmod returned %d\n", __kctx_insmod(0, ""));
	for (i = 0; i < 32; i++)
		buf[i] = 'a' + i % 26;
	fd = open("/dev/kt", O_RDWR);
	if (fd < 0)
		return 0;
	printf("write returned %d\n", (int)write(fd, buf, 32));
	printf("read returned %d\n", (int)read(fd, buf, 16));
	return 0;
}
)";

// The module: `body` runs in its init; `write` and `read` are /dev/kt's handlers.
std::string module(const std::string& body, const std::string& write = "return len;",
		   const std::string& read = "return 0;")
{
	return R"(
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
static ssize_t m_write(struct file *f, const char __user *ubuf, size_t len, loff_t *pos)
{
)" + write + R"(
}
static ssize_t m_read(struct file *f, char __user *ubuf, size_t len, loff_t *pos)
{
)" + read + R"(
}
static const struct file_operations m_fops = { .owner = THIS_MODULE, .write = m_write, .read = m_read };
static struct miscdevice m_dev = { .minor = MISC_DYNAMIC_MINOR, .name = "kt", .fops = &m_fops };
static int __init m_init(void)
{
)" + body + R"(
	return misc_register(&m_dev);
}
module_init(m_init);
MODULE_LICENSE("GPL");
)";
}

using Outcome = testing::ModuleRun;
using testing::count;

Outcome run(const std::string& module_source, Config config = {})
{
	return testing::run_with_module(kInit, module_source, config);
}

// The address the module printed as "m: NAME <hex>" plus `offset`, as the report prints it.
std::string addr_of(const std::string& console, const std::string& name, uint64_t offset)
{
	std::string key = "m: " + name + " ";
	size_t at = console.find(key);
	if (at == std::string::npos)
		return "(no " + name + " printed)";
	return fmt::format("{:016x}", std::stoull(console.substr(at + key.size(), 16), nullptr, 16) + offset);
}

// The frames from kasan_report() down to the module function, one per line (the last
// one a prefix).
std::string frames(std::initializer_list<const char*> names)
{
	std::string s = "kasan_report+0xb8/0xf0";
	for (const char* n : names)
		s += fmt::format("\n[    0.000000]  {}", n);
	return s;
}

// The console without timestamps, so that frames can be matched line after line.
std::string untimed(const std::string& console)
{
	std::string out;
	size_t at = 0;
	while (at < console.size()) {
		size_t end = console.find('\n', at);
		std::string line = console.substr(at, end == std::string::npos ? std::string::npos : end - at + 1);
		if (line.size() > 15 && line[0] == '[' && line[13] == ']')
			line = "[    0.000000]" + line.substr(14);
		out += line;
		if (end == std::string::npos)
			break;
		at = end + 1;
	}
	return out;
}

TEST(KasanString, MemcpyPastTheDestinationIsAWriteInTheCallerAndCopiesNothing)
{
	Outcome r = run(module(R"(
	char *dst = kzalloc(64, GFP_KERNEL);
	char *src = kmalloc(128, GFP_KERNEL);
	void *ret;
	memset(src, 'A', 128);
	pr_info("m: dst %px\n", dst);
	ret = memcpy(dst, src, 100);
	pr_info("m: memcpy returned %d, dst[0] %d\n", ret == dst, dst[0]);
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in m_init+0x")) << r.console;
	EXPECT_TRUE(r.has("Write of size 100 at addr " + addr_of(r.console, "dst", 0) + " by task insmod/")) << r.console;
	EXPECT_NE(c.find(frames({"kasan_check_range+0x13d/0x190", "memcpy+0x39/0x60", "m_init+0x"})), std::string::npos) << c;
	// mm/kasan/shadow.c memcpy(): the report makes it return NULL before __memcpy().
	EXPECT_TRUE(r.has("m: memcpy returned 0, dst[0] 0\n")) << r.console;
	EXPECT_EQ(r.m.findings.bugs, 1u);
}

TEST(KasanString, MemcpyPastTheSourceIsAReadAndTheSourceIsCheckedFirst)
{
	// Both buffers too small: kasan_check_range() on src comes first and stops the call.
	Outcome r = run(module(R"(
	char *dst = kmalloc(32, GFP_KERNEL);
	char *src = kmalloc(32, GFP_KERNEL);
	pr_info("m: src %px\n", src);
	memcpy(dst, src, 48);
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in m_init+0x")) << r.console;
	EXPECT_TRUE(r.has("Read of size 48 at addr " + addr_of(r.console, "src", 0))) << r.console;
	EXPECT_NE(c.find(frames({"kasan_check_range+0x13d/0x190", "memcpy+0x20/0x60", "m_init+0x"})), std::string::npos) << c;
	EXPECT_EQ(count(r.console, "BUG: KASAN"), 1u);
}

TEST(KasanString, MemmoveIsCheckedLikeMemcpy)
{
	Outcome r = run(module(R"(
	char *p = kmalloc(40, GFP_KERNEL);
	memmove(p + 8, p, 40);
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in m_init+0x")) << r.console;
	EXPECT_TRUE(r.has("Write of size 40 at addr ")) << r.console;
	EXPECT_NE(c.find(frames({"kasan_check_range+0x13d/0x190", "memmove+0x39/0x60", "m_init+0x"})), std::string::npos) << c;
}

TEST(KasanString, MemsetPastTheEnd)
{
	Outcome r = run(module(R"(
	char *p = kmalloc(64, GFP_KERNEL);
	pr_info("m: p %px\n", p);
	memset(p, 0, 65);
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in m_init+0x")) << r.console;
	EXPECT_TRUE(r.has("Write of size 65 at addr " + addr_of(r.console, "p", 0))) << r.console;
	EXPECT_NE(c.find(frames({"kasan_check_range+0x13d/0x190", "memset+0x20/0x40", "m_init+0x"})), std::string::npos) << c;
	// describe_object_addr() measures from where the access starts.
	EXPECT_TRUE(r.has("The buggy address is located 0 bytes inside of\n")) << r.console;
}

TEST(KasanString, UseAfterFreeThroughMemcpy)
{
	Outcome r = run(module(R"(
	char *dst = kmalloc(64, GFP_KERNEL);
	char *src = kmalloc(64, GFP_KERNEL);
	kfree(src);
	memcpy(dst, src, 16);
)"));
	EXPECT_TRUE(r.has("BUG: KASAN: use-after-free in m_init+0x")) << r.console;
	EXPECT_TRUE(r.has("Read of size 16 at addr ")) << r.console;
	EXPECT_TRUE(r.has("Freed by task ")) << r.console;
}

TEST(KasanString, StrcpyOverflowIsReportedInStrcpyAtTheFirstBadByteAndGoesAhead)
{
	Outcome r = run(module(R"(
	char *dst = kmalloc(8, GFP_KERNEL);
	pr_info("m: dst %px\n", dst);
	strcpy(dst, "hello world!");
	pr_info("m: dst holds %s\n", dst);
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in strcpy+0x2d/0x50\n")) << r.console;
	EXPECT_TRUE(r.has("Write of size 1 at addr " + addr_of(r.console, "dst", 8))) << r.console;
	EXPECT_NE(c.find(frames({"strcpy+0x2d/0x50", "m_init+0x"})), std::string::npos) << c;
	EXPECT_TRUE(r.has("m: dst holds hello world!\n")) << r.console;   // the bytes were written
	EXPECT_EQ(r.m.findings.bugs, 1u);   // once per boot: the next four bytes are not reported
}

TEST(KasanString, StrncpyPadsPastTheEnd)
{
	// strncpy() writes count bytes whatever the source's length: the NUL padding overflows.
	Outcome r = run(module(R"(
	char *dst = kmalloc(8, GFP_KERNEL);
	pr_info("m: dst %px\n", dst);
	strncpy(dst, "abc", 16);
)"));
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in strncpy+0x35/0x60\n")) << r.console;
	EXPECT_TRUE(r.has("Write of size 1 at addr " + addr_of(r.console, "dst", 8))) << r.console;
}

TEST(KasanString, StrcatOverflowsWithTheTerminatingNul)
{
	Outcome r = run(module(R"(
	char *dst = kmalloc(8, GFP_KERNEL);
	strcpy(dst, "abcd");
	pr_info("m: dst %px\n", dst);
	strcat(dst, "efgh");
)"));
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in strcat+0x4a/0x70\n")) << r.console;
	EXPECT_TRUE(r.has("Write of size 1 at addr " + addr_of(r.console, "dst", 8))) << r.console;
}

TEST(KasanString, StrlenOfAnUnterminatedBufferReadsPastIt)
{
	Outcome r = run(module(R"(
	char *p = kmalloc(8, GFP_KERNEL);
	memset(p, 'x', 8);
	pr_info("m: p %px\n", p);
	pr_info("m: strlen %d\n", (int)strlen(p));
)"));
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in strlen+0x1c/0x30\n")) << r.console;
	EXPECT_TRUE(r.has("Read of size 1 at addr " + addr_of(r.console, "p", 8))) << r.console;
	EXPECT_TRUE(r.has("m: strlen ")) << r.console;
}

TEST(KasanString, CopyFromUserIntoATooSmallBufferIsReportedInCopyFromUserAndGoesAhead)
{
	Outcome r = run(module("", R"(
	char *buf = kmalloc(16, GFP_KERNEL);
	unsigned long left;
	pr_info("m: buf %px\n", buf);
	left = copy_from_user(buf, ubuf, len);
	pr_info("m: left %lu, buf[20] %c\n", left, buf[20]);
	return len;
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: slab-out-of-bounds in _copy_from_user+0x45/0x80\n")) << r.console;
	EXPECT_TRUE(r.has("Write of size 32 at addr " + addr_of(r.console, "buf", 0) + " by task init/1\n")) << r.console;
	EXPECT_NE(c.find(frames({"kasan_check_range+0x13d/0x190", "_copy_from_user+0x45/0x80", "m_write+0x"})),
		  std::string::npos)
		<< c;
	EXPECT_TRUE(r.has("m: left 0, buf[20] u\n")) << r.console;   // instrument_copy_from_user_before() does not stop it
	EXPECT_TRUE(r.has("write returned 32\n")) << r.console;
	EXPECT_EQ(r.m.findings.bugs, 1u);   // buf[20] itself is not reported again (once per boot)
}

TEST(KasanString, CopyToUserFromAFreedBuffer)
{
	Outcome r = run(module("", "return len;", R"(
	char *buf = kzalloc(16, GFP_KERNEL);
	kfree(buf);
	if (copy_to_user(ubuf, buf, 16))
		return -EFAULT;
	return 16;
)"));
	std::string c = untimed(r.console);
	EXPECT_TRUE(r.has("BUG: KASAN: use-after-free in _copy_to_user+0x3a/0x60\n")) << r.console;
	EXPECT_TRUE(r.has("Read of size 16 at addr ")) << r.console;
	EXPECT_NE(c.find(frames({"kasan_check_range+0x13d/0x190", "_copy_to_user+0x3a/0x60", "m_read+0x"})),
		  std::string::npos)
		<< c;
	EXPECT_TRUE(r.has("read returned 16\n")) << r.console;
}

// Every function at its limits, in bounds: exactly the object's size, and length 0 on
// a buffer that is not even allocated (check_region_inline() passes size 0).
const std::string kInBounds = module(R"(
	char *a = kmalloc(16, GFP_KERNEL);
	char *b = kmalloc(16, GFP_KERNEL);
	char *gone = kmalloc(16, GFP_KERNEL);
	kfree(gone);
	memset(a, 'x', 16);
	memcpy(b, a, 16);
	memmove(b, a, 16);
	memcpy(gone, a, 0);
	memset(gone, 0, 0);
	strncpy(b, "0123456789abcde", 16);
	strcpy(a, b);
	strncpy(gone, "", 0);
	pr_info("m: %d %d %d %d\n", (int)strlen(a), (int)strnlen(a, 16), strcmp(a, b), memcmp(a, b, 16));
	a[8] = 0;
	strcat(a, "1234567");
	strncat(a, "zz", 0);
	pr_info("m: %s\n", a);
)",
				     R"(
	char *buf = kmalloc(32, GFP_KERNEL);
	if (copy_from_user(buf, ubuf, 32) || copy_from_user(buf + 32, ubuf, 0))
		return -EFAULT;
	return len;
)",
				     R"(
	char *buf = kzalloc(16, GFP_KERNEL);
	if (copy_to_user(ubuf, buf, 16))
		return -EFAULT;
	return 16;
)");

TEST(KasanString, InBoundsCallsAreSilent)
{
	Outcome r = run(kInBounds);
	EXPECT_FALSE(r.has("KASAN")) << r.console;
	EXPECT_EQ(r.m.findings.total(), 0u);
	EXPECT_TRUE(r.has("m: 15 15 0 0\n")) << r.console;
	EXPECT_TRUE(r.has("m: 012345671234567\n")) << r.console;
	EXPECT_TRUE(r.has("write returned 32\nread returned 16\n")) << r.console;
}

TEST(KasanString, TheDebianProfileHasNoKasan)
{
	// The memcpy overflow corrupts silently and returns dst; the user copy goes through.
	Config c;
	c.profile = Profile::Debian;
	Outcome r = run(module(R"(
	char *dst = kzalloc(64, GFP_KERNEL);
	char *src = kmalloc(128, GFP_KERNEL);
	void *ret;
	memset(src, 'A', 128);
	ret = memcpy(dst, src, 100);
	strcpy(dst, "a string longer than sixty-four bytes, which overflows the buffer");
	pr_info("m: memcpy returned %d\n", ret == dst);
)",
			       R"(
	char *buf = kmalloc(16, GFP_KERNEL);
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	return len;
)"),
			c);
	EXPECT_FALSE(r.has("KASAN")) << r.console;
	EXPECT_EQ(r.m.findings.total(), 0u);
	EXPECT_TRUE(r.has("m: memcpy returned 1\n")) << r.console;
	EXPECT_TRUE(r.has("write returned 32\n")) << r.console;
}

TEST(KasanString, MultiShotReportsEveryBadByteOfAStringFunction)
{
	// lib/string.c checks each byte: with kasan_multi_shot the three bytes past the end
	// (and the NUL) are four reports; memcpy's check stops at the first.
	Config c;
	c.kasan_multi_shot = true;
	Outcome r = run(module(R"(
	char *dst = kmalloc(8, GFP_KERNEL);
	char *src = kmalloc(8, GFP_KERNEL);
	strcpy(dst, "0123456789a");
	memcpy(dst, src, 9);
	memcpy(dst, src, 9);
)"),
			c);
	EXPECT_EQ(count(r.console, "BUG: KASAN: slab-out-of-bounds in strcpy+0x2d/0x50"), 4u) << r.console;
	EXPECT_EQ(count(r.console, "BUG: KASAN: slab-out-of-bounds in m_init+0x"), 2u) << r.console;
	EXPECT_EQ(count(r.console, "Read of size 9 at addr "), 2u) << r.console;
	EXPECT_EQ(r.m.findings.bugs, 6u);
}

TEST(KasanString, OnceReportedALaterOverflowCopiesSilently)
{
	// report_enabled() is false after the first report: kasan_report() returns false,
	// kasan_check_range() passes and memcpy() copies.
	Outcome r = run(module(R"(
	char *dst = kzalloc(8, GFP_KERNEL);
	char *src = kmalloc(16, GFP_KERNEL);
	void *first, *second;
	memset(src, 'B', 16);
	first = memcpy(dst, src, 12);
	second = memcpy(dst, src, 12);
	pr_info("m: %d %d %c\n", first == NULL, second == dst, dst[0]);
)"));
	EXPECT_EQ(count(r.console, "BUG: KASAN"), 1u) << r.console;
	EXPECT_TRUE(r.has("m: 1 1 B\n")) << r.console;
}

TEST(KasanString, PanicOnWarnStopsAtTheReport)
{
	Config c;
	c.panic_on_warn = true;
	Outcome r = run(module(R"(
	char *dst = kmalloc(8, GFP_KERNEL);
	strcpy(dst, "0123456789");
	pr_info("m: went on\n");
)"),
			c);
	EXPECT_TRUE(r.m.findings.panicked);
	EXPECT_TRUE(r.has("Kernel panic - not syncing: panic_on_warn set ...\n")) << r.console;
	EXPECT_FALSE(r.has("m: went on")) << r.console;
}

// -- memory nothing maps: the page fault inside the function --

TEST(KasanString, AFunctionFaultingOnANullPointerOopsWithRipInIt)
{
	// arch/x86/mm/fault.c page_fault_oops(): RIP in the copy or the string loop, at the
	// first byte it touches that nothing maps; the module function leads the trace and
	// insmod dies (its init never returns). Both profiles alike.
	struct Case {
		const char* call;
		const char* address;
		const char* access;
		const char* rip;
	};
	const Case cases[] = {
		{"memcpy((char *)0 + 0x10, buf, 8);", "0000000000000010", "write", "memcpy_erms+0x6/0x10"},
		{"memcpy(buf, (char *)0 + 0x20, 8);", "0000000000000020", "read", "memcpy_erms+0x6/0x10"},
		{"memmove((char *)0, buf, 8);", "0000000000000000", "write", "__memmove+0x1d/0x1a0"},
		{"memset((char *)0 + 0x18, 0, 8);", "0000000000000018", "write", "memset_erms+0x9/0x10"},
		{"buf[0] = strlen((char *)0 + 8);", "0000000000000008", "read", "strlen+0x1c/0x30"},
		{"strcpy((char *)0 + 4, \"x\");", "0000000000000004", "write", "strcpy+0x2d/0x50"},
		{"strcpy(buf, (char *)0 + 4);", "0000000000000004", "read", "strcpy+0x1e/0x50"},
	};
	for (Profile profile : {Profile::Debug, Profile::Debian}) {
		for (const Case& c : cases) {
			SCOPED_TRACE(c.call);
			Config config;
			config.profile = profile;
			Outcome r = run(module(std::string("\tchar *buf = kzalloc(64, GFP_KERNEL);\n\t") + c.call +
						       "\n\tpr_info(\"m: went on\\n\");\n"),
					config);
			EXPECT_TRUE(r.has(fmt::format("BUG: kernel NULL pointer dereference, address: {}\n", c.address)))
				<< r.console;
			EXPECT_TRUE(r.has(fmt::format("#PF: supervisor {} access in kernel mode\n", c.access))) << r.console;
			EXPECT_TRUE(r.has(fmt::format("RIP: 0010:{}\n", c.rip))) << r.console;
			EXPECT_TRUE(r.has("Call Trace:\n")) << r.console;
			EXPECT_TRUE(r.has("]  m_init+")) << r.console;
			EXPECT_FALSE(r.has("is not simulated yet")) << r.console;
			EXPECT_FALSE(r.has("m: went on")) << r.console;
			EXPECT_FALSE(r.has("KASAN:")) << r.console;   // nothing of a slab's was touched
			EXPECT_EQ(r.m.findings.oopses, 1u);
		}
	}
}

}  // namespace
}  // namespace kctx::kernel
