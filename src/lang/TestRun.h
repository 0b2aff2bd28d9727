// Test support (header-only, for *.test.cpp): compile a snippet and run its functions on
// the bytecode interpreter against a minimal address space: the image's data loaded and
// relocated, a stack, and a few builtins answered by the harness itself.
#pragma once

#include <cstdlib>
#include <cstring>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

#include "lang/Compiler.h"
#include "vm/Disassembler.h"
#include "vm/Interpreter.h"
#include "vm/Memory.h"

namespace kctx::lang::testing {

inline constexpr uint64_t kTextBase = 0x400000;
inline constexpr uint64_t kDataBase = 0x600000;
inline constexpr uint64_t kHeapBase = 0x10000000;
inline constexpr uint64_t kStackTop = 0x7ff000000000;
inline constexpr uint64_t kStackSize = 1 << 20;

class Snippet {
public:
	explicit Snippet(const std::string& source, abi::World world = abi::World::User)
	{
		uint32_t id = m_sources.add("t.c", source);
		CompileOptions opt;
		opt.world = world;
		opt.program_name = "t";
		opt.defines = {{"HZ", "250"}, {"KBUILD_MODNAME", "\"t\""}};
		m_prog = compile(m_sources, id, opt, m_diags);
		if (!m_prog)
			return;
		if (std::getenv("KCTX_LANG_DUMP"))
			fprintf(stderr, "%s\n", vm::disassemble(*m_prog).c_str());
		m_mem.map(kStackTop - kStackSize, kStackSize, "[stack]");
		uint64_t data_size = std::max<uint64_t>(m_prog->data_size(), 1);
		m_mem.map(kDataBase, (data_size + vm::kPageSize - 1) / vm::kPageSize * vm::kPageSize, "data");
		m_mem.map(kHeapBase, 1 << 20, "heap");
		std::vector<uint8_t> data = m_prog->data;
		for (const vm::Relocation& r : m_prog->relocations) {
			uint64_t v = 0;
			switch (r.kind) {
			case vm::Relocation::Kind::Data: v = kDataBase + r.target + static_cast<uint64_t>(r.addend); break;
			case vm::Relocation::Kind::Function: v = kTextBase + m_prog->functions[r.target].text_offset; break;
			case vm::Relocation::Kind::Builtin: v = vm::builtin_address(static_cast<abi::BuiltinId>(r.target)); break;
			}
			std::memcpy(data.data() + r.offset, &v, 8);
		}
		if (!data.empty()) {
			EXPECT_TRUE(m_mem.write(kDataBase, data.data(), data.size()));
		}
		m_image = vm::Image{m_prog.get(), kTextBase, kDataBase};
	}

	[[nodiscard]] bool ok() const { return m_prog != nullptr; }
	[[nodiscard]] std::string diagnostics() const { return m_diags.render_all(m_sources); }
	[[nodiscard]] const vm::Program& program() const { return *m_prog; }
	vm::Memory& memory() { return m_mem; }

	// Calls `name` with `args`; returns its result. Faults fail the test.
	uint64_t call(const std::string& name, std::vector<uint64_t> args = {}, uint64_t budget = 100000000)
	{
		auto f = m_prog->find_function(name);
		EXPECT_TRUE(f) << "no function " << name;
		if (!f)
			return 0;
		vm::Thread t;
		t.sp = kStackTop;
		t.stack_limit = kStackTop - kStackSize;
		vm::ImageTable images(&m_image, 1);
		if (!vm::push_call(t, images, 0, *f, args)) {
			ADD_FAILURE() << "stack overflow at entry";
			return 0;
		}
		vm::NativeContext cx;
		cx.mem = vm::AddressSpace{&m_mem, nullptr};
		vm::NativeTable natives;
		while (true) {
			vm::RunResult r = vm::run(t, images, cx, natives, budget);
			m_executed += r.executed;
			switch (r.exit) {
			case vm::Exit::Return: return r.value;
			case vm::Exit::Budget: ADD_FAILURE() << "ran out of budget"; return 0;
			case vm::Exit::Fault:
				m_fault = r.fault;
				m_faulted = true;
				if (!m_expect_fault)
					ADD_FAILURE() << "fault " << static_cast<int>(r.fault) << " at 0x" << std::hex << r.fault_address;
				return 0;
			case vm::Exit::Builtin: vm::complete_builtin(t, builtin(r.call.id, vm::builtin_args(t, r.call))); break;
			}
		}
	}

