// A vector whose elements are shared between copies until one copy writes: copying it
// copies a pointer per element, and the first mutable access to an element of a copy
// clones that element alone (copy-on-write). `kctx check` copies a Machine per transition
// and a step touches one or two of its tasks: the others stay shared, and a state hash
// can remember an unchanged element's digest by its address (check/Abstraction.h).
//
// It is still one value: it compares, serializes (as std::vector<T> does: the count,
// then each element) and copies as a vector of T would. What is not value is an element's
// address: a mutable access may move the element to a fresh clone, so a T& must not be
// kept across a copy of the vector (a write through it would reach the other copy too).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "base/Serialize.h"

namespace kctx {

template <typename T>
class CowVector {
public:
	// Called with each clone, before it is written: the owner's chance to fix host state a
	// copy of T does not take (a task's address-space bindings, vm/Memory.h). Host state
	// itself: neither copied nor compared.
	using CloneHook = void (*)(T&, void*);

	CowVector() = default;
	explicit CowVector(size_t n) { resize(n); }
	CowVector(const CowVector& o) : m_items(o.m_items) {}
	CowVector& operator=(const CowVector& o)
	{
		m_items = o.m_items;
		m_hook = nullptr;
		m_hook_ctx = nullptr;
		return *this;
	}
	// A move keeps the elements but not the hook: its context is the old owner's.
	CowVector(CowVector&& o) noexcept : m_items(std::move(o.m_items)) {}
	CowVector& operator=(CowVector&& o) noexcept
	{
		m_items = std::move(o.m_items);
		m_hook = nullptr;
		m_hook_ctx = nullptr;
		return *this;
	}

	[[nodiscard]] size_t size() const { return m_items.size(); }
	[[nodiscard]] bool empty() const { return m_items.empty(); }
	[[nodiscard]] const T& operator[](size_t i) const { return *m_items[i]; }
	// Mutable access: clones the element first if another copy shares it.
	[[nodiscard]] T& operator[](size_t i) { return mut(i); }
	[[nodiscard]] const T& back() const { return *m_items.back(); }
	[[nodiscard]] T& back() { return mut(m_items.size() - 1); }
	T& mut(size_t i)
	{
		std::shared_ptr<T>& p = m_items[i];
		if (p.use_count() > 1) [[unlikely]] {
			p = std::make_shared<T>(std::as_const(*p));
			if (m_hook)
				m_hook(*p, m_hook_ctx);
		}
		return *p;
	}
	// The element as shared storage (a digest cache keeps it alive by this).
	[[nodiscard]] const std::shared_ptr<T>& shared(size_t i) const { return m_items[i]; }
	[[nodiscard]] bool is_shared(size_t i) const { return m_items[i].use_count() > 1; }

	void push_back(T v) { m_items.push_back(std::make_shared<T>(std::move(v))); }
	template <typename... Args>
	T& emplace_back(Args&&... args)
	{
		m_items.push_back(std::make_shared<T>(std::forward<Args>(args)...));
		return *m_items.back();
	}
	void resize(size_t n)
	{
		size_t old = m_items.size();
		m_items.resize(n);
		for (size_t i = old; i < n; i++)
			m_items[i] = std::make_shared<T>();
	}
	void clear() { m_items.clear(); }
	void swap(CowVector& o) noexcept
	{
		m_items.swap(o.m_items);
		std::swap(m_hook, o.m_hook);
		std::swap(m_hook_ctx, o.m_hook_ctx);
	}
	void set_clone_hook(CloneHook hook, void* ctx)
	{
		m_hook = hook;
		m_hook_ctx = ctx;
	}

	template <typename Ref, typename Owner>
	class Iter {
	public:
		using iterator_category = std::forward_iterator_tag;
		using value_type = T;
		using difference_type = std::ptrdiff_t;
		using pointer = Ref*;
		using reference = Ref&;
		Iter() = default;
		Iter(Owner* v, size_t i) : m_v(v), m_i(i) {}
		Ref& operator*() const { return (*m_v)[m_i]; }
		Ref* operator->() const { return &(*m_v)[m_i]; }
		Iter& operator++()
		{
			m_i++;
			return *this;
		}
		Iter operator++(int)
		{
			Iter t = *this;
			m_i++;
			return t;
		}
		bool operator==(const Iter& o) const { return m_i == o.m_i; }
		bool operator!=(const Iter& o) const { return m_i != o.m_i; }

	private:
		Owner* m_v = nullptr;
		size_t m_i = 0;
	};
	// Iteration only reads, even of a non-const vector (a loop that wrote would clone
	// every shared element): a loop that writes indexes the elements it writes.
	using const_iterator = Iter<const T, const CowVector>;
	using iterator = const_iterator;
	const_iterator begin() const { return {this, 0}; }
	const_iterator end() const { return {this, size()}; }

	bool operator==(const CowVector& o) const
	{
		if (size() != o.size())
			return false;
		for (size_t i = 0; i < size(); i++)
			if (m_items[i] != o.m_items[i] && !(*m_items[i] == *o.m_items[i]))
				return false;
		return true;
	}

	template <typename Ar>
	void serialize(Ar& ar)
	{
		uint64_t n = size();
		if (!io_size(ar, n))
			return;
		if constexpr (Ar::reading) {
			m_items.clear();
			resize(n);
			for (auto& p : m_items)
				ar(*p);
		} else {
			for (auto& p : m_items)   // a writer only reads: no clone
				ar(*p);
		}
	}

private:
	std::vector<std::shared_ptr<T>> m_items;
	CloneHook m_hook = nullptr;
	void* m_hook_ctx = nullptr;
};

}  // namespace kctx
