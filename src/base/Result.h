// Result<T>: a value or a user-facing error message. kctx does not throw; fallible
// operations return a Result and callers propagate it with KCTX_TRY.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "base/Check.h"

namespace kctx {

struct Error {
	std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
	Result(T value) : m_v(std::move(value)) {}
	Result(Error error) : m_v(std::move(error)) {}

	[[nodiscard]] bool ok() const { return m_v.index() == 0; }
	explicit operator bool() const { return ok(); }
	T& value() { KCTX_CHECK(ok()); return std::get<0>(m_v); }
	const T& value() const { KCTX_CHECK(ok()); return std::get<0>(m_v); }
	T& operator*() { return value(); }
	T* operator->() { return &value(); }
	const Error& error() const { KCTX_CHECK(!ok()); return std::get<1>(m_v); }
	Error take_error() { KCTX_CHECK(!ok()); return std::move(std::get<1>(m_v)); }

private:
	std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
	Result() = default;
	Result(Error error) : m_error(std::move(error)), m_failed(true) {}
	[[nodiscard]] bool ok() const { return !m_failed; }
	explicit operator bool() const { return ok(); }
	const Error& error() const { KCTX_CHECK(m_failed); return m_error; }
	Error take_error() { KCTX_CHECK(m_failed); return std::move(m_error); }

private:
	Error m_error;
	bool m_failed = false;
};

}  // namespace kctx

// Evaluates a Result; on error returns it from the enclosing function, else yields the value.
#define KCTX_TRY(expr)                                        \
	({                                                    \
		auto kctx_try_ = (expr);                      \
		if (!kctx_try_.ok())                          \
			return kctx_try_.take_error();        \
		std::move(kctx_try_.value());                 \
	})

#define KCTX_TRY_VOID(expr)                                   \
	do {                                                  \
		auto kctx_try_ = (expr);                      \
		if (!kctx_try_.ok())                          \
			return kctx_try_.take_error();        \
	} while (0)
