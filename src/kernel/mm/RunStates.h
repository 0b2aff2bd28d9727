// Memory: the page-fault path of a user copy, and a user access that a driver's
// vm_operations_struct.fault serves.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel {

// Which way a user copy goes: copy_from_user()/get_user(), copy_to_user()/put_user(), or
// clear_user() (zeroes user memory; no kernel side).
enum class CopyDirection : uint8_t { FromUser, ToUser, ClearUser };
// What a user copy returns: copy_*_user() and clear_user() the bytes not copied,
// get_user()/put_user() 0 or -EFAULT.
enum class CopyReturn : uint8_t { BytesLeft, ZeroOrEfault };

namespace run {

// A user copy (copy_from_user(), copy_to_user(), clear_user(), get_user(), put_user()),
// page by page; a user page that is not resident is faulted in by handle_mm_fault()
// (mm/memory.c), where the task sleeps while the page comes in.
struct FaultIn {
	enum class Resume : uint8_t {
		Start,      // copy page by page, from the first byte
		Faulted,    // back from the fault's sleep: the page is in; copy again from the first byte
	};
	Resume resume = Resume::Start;
	uint64_t dst = 0;     // where the bytes go (a user address for ToUser and ClearUser)
	uint64_t src = 0;     // where they come from (a user address for FromUser; unused by ClearUser)
	uint64_t bytes = 0;   // how many
	CopyDirection dir = CopyDirection::FromUser;
	CopyReturn returns = CopyReturn::BytesLeft;
	bool operator==(const FaultIn&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, dst, src, bytes, dir, returns); }
};

// A user access to a page of a device mapping that its driver's ->mmap left unmapped,
// whose vma->vm_ops has a ->fault (mm/memory.c handle_mm_fault() -> do_fault() ->
// __do_fault()): the driver's fault handler runs on the task's stack with a struct
// vm_fault, then finish_fault() maps the page it returned in vmf->page (or
// vmf_insert_pfn() already did), or the fault becomes SIGBUS/SIGSEGV; back in user mode
// the access runs again.
struct PageFault {
	enum class Resume : uint8_t {
		Start,       // do_user_addr_fault(): build the struct vm_fault, call ->fault
		Called,      // back from ->fault: its vm_fault_t in the frame's ret
		ExitToUser,  // irqentry_exit_to_user_mode(): reschedule, then signals
	};
	Resume resume = Resume::Start;
	uint64_t address = 0;   // the faulting user address (vmf->real_address)
	bool write = false;     // a store (FAULT_FLAG_WRITE)
	uint64_t vma = 0;       // the mapping's struct vm_area_struct
	uint64_t vmf = 0;       // the struct vm_fault handed to ->fault (kernel memory)
	bool operator==(const PageFault&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, address, write, vma, vmf); }
};

}  // namespace run
}  // namespace kctx::kernel
