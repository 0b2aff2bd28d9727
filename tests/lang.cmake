# The kernel-C language (src/lang): scenarios that exercise what the front end accepts.
# Regenerate with KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(stdarg)$' and read the diff.

# Variadic wrappers: a module's dbg() around vprintk(), vscnprintf()/scnprintf(), and
# user programs' vfprintf()/vsnprintf()/vprintf() wrappers and die().
kctx_golden(stdarg examples/stdarg 0)
