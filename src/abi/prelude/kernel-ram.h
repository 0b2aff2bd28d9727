/* The GFP modifiers a caller adds to say what the page allocator may do when memory runs
 * out (include/linux/gfp_types.h, 6.1). */
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_ACCOUNT 0x400000u
#define __GFP_NOWARN ___GFP_NOWARN
#define __GFP_RETRY_MAYFAIL ___GFP_RETRY_MAYFAIL
#define __GFP_NOFAIL ___GFP_NOFAIL
#define __GFP_NORETRY ___GFP_NORETRY
#define __GFP_ACCOUNT ___GFP_ACCOUNT
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
/* include/linux/slab.h: the largest kmalloc() (MAX_ORDER 11, 4 KiB pages). */
#define KMALLOC_MAX_SIZE (1UL << 22)
