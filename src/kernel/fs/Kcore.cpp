// fs/proc/kcore.c (Linux 6.1) read_kcore(): the ELF header (ET_CORE, EM_X86_64), the
// program headers, then the memory. Each segment's file offset is
// kc_vaddr_to_offset(addr) + data_offset, where kc_vaddr_to_offset(v) is v - PAGE_OFFSET
// (include/linux/kcore.h on x86_64) and data_offset the header, page aligned.
#include "kernel/fs/Kcore.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernel/mm/DevMem.h"
#include "vm/Memory.h"

namespace kctx::kernel {

namespace {

constexpr uint64_t kTextStart = 0xffffffff81000000ull;   // _text (no KASLR)
constexpr uint64_t kTextSize = 0x2000000;                 // _text to _end, as kctx's symbols span
constexpr uint64_t kVmallocStart = 0xffffc90000000000ull; // VMALLOC_START, 4-level paging
constexpr uint64_t kVmallocSize = 32ull << 40;            // VMALLOC_SIZE_TB 32
constexpr uint64_t kModulesVaddr = 0xffffffffa0000000ull; // MODULES_VADDR
constexpr uint64_t kModulesEnd = 0xffffffffff000000ull;   // MODULES_END
constexpr uint32_t kPtLoad = 1, kPtNote = 4;
constexpr uint32_t kPfR = 4, kPfW = 2, kPfX = 1;

struct Segment {
	uint32_t type;
	uint64_t vaddr, paddr, size;
};

template <typename T>
void put(std::string& out, T v)
{
	char b[sizeof(T)];
	std::memcpy(b, &v, sizeof(T));
	out.append(b, sizeof(T));
}

// kcore_list in 6.1's proc_kcore_init() order: the note, text, vmalloc, modules, then RAM.
// The machine's memory map is fixed (DevMem.h's e820 table), so the list is made once.
std::vector<Segment> make_segments()
{
	std::vector<Segment> segs;
	segs.push_back({kPtNote, 0, 0, 0});
	segs.push_back({kPtLoad, kTextStart, 0x1000000, kTextSize});   // __pa_symbol(_text)
	segs.push_back({kPtLoad, kVmallocStart, ~0ull, kVmallocSize});
	segs.push_back({kPtLoad, kModulesVaddr, ~0ull, kModulesEnd - kModulesVaddr});
	for (const physmem::E820Entry& e : physmem::e820_table())
		if (e.type == physmem::E820Type::Usable)
			segs.push_back({kPtLoad, physmem::kPageOffset + e.start, e.start, e.end + 1 - e.start});
	return segs;
}

const std::vector<Segment>& segments()
{
	static const std::vector<Segment> segs = make_segments();
	return segs;
}

constexpr uint64_t kEhdr = 64, kPhdr = 56;

// The headers' end, page aligned: where kc_vaddr_to_offset(PAGE_OFFSET) lands.
uint64_t data_offset(size_t nsegs)
{
	return (kEhdr + kPhdr * nsegs + physmem::kPageSize - 1) & ~(physmem::kPageSize - 1);
}

}  // namespace

uint64_t kcore_size()
{
	const std::vector<Segment>& segs = segments();
	uint64_t data = data_offset(segs.size());
	uint64_t end = data;
	for (const Segment& s : segs)
		if (s.type == kPtLoad)
			end = std::max(end, s.vaddr - physmem::kPageOffset + data + s.size);
	return end;
}

std::string kcore_read(const vm::Memory& kmem, uint64_t pos, uint64_t count)
{
	const std::vector<Segment>& segs = segments();
	uint64_t data = data_offset(segs.size());
	uint64_t size = kcore_size();
	if (pos >= size)
		return {};
	count = std::min(count, size - pos);
	std::string out;
	std::string header = pos < data ? kcore_header() : std::string();
	while (count > 0) {
		// A page at a time, as read_kcore() walks tsz-sized pieces.
		uint64_t n = std::min(count, physmem::kPageSize - (pos & (physmem::kPageSize - 1)));
		std::string piece(n, '\0');
		if (pos < data) {
			n = std::min(n, data - pos);
			piece.assign(header, pos, n);
		} else {
			uint64_t vaddr = pos - data + physmem::kPageOffset;
			for (const Segment& s : segs)
				if (s.type == kPtLoad && vaddr >= s.vaddr && vaddr - s.vaddr < s.size &&
				    !kmem.read(vaddr, piece.data(), n))
					piece.assign(n, '\0');
		}
		out += piece;
		pos += n;
		count -= n;
	}
	return out;
}

std::string kcore_header()
{
	const std::vector<Segment>& segs = segments();
	uint64_t headers = kEhdr + kPhdr * segs.size();
	uint64_t data = data_offset(segs.size());
	std::string out;
	out.append("\x7f" "ELF", 4);
	out += static_cast<char>(2);   // ELFCLASS64
	out += static_cast<char>(1);   // ELFDATA2LSB
	out += static_cast<char>(1);   // EV_CURRENT
	out += static_cast<char>(0);   // ELFOSABI_NONE
	out.append(8, '\0');
	put<uint16_t>(out, 4);         // ET_CORE
	put<uint16_t>(out, 62);        // EM_X86_64
	put<uint32_t>(out, 1);
	put<uint64_t>(out, 0);         // e_entry
	put<uint64_t>(out, kEhdr);     // e_phoff
	put<uint64_t>(out, 0);         // e_shoff
	put<uint32_t>(out, 0);         // e_flags
	put<uint16_t>(out, kEhdr);
	put<uint16_t>(out, kPhdr);
	put<uint16_t>(out, static_cast<uint16_t>(segs.size()));
	put<uint16_t>(out, 0);         // e_shentsize
	put<uint16_t>(out, 0);         // e_shnum
	put<uint16_t>(out, 0);         // e_shstrndx
	for (const Segment& s : segs) {
		bool note = s.type == kPtNote;
		put<uint32_t>(out, s.type);
		put<uint32_t>(out, note ? 0 : kPfR | kPfW | kPfX);
		// The notes (NT_PRSTATUS, NT_PRPSINFO, NT_TASKSTRUCT, VMCOREINFO) are not
		// simulated: an empty PT_NOTE right after the headers.
		put<uint64_t>(out, note ? headers : s.vaddr - physmem::kPageOffset + data);
		put<uint64_t>(out, s.vaddr);
		put<uint64_t>(out, s.paddr);
		put<uint64_t>(out, s.size);   // p_filesz
		put<uint64_t>(out, s.size);   // p_memsz
		put<uint64_t>(out, note ? 4 : physmem::kPageSize);
	}
	out.resize(data, '\0');
	return out;
}

}  // namespace kctx::kernel
