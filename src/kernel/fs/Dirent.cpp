// fs/readdir.c filldir64() and ksys_getdents64(): records packed back to back, each one's
// d_off the file position after it (the last one's is ctx->pos when the call ends).
#include "kernel/fs/Dirent.h"

#include <cstring>

#include "abi/Errno.h"
#include "abi/Layout.h"

namespace kctx::kernel {

namespace {
namespace DL = abi::layout::linux_dirent64;
}

DirentBatch pack_dirents(std::span<const DirEntry> entries, size_t first, uint64_t count)
{
	DirentBatch batch;
	batch.next = first;
	for (size_t i = first; i < entries.size(); i++) {
		const DirEntry& e = entries[i];
		uint64_t reclen = (DL::d_name + e.name.size() + 1 + 7) & ~uint64_t{7};
		if (reclen > count - batch.bytes.size()) {
			if (batch.bytes.empty())
				batch.error = -abi::kEINVAL;
			break;
		}
		size_t at = batch.bytes.size();
		batch.bytes.resize(at + reclen, '\0');
		char* rec = batch.bytes.data() + at;
		auto off = static_cast<int64_t>(i + 1);
		auto len = static_cast<uint16_t>(reclen);
		std::memcpy(rec + DL::d_ino, &e.ino, 8);
		std::memcpy(rec + DL::d_off, &off, 8);
		std::memcpy(rec + DL::d_reclen, &len, 2);
		rec[DL::d_type] = static_cast<char>(e.type);
		std::memcpy(rec + DL::d_name, e.name.data(), e.name.size());
		batch.next = i + 1;
	}
	return batch;
}

}   // namespace kctx::kernel
