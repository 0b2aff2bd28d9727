#include "probe/run/Format.h"

#include <algorithm>
#include <cstdio>

namespace kctx::probe {

namespace {

bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// One conversion's spec: %[flags][width][.precision]conv.
struct Spec {
	std::string flags;
	int width = -1;
	int precision = -1;
	char conv = 0;
};

// Wider fields than this are a script bug; they must not grow the output without bound.
constexpr int kMaxWidth = 4096;

std::string c_format(const Spec& sp, const char* length, char conv, auto value)
{
	std::string f = "%" + sp.flags;
	if (sp.width >= 0)
		f += std::to_string(sp.width);
	if (sp.precision >= 0)
		f += "." + std::to_string(sp.precision);
	f += length;
	f += conv;
	int n = std::snprintf(nullptr, 0, f.c_str(), value);
	std::string out(static_cast<size_t>(n < 0 ? 0 : n), '\0');
	std::snprintf(out.data(), out.size() + 1, f.c_str(), value);
	return out;
}

std::string convert(const Spec& sp, const Value& v)
{
	switch (sp.conv) {
	case 'd':
	case 'i': return c_format(sp, "ll", 'd', static_cast<long long>(v.num()));
	case 'u':
	case 'o':
	case 'x':
	case 'X': return c_format(sp, "ll", sp.conv, static_cast<unsigned long long>(v.num()));
	case 'c': return c_format(sp, "", 'c', static_cast<int>(v.num() & 0xff));
	case 'p': {
		// runtime/vsprintf.c: %p is zero-padded to a pointer's width with its 0x.
		Spec p = sp;
		p.flags += "#0";
		if (p.width < 0)
			p.width = 18;
		return c_format(p, "ll", 'x', static_cast<unsigned long long>(v.num()));
	}
	default: {
		std::string s = v.str();
		return c_format(sp, "", 's', s.c_str());
	}
	}
}

}  // namespace

std::string unescape(const std::string& raw)
{
	std::string out;
	for (size_t i = 0; i < raw.size(); i++) {
		if (raw[i] != '\\' || i + 1 == raw.size()) {
			out += raw[i];
			continue;
		}
		char c = raw[++i];
		switch (c) {
		case 'n': out += '\n'; break;
		case 't': out += '\t'; break;
		case 'r': out += '\r'; break;
		case 'a': out += '\a'; break;
		case 'b': out += '\b'; break;
		case 'f': out += '\f'; break;
		case 'v': out += '\v'; break;
		case 'x': {
			int v = 0, digits = 0;
			while (digits < 2 && i + 1 < raw.size() && hex_digit(raw[i + 1]) >= 0)
				v = v * 16 + hex_digit(raw[++i]), digits++;
			out += static_cast<char>(v);
			break;
		}
		default:
			if (is_octal(c)) {
				int v = c - '0', digits = 1;
				while (digits < 3 && i + 1 < raw.size() && is_octal(raw[i + 1]))
					v = v * 8 + (raw[++i] - '0'), digits++;
				out += static_cast<char>(v);
				break;
			}
			out += c;   // \\ \" \' and anything else stand for themselves
		}
	}
	return out;
}

std::optional<std::string> format_printf(const std::string& format, std::span<const Value> args, std::string& error)
{
	std::string out;
	size_t next = 0;
	for (size_t i = 0; i < format.size(); i++) {
		if (format[i] != '%') {
			out += format[i];
			continue;
		}
		if (i + 1 < format.size() && format[i + 1] == '%') {
			out += '%';
			i++;
			continue;
		}
		Spec sp;
		size_t j = i + 1;
		while (j < format.size() && std::string_view("-+ #0").find(format[j]) != std::string_view::npos)
			sp.flags += format[j++];
		auto number = [&](int& into) {
			if (j < format.size() && format[j] == '*') {
				j++;
				into = next < args.size() ? static_cast<int>(std::clamp<int64_t>(args[next++].num(), -kMaxWidth, kMaxWidth)) : 0;
				return;
			}
			while (j < format.size() && format[j] >= '0' && format[j] <= '9')
				into = std::min((into < 0 ? 0 : into) * 10 + (format[j++] - '0'), kMaxWidth);
		};
		number(sp.width);
		if (j < format.size() && format[j] == '.') {
			j++;
			sp.precision = 0;
			number(sp.precision);
		}
		if (j >= format.size()) {
			error = "invalid format string";
			return std::nullopt;
		}
		sp.conv = format[j];
		i = j;
		if (next >= args.size()) {
			error = "too few arguments for format";
			return std::nullopt;
		}
		out += convert(sp, args[next++]);
	}
	return out;
}

}  // namespace kctx::probe
