#include "check/MachineWriter.h"

#include <type_traits>

#include "base/Hash.h"

namespace kctx::check {

namespace {

using namespace kernel;

// The tables a step rarely writes. A table that changes often (the CPUs, the timers,
// kernel memory, lockdep's held locks) would only cost a comparison and a copy more.
template <typename T>
constexpr bool kRemembered =
	std::is_same_v<T, DeviceModelState> || std::is_same_v<T, SlabState> || std::is_same_v<T, VfsState> ||
	std::is_same_v<T, PidState> || std::is_same_v<T, WorkqueueState> || std::is_same_v<T, RamState> ||
	std::is_same_v<T, IrqState> || std::is_same_v<T, PrintkState> || std::is_same_v<T, ModuleArea> ||
	std::is_same_v<T, HungTaskCheck> || std::is_same_v<T, std::vector<Module>> ||
	std::is_same_v<T, std::vector<ImageSlot>> || std::is_same_v<T, std::map<uint64_t, Work>> ||
	std::is_same_v<T, std::map<uint64_t, std::vector<Waiter>>> || std::is_same_v<T, std::set<std::string>>;

// An archive that lists the fields of Machine::serialize() and how to handle each.
struct TableList {
	static constexpr bool reading = false;
	const char* base;
	std::vector<MachineWriter::Field> fields;

	template <typename... Ts>
	void operator()(Ts&... vs)
	{
		(add(vs), ...);
	}
	template <typename T>
	void add(T& v)
	{
		MachineWriter::Field f;
		f.offset = static_cast<size_t>(reinterpret_cast<const char*>(&v) - base);
		f.write = [](StateWriter& w, void* p) { w(*static_cast<T*>(p)); };
		if constexpr (kRemembered<T>) {
			f.equal = [](const void* a, const void* b) { return *static_cast<const T*>(a) == *static_cast<const T*>(b); };
			f.copy = [](const void* p) -> std::shared_ptr<void> { return std::make_shared<T>(*static_cast<const T*>(p)); };
		}
		fields.push_back(std::move(f));
	}
};

}  // namespace

MachineWriter::MachineWriter(bool digest) : m_digest(digest)
{
	Machine probe;   // the fields' places, once (every Machine has the same layout)
	TableList list{reinterpret_cast<const char*>(&probe), {}};
	probe.serialize(list);
	m_fields = std::move(list.fields);
	if (digest)
		m_field_writer.digest_blocks(vm::kPageSize);
}

void MachineWriter::write(Machine& m, StateWriter& out)
{
	char* base = reinterpret_cast<char*>(&m);
	for (Field& f : m_fields) {
		void* p = base + f.offset;
		if (!f.equal) {
			f.write(out, p);
			continue;
		}
		if (!f.last || !f.equal(f.last.get(), p)) {
			m_field_writer.clear();
			f.write(m_field_writer, p);
			std::string_view b = m_field_writer.bytes();
			if (m_digest) {
				uint64_t digest = hash_bytes(b.data(), b.size());
				f.part.assign(reinterpret_cast<const char*>(&digest), sizeof digest);
			} else {
				f.part.assign(b);
			}
			f.last = f.copy(p);
		}
		out.raw(f.part.data(), f.part.size());
	}
}

}  // namespace kctx::check
