// A random kernel module, from a grammar of what drivers do: helper functions, loops,
// spinlocks (plain, _irqsave, _bh), mutexes, irq and preempt sections, kmalloc/kzalloc/
// vmalloc and kfree, a timer_list that rearms itself, a work item, a wait queue,
// printk with widths, sleeps and delays, WARN_ON/BUG_ON, user copies in a misc device's
// read/write/ioctl, a module parameter, module_init and module_exit. The text always
// compiles; what it does when it runs may be any bug a module can have (a sleep in
// atomic context, a use after free, an unbalanced lock, a division by zero), which the
// simulated kernel reports as Linux does.
#pragma once

#include <string>

#include "Choices.h"

namespace kctx::fuzz {

// The module's source; its misc device is /dev/`device` (the module's name too).
[[nodiscard]] std::string generate_module(Choices& c, const std::string& device);

}  // namespace kctx::fuzz
