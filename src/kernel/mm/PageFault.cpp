// A user page fault a driver serves (mm/memory.c, 6.1): a device mapping whose ->mmap
// left pages unmapped and set vma->vm_ops with a ->fault gets that handler called, on
// the faulting task's stack, for each page the process first touches; the page it
// returns is mapped and the access runs again. Also vmf_insert_pfn() and
// vm_insert_page(), with which a handler (or ->mmap) maps a page itself.
#include <array>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Signal.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/mm/DevMmap.h"

namespace kctx::kernel {

namespace {
namespace VMA = abi::layout::vm_area_struct;
namespace VMF = abi::layout::vm_fault;
// do_user_addr_fault()'s struct vm_fault, this far below the top of the kernel stack.
constexpr uint64_t kVmfSlot = 0x100;
static_assert(VMF::size <= kVmfSlot);
using R = run::PageFault::Resume;
// __get_fault_gfp_mask(): a device file's mapping has inode_init_always()'s
// GFP_HIGHUSER_MOVABLE, with __GFP_FS | __GFP_IO (kctx leaves out the KASAN skip bits).
constexpr uint32_t kFaultGfp = 0x100cca;
}  // namespace

bool Kernel::driver_page_fault(uint32_t cpu, TaskId t, const vm::RunResult& r)
{
	// handle_mm_fault() -> do_fault(): a page of a vma whose vm_ops has ->fault, that is
	// not there yet (kctx keeps such pages as the placeholders ->mmap left, made
	// inaccessible by no_page_without_fault()), with an access the vma allows
	// (access_error(): a store needs VM_WRITE, a load any of VM_READ/WRITE/EXEC).
	Task& task = m.tasks[t];
	if (!task.user)
		return false;
	const vm::Region* reg = task.user->mm.region_at(r.fault_address);
	if (!reg || !reg->vma || reg->kaddr || reg->readable)
		return false;
	uint64_t flags = 0, ops = 0, fault = 0;
	if (!m.kmem.load(reg->vma + VMA::vm_flags, flags) || !m.kmem.load(reg->vma + VMA::vm_ops, ops) || !ops ||
	    !m.kmem.load(ops + abi::layout::vm_operations_struct::fault, fault) || !fault)
		return false;
	bool write = r.fault == vm::FaultKind::Write;
	if (write ? !(flags & devmmap::VM_WRITE) : !(flags & (devmmap::VM_READ | devmmap::VM_WRITE | devmmap::VM_EXEC)))
		return false;
	push_native(t, run::PageFault{.address = r.fault_address, .write = write, .vma = reg->vma}, StackKind::Task);
	(void)cpu;
	return true;
}

void Kernel::step_page_fault(uint32_t cpu, TaskId t, NativeFrame& f)
{
	auto& r = f.as<run::PageFault>();
	if (r.resume == R::Start) {
		// __do_fault(): the struct vm_fault do_user_addr_fault() built on its stack, then
		// vma->vm_ops->fault(vmf).
		uint64_t vm_start = 0, vm_pgoff = 0, ops = 0, fault = 0;
		(void)m.kmem.load(r.vma + VMA::vm_start, vm_start);
		(void)m.kmem.load(r.vma + VMA::vm_pgoff, vm_pgoff);
		(void)m.kmem.load(r.vma + VMA::vm_ops, ops);
		(void)m.kmem.load(ops + abi::layout::vm_operations_struct::fault, fault);
		// On the task's kernel stack, in the entry frames' area above module code's stack
		// (core/KernelStack.cpp): a fault from user mode starts on an empty kernel stack, so
		// no syscall's slots there are live, and a retried fault reuses it instead of
		// allocating kernel memory per fault.
		uint64_t vmf = m.tasks[t].stack_base + addr::kThreadSize - kVmfSlot;
		std::array<uint8_t, VMF::size> zero{};   // __do_fault()'s initializer: the rest is 0
		(void)m.kmem.write(vmf, zero.data(), zero.size());
		(void)m.kmem.store(vmf + VMF::vma, r.vma);
		(void)m.kmem.store(vmf + VMF::gfp_mask, kFaultGfp);
		(void)m.kmem.store(vmf + VMF::pgoff, devmmap::linear_page_index(vm_start, vm_pgoff, r.address));
		(void)m.kmem.store(vmf + VMF::address, r.address & ~(vm::kPageSize - 1));
		(void)m.kmem.store(vmf + VMF::real_address, r.address);
		(void)m.kmem.store(vmf + VMF::flags, devmmap::fault_flags(r.write));
		r.vmf = vmf;
		r.resume = R::Called;
		charge(cpu, m_config.costs.syscall_ns);   // the exception's entry and exit
		std::array<uint64_t, 1> call = {vmf};
		push_vm_call(t, fault, call, StackKind::Task);
		return;
	}
	if (r.resume == R::ExitToUser) {
		// irqentry_exit_to_user_mode(): a reschedule first; then back to the access.
		if (m.tasks[t].sched.need_resched) {
			push_schedule(t);
			return;
		}
		pop_frame(t, 0);
		if (signal_pending(t))
			deliver_signals(cpu, t);
		return;
	}
	finish_page_fault(cpu, t, f);
}

void Kernel::finish_page_fault(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// Back from ->fault: do_read_fault()/do_cow_fault()/do_shared_fault() finish, then
	// do_user_addr_fault() looks at the vm_fault_t.
	auto& r = f.as<run::PageFault>();
	Task& task = m.tasks[t];
	uint32_t ret = static_cast<uint32_t>(f.ret);
	uint64_t page = 0, flags = 0;
	(void)m.kmem.load(r.vmf + VMF::page, page);
	(void)m.kmem.load(r.vma + VMA::vm_flags, flags);
	vm::RunResult fault;
	fault.exit = vm::Exit::Fault;
	fault.fault = r.write ? vm::FaultKind::Write : vm::FaultKind::Read;
	fault.fault_address = r.address;
	switch (devmmap::fault_outcome(ret)) {
	case devmmap::FaultOutcome::MapPage: {
		// finish_fault() -> do_set_pte(): the handler's page, in a shared mapping
		// itself; a store to a private one gets a copy (do_cow_fault()). kctx copies a
		// private mapping's page on a load too, where Linux maps the page read-only
		// until a store copies it (do_wp_page()): the same bytes until then.
		uint64_t kaddr = devmmap::page_kaddr(page);
		bool shared = flags & devmmap::VM_SHARED;
		auto how = shared ? devmmap::PageMapping::Same : devmmap::PageMapping::Copy;
		if (!kaddr || devmmap::insert_page(m.kmem, task.user->mm, r.vma, r.address, kaddr, how,
						   (flags & devmmap::VM_WRITE) != 0) != 0) {
			// Linux would lock_page(NULL) and oops, or map a page kctx holds no memory for.
			if (m.warned_once.insert("fault:no-page").second)
				printk(cpu, fmt::format("\0014kctx: vm_ops->fault returned {:#x} with vmf->page {:#x}, which "
							"is no page kctx holds; the access gets SIGBUS\n",
							ret, page));
			pop_frame(t, 0);
			force_sig_fault(cpu, t, abi::kSIGBUS, "");
			return;
		}
		break;
	}
	case devmmap::FaultOutcome::NoPage:
	case devmmap::FaultOutcome::Retry: break;   // mapped by the handler, or tried again
	case devmmap::FaultOutcome::Oom:
		// pagefault_out_of_memory() (mm/oom_kill.c, 5.16 on): no OOM kill from a fault;
		// it warns (ratelimited) and the access retries.
		if (m.warned_once.insert("fault:oom").second)
			printk(cpu, "\0014Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
		break;
	case devmmap::FaultOutcome::Sigbus:
		// do_sigbus(): force_sig_fault(SIGBUS, BUS_ADRERR), no message.
		pop_frame(t, 0);
		force_sig_fault(cpu, t, abi::kSIGBUS, "");
		return;
	case devmmap::FaultOutcome::Sigsegv:
		// bad_area_nosemaphore(): the "segfault at" line and SIGSEGV (SEGV_MAPERR).
		pop_frame(t, 0);
		user_fault(cpu, t, fault, DeviceFault::Sigsegv);
		return;
	}
	r.resume = R::ExitToUser;
}

bool Kernel::fault_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	// vmf_insert_pfn(vma, addr, pfn) and vm_insert_page(vma, addr, page) (mm/memory.c):
	// one page into the current process's mapping, with vma->vm_page_prot's access.
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Task& task = m.tasks[t];
	uint64_t vma = arg(0), addr = arg(1), prot = 0, flags = 0;
	(void)m.kmem.load(vma + VMA::vm_page_prot, prot);
	(void)m.kmem.load(vma + VMA::vm_flags, flags);
	bool writable = prot & 0x2;   // _PAGE_RW
	bool pfn = call.id == abi::BuiltinId::vmf_insert_pfn;
	uint64_t kaddr = pfn ? devmmap::kPageOffset + arg(2) * vm::kPageSize : devmmap::page_kaddr(arg(2));
	int64_t err = -abi::kEFAULT;
	if (!pfn && (flags & devmmap::VM_PFNMAP)) {
		err = -abi::kEINVAL;   // vm_insert_page(): BUG_ON(vma->vm_flags & VM_PFNMAP) in Linux
	} else if (task.user && kaddr) {
		err = devmmap::insert_page(m.kmem, task.user->mm, vma, addr, kaddr, devmmap::PageMapping::Same, writable);
		if (err == 0 && !pfn)
			(void)m.kmem.store(vma + VMA::vm_flags, flags | devmmap::VM_MIXEDMAP);
	}
	uint64_t ret = static_cast<uint64_t>(err);
	// vmf_insert_pfn(): VM_FAULT_NOPAGE when mapped, VM_FAULT_SIGBUS for an address
	// outside the vma (kctx: or memory it does not hold).
	if (pfn)
		ret = err == 0 ? devmmap::VM_FAULT_NOPAGE : devmmap::VM_FAULT_SIGBUS;
	finish_builtin(t, ret);
	(void)cpu;
	return true;
}

void trace_page_fault(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__do_fault+0x36/0x130");
	add("do_fault+0x1c9/0x410");
	add("__handle_mm_fault+0x5d6/0xd90");
	trace_fault_in(m, task, f, out);   // handle_mm_fault() and the exception entry below it
}

}  // namespace kctx::kernel
