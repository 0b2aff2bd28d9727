// A random user program that drives the module's device: open, read, write, ioctl
// (with good, NULL and wild pointers), lseek, close and reopen, fork and wait,
// malloc/free, printf, usleep, loops and branches on what the calls return.
#pragma once

#include <string>

#include "Choices.h"

namespace kctx::fuzz {

[[nodiscard]] std::string generate_program(Choices& c, const std::string& device);

}  // namespace kctx::fuzz
