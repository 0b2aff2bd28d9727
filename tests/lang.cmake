# The kernel-C corpus (tests/lang/README.md): each tests/lang/NAME.c is one test,
# lang.NAME, that runs the program under the host gcc and under kctx and compares stdout
# and the exit status byte for byte. tests/lang/pending/ holds programs for features not
# built yet; they are not registered.
file(GLOB kctx_lang_programs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/lang/*.c)
foreach(src ${kctx_lang_programs})
  get_filename_component(name ${src} NAME_WE)
  add_test(NAME lang.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lang/check.sh $<TARGET_FILE:kctx> ${src}
            ${CMAKE_BINARY_DIR}/lang/${name})
endforeach()

# The kernel-C language (src/lang): scenarios that exercise what the front end accepts.
# Regenerate with KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(stdarg)$' and read the diff.

# Variadic wrappers: a module's dbg() around vprintk(), vscnprintf()/scnprintf(), and
# user programs' vfprintf()/vsnprintf()/vprintf() wrappers and die().
kctx_golden(stdarg examples/stdarg 0)

# A variable-length array on the 16 KiB kernel stack: 200 bytes are fine, 20000 run into
# the guard page: "BUG: TASK stack guard page was hit", a double fault, panic.
kctx_golden(vla_stack examples/vla_stack 1)
