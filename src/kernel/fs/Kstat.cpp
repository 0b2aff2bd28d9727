// fs/stat.c cp_new_stat() for x86-64: every field at abi/Layout.h's offset.
#include "kernel/fs/Kstat.h"

#include <cstring>

#include "abi/Layout.h"

namespace kctx::kernel {

namespace {
namespace SL = abi::layout::stat;

template <typename T>
void put(std::array<uint8_t, SL::size>& out, uint32_t offset, T v)
{
	std::memcpy(out.data() + offset, &v, sizeof v);
}
}   // namespace

std::array<uint8_t, 144> cp_new_stat(const Kstat& st)
{
	static_assert(SL::size == 144);
	std::array<uint8_t, SL::size> out{};
	auto secs = static_cast<int64_t>(st.time_ns / 1'000'000'000);
	auto nsec = static_cast<int64_t>(st.time_ns % 1'000'000'000);
	put(out, SL::st_dev, new_encode_dev(st.dev));
	put(out, SL::st_ino, st.ino);
	put(out, SL::st_nlink, uint64_t{st.nlink});
	put(out, SL::st_mode, st.mode);
	put(out, SL::st_uid, st.uid);
	put(out, SL::st_gid, st.gid);
	put(out, SL::st_rdev, new_encode_dev(st.rdev));
	put(out, SL::st_size, st.size);
	put(out, SL::st_blksize, int64_t{st.blksize});
	put(out, SL::st_blocks, st.blocks);
	for (uint32_t at : {SL::st_atim, SL::st_mtim, SL::st_ctim}) {
		put(out, at, secs);
		put(out, at + 8, nsec);
	}
	return out;
}

}   // namespace kctx::kernel
