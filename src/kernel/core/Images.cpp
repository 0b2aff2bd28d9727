#include "kernel/core/Images.h"

#include "kernel/core/Kernel.h"
#include "kernel/user/Vdso.h"

namespace kctx::kernel {

const vm::Program* slot_program(const ImageSlot& slot, const Code& code)
{
	switch (slot.kind) {
	case ImageSlot::Kind::Init: return code.init.get();
	case ImageSlot::Kind::Program: return slot.index < code.programs.size() ? code.programs[slot.index].get() : nullptr;
	case ImageSlot::Kind::Module: return slot.index < code.modules.size() ? code.modules[slot.index].get() : nullptr;
	case ImageSlot::Kind::Vdso: return &vdso_program();
	}
	return nullptr;
}

std::vector<vm::Image> image_table(const Machine& m, const Code& code)
{
	std::vector<vm::Image> images;
	images.reserve(m.images.size());
	for (const ImageSlot& s : m.images)
		images.push_back({slot_program(s, code), s.text_base, s.data_base, s.unloaded});
	return images;
}

}  // namespace kctx::kernel
