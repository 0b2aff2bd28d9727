// A module's own slab caches (mm/slab_common.c kmem_cache_create()/kmem_cache_destroy(),
// mm/slub.c kmem_cache_alloc()/kmem_cache_free()): caches of one object size in the same
// slab model as kmalloc's (Slab.h), so KASAN and SLUB's freelist checks cover them too.
#include <fmt/format.h>

#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
constexpr uint64_t kGfpDirectReclaim = 0x400;   // ___GFP_DIRECT_RECLAIM
constexpr uint64_t kGfpZero = 0x100;            // ___GFP_ZERO
constexpr uint64_t kKmemCacheSize = 256;        // sizeof(struct kmem_cache), from kmalloc-256 here
// mm/slab_common.c (6.1) kmem_cache_destroy(): the WARN when shutdown_cache() fails.
constexpr int kDestroyWarnLine = 497;
}  // namespace

bool Kernel::slab_cache_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto cache_of = [&](uint64_t s) -> const uint32_t* {
		auto it = m.slab.kmem_caches.find(s);
		return it == m.slab.kmem_caches.end() ? nullptr : &it->second;
	};
	switch (call.id) {
	case BuiltinId::kmem_cache_create: {
		might_sleep(cpu, t, "include/linux/percpu-rwsem.h", 49, std::vector<std::string>{"cpus_read_lock+0x1c/0x60"});
		std::string name = read_kstring(arg(0));
		uint32_t size = static_cast<uint32_t>(arg(1));
		if (name.empty() || size == 0 || size > kKmallocMaxCacheSize) {
			finish_builtin(t, 0);   // kmem_cache_create_usercopy(): -EINVAL, returns NULL
			return true;
		}
		uint64_t handle = slab_alloc(m.slab, m.kmem, kKmemCacheSize, {});
		(void)m.kmem.fill(handle, 0, kKmemCacheSize);
		m.slab.kmem_caches[handle] = slab_create_cache(m.slab, name, size, static_cast<uint32_t>(arg(2)));
		finish_builtin(t, handle);
		return true;
	}
	case BuiltinId::kmem_cache_alloc:
	case BuiltinId::kmem_cache_zalloc: {
		const uint32_t* ci = cache_of(arg(0));
		uint64_t gfp = arg(1) | (call.id == BuiltinId::kmem_cache_zalloc ? kGfpZero : 0);
		if (gfp & kGfpDirectReclaim)
			might_sleep(cpu, t, "include/linux/sched/mm.h", 274, std::vector<std::string>{"kmem_cache_alloc+0x4e/0x340"});
		if (!ci) {
			finish_builtin(t, 0);
			return true;
		}
		uint32_t object_size = m.slab.caches[*ci].object_size;
		if (slab_pages_needed(m.slab, *ci)) {
			PageRequest req = slab_page_request(*ci, gfp);
			req.callee.back() = "kmem_cache_alloc+0x16f/0x340";
			if (!ram_reserve(cpu, t, req)) {
				slab_out_of_memory(cpu, *ci, gfp);
				if (!m.halted)
					finish_builtin(t, 0);
				return true;
			}
		}
		KasanTrack track;
		if (m_config.kasan())
			track = kasan_save_stack(t, {"kasan_save_stack+0x22/0x50", "kasan_set_track+0x25/0x30",
						     "__kasan_slab_alloc+0x67/0x80", "kmem_cache_alloc+0x16f/0x340"});
		uint64_t p = slab_alloc_from(m.slab, m.kmem, *ci, object_size, std::move(track));
		if (gfp & kGfpZero)
			(void)m.kmem.fill(p, 0, object_size);
		finish_builtin(t, p);
		return true;
	}
	case BuiltinId::kmem_cache_free: {
		uint64_t p = arg(1);
		if (!p) {
			finish_builtin(t, 0);
			return true;
		}
		KasanTrack track;
		if (m_config.kasan())
			track = kasan_save_stack(t, {"kasan_save_stack+0x22/0x50", "kasan_set_track+0x25/0x30",
						     "kasan_set_free_info+0x24/0x40", "____kasan_slab_free+0x137/0x1c0",
						     "slab_free_freelist_hook+0x12e/0x1a0", "kmem_cache_free+0xf5/0x3b0"});
		switch (slab_free(m.slab, m.kmem, p, std::move(track))) {
		case FreeResult::Freed:
		case FreeResult::NotSlab: break;
		case FreeResult::DoubleFree: kasan_report_invalid_free(cpu, t, p, true); break;
		case FreeResult::InvalidFree: kasan_report_invalid_free(cpu, t, p, false); break;
		case FreeResult::FreelistHeadBug: slub_double_free_bug(cpu, t); return true;
		}
		if (!m.halted)
			finish_builtin(t, 0);
		return true;
	}
	case BuiltinId::kmem_cache_destroy: {
		const uint32_t* ci = cache_of(arg(0));
		if (!ci) {   // kmem_cache_destroy(NULL) is allowed
			finish_builtin(t, 0);
			return true;
		}
		might_sleep(cpu, t, "include/linux/percpu-rwsem.h", 49, std::vector<std::string>{"cpus_read_lock+0x1c/0x60"});
		uint32_t cache = *ci;
		finish_builtin(t, 0);
		if (slab_objects_in_use(m.slab, cache) == 0) {
			m.slab.kmem_caches.erase(arg(0));
			return true;
		}
		// shutdown_cache() fails: the cache stays (its objects leak) and
		// WARN(err, "%s %s: Slab cache still has objects when called from %pS", ...).
		std::string msg = fmt::format("kmem_cache_destroy {}: Slab cache still has objects when called from {}\n",
					      m.slab.caches[cache].name, caller_site(t));
		warn(cpu, "mm/slab_common.c", kDestroyWarnLine, "kmem_cache_destroy+0x16d/0x170", msg, {});
		return true;
	}
	default: return false;
	}
}

}  // namespace kctx::kernel
