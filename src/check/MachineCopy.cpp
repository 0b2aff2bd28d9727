#include "check/MachineCopy.h"

#include <type_traits>

#include "base/Check.h"

namespace kctx::check {

namespace {

// The fields a step nearly always writes, or whose comparison costs a copy's work: they
// are assigned without a comparison. vm::Memory also drops its page caches on assignment
// (vm/Memory.h), which a skipped assignment would not.
template <typename T>
constexpr bool kAlwaysAssign = std::is_same_v<T, vm::Memory> || std::is_same_v<T, std::vector<kernel::Cpu>> ||
			       std::is_same_v<T, kernel::TaskTable> || std::is_arithmetic_v<T> || std::is_enum_v<T>;

// An archive that only notes where each field of the top-level list is.
struct FieldList {
	static constexpr bool reading = false;
	std::vector<void*> places;
	std::vector<bool (*)(const void*, const void*)> equals;
	std::vector<void (*)(void*, const void*)> assigns;

	template <typename... Ts>
	void operator()(Ts&... fields)
	{
		(note(fields), ...);
	}
	template <typename T>
	void note(T& field)
	{
		places.push_back(&field);
		if constexpr (kAlwaysAssign<T>)
			equals.push_back(nullptr);
		else
			equals.push_back([](const void* a, const void* b) { return *static_cast<const T*>(a) == *static_cast<const T*>(b); });
		assigns.push_back([](void* to, const void* from) { *static_cast<T*>(to) = *static_cast<const T*>(from); });
	}
};

}  // namespace

MachineCopier::MachineCopier(kernel::Machine& to, const kernel::Machine& from)
{
	FieldList a, b;
	to.serialize(a);
	// serialize() is not const (a reader writes through it); this archive only takes addresses.
	const_cast<kernel::Machine&>(from).serialize(b);
	KCTX_CHECK(a.places.size() == b.places.size());
	for (size_t i = 0; i < a.places.size(); i++)
		m_fields.push_back(Field{a.places[i], b.places[i], a.equals[i], a.assigns[i]});
}

void MachineCopier::copy()
{
	for (const Field& f : m_fields)
		if (!f.equal || !f.equal(f.to, f.from))
			f.assign(f.to, f.from);
}

}  // namespace kctx::check