	int64_t icall(const std::string& name, std::vector<uint64_t> args = {}) { return static_cast<int64_t>(call(name, std::move(args))); }
	double dcall(const std::string& name, std::vector<uint64_t> args = {})
	{
		uint64_t v = call(name, std::move(args));
		double d;
		std::memcpy(&d, &v, 8);
		return d;
	}
	std::string read_string(uint64_t addr)
	{
		std::string s;
		EXPECT_TRUE(m_mem.read_string(addr, s));
		return s;
	}
	[[nodiscard]] const std::string& output() const { return m_out; }
	[[nodiscard]] uint64_t executed() const { return m_executed; }
	void expect_fault() { m_expect_fault = true; }
	[[nodiscard]] bool faulted() const { return m_faulted; }
	[[nodiscard]] vm::FaultKind fault() const { return m_fault; }

private:
	// The harness's builtins: enough libc for the tests (output goes to output()).
	uint64_t builtin(abi::BuiltinId id, std::span<const uint64_t> a)
	{
		using abi::BuiltinId;
		switch (id) {
		case BuiltinId::strlen: return read_string(a[0]).size();
		case BuiltinId::putchar: m_out += static_cast<char>(a[0]); return a[0];
		case BuiltinId::puts: m_out += read_string(a[0]) + "\n"; return 0;
		case BuiltinId::printk:
		case BuiltinId::printf: {
			// Only %d %u %ld %lu %s %c %x %%: enough to check arguments arrive.
			std::string fmt = read_string(a[0]);
			size_t k = 1;
			for (size_t i = 0; i < fmt.size(); i++) {
				if (fmt[i] != '%') {
					m_out += fmt[i];
					continue;
				}
				i++;
				while (i < fmt.size() && (fmt[i] == 'l' || fmt[i] == 'z'))
					i++;
				if (i >= fmt.size())
					break;
				uint64_t v = k < a.size() ? a[k] : 0;
				switch (fmt[i]) {
				case 'd': m_out += std::to_string(static_cast<int64_t>(v)); k++; break;
				case 'u': m_out += std::to_string(v); k++; break;
				case 'x': {
					char buf[32];
					snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(v));
					m_out += buf;
					k++;
					break;
				}
				case 's': m_out += read_string(v); k++; break;
				case 'c': m_out += static_cast<char>(v); k++; break;
				case 'f': {
					double d;
					std::memcpy(&d, &v, 8);
					char buf[64];
					snprintf(buf, sizeof buf, "%f", d);
					m_out += buf;
					k++;
					break;
				}
				default: m_out += fmt[i]; break;
				}
			}
			return 0;
		}
		case BuiltinId::malloc: {
			uint64_t p = kHeapBase + m_heap;
			m_heap += (a[0] + 15) & ~15ull;
			return p;
		}
		case BuiltinId::free: return 0;
		case BuiltinId::__errno_location: return kHeapBase + (1 << 20) - 16;   // the heap's last bytes
		case BuiltinId::fflush: return 0;
		case BuiltinId::memset: {
			EXPECT_TRUE(m_mem.fill(a[0], static_cast<uint8_t>(a[1]), a[2]));
			return a[0];
		}
		case BuiltinId::memcpy: {
			std::vector<uint8_t> buf(a[2]);
			EXPECT_TRUE(m_mem.read(a[1], buf.data(), a[2]));
			EXPECT_TRUE(m_mem.write(a[0], buf.data(), a[2]));
			return a[0];
		}
		case BuiltinId::strcmp: {
			std::string x = read_string(a[0]), y = read_string(a[1]);
			return static_cast<uint64_t>(static_cast<int64_t>(x < y ? -1 : x > y ? 1 : 0));
		}
		case BuiltinId::rand: return static_cast<uint64_t>(m_rand = m_rand * 1103515245 + 12345) & 0x7fffffff;
		default: ADD_FAILURE() << "unexpected builtin " << abi::builtin(id).name; return 0;
		}
	}

	SourceSet m_sources;
	DiagnosticSink m_diags;
	std::shared_ptr<vm::Program> m_prog;
	vm::Memory m_mem;
	vm::Image m_image;
	std::string m_out;
	uint64_t m_heap = 0;
	uint64_t m_rand = 1;
	uint64_t m_executed = 0;
	bool m_expect_fault = false;
	bool m_faulted = false;
	vm::FaultKind m_fault = vm::FaultKind::Read;
};

}  // namespace kctx::lang::testing
