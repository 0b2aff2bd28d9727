# Modules as out-of-tree code uses them: EXPORT_SYMBOL between modules, references a
# module takes on itself, /sys/module/NAME and its parameters, the kernel's sscanf and
# static keys (src/kernel/module/Symbols.cpp, ModuleRefs.cpp, ModuleSysfs.cpp).
kctx_golden(modsyms examples/modsyms 0)
kctx_golden(modpin examples/modpin 0)
